d = {'x': 1, 'y': 2}
print(d.get('x'), d.get('z'), d.get('z', 'dflt'))
print(d.setdefault('x', 5), d.setdefault('w', 7), d.setdefault('v'), d)
print(d.pop('w'), d.pop('nope', 'gone'), d)
d.update({'y': 20, 'q': 3})
print(d)
d.update([('r', 4), ['s', 5]])
print(d)
c = d.copy()
c['x'] = 'copy'
print(d['x'], c['x'], c == d, c is d)
c.clear()
print(c, len(c), d == d.copy())
