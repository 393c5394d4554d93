d = {'a': 1, 2: (3, 4), (5, 6): 'tuple key', None: 0}
print(d)
print(len(d), d['a'], d[2], d[(5, 6)], d[None])
d['a'] = 10
d['new'] = [1, 2]
print(d)
print('a' in d, 'zz' in d, (5, 6) in d, 'a' not in d)
print({}, len({}), bool({}), bool({0: 0}))
e = {}
e[3] = 'c'
e[1] = 'a'
e[2] = 'b'
print(e, list(e))
