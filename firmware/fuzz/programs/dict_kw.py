# Seed: dicts, comprehensions, keyword calls, lambdas, builtins.
def g(a, b=2, c='x'):
    return (a, b, c)


h = lambda x, y=3: x * y
d = {'a': 1, 'b': 2, (1, 2): 3, None: 4, 2.5: 5}
d['c'] = g(1, c='z', b=5)
del d['a']
print(d, len(d), d.get('q', h(2)), d.pop('b'), d.setdefault('e', []))
sq = {k: v for k, v in zip('xyz', range(3)) if v}
print(sq, sorted(sq, reverse=True), list(sq.items()), sq.keys(), sq.values())
print([h(x, y=i) for i, x in enumerate([1, 2, 3], start=1)], min(3, 1, 2), max([4, 5]),
      sum(range(5), 10), divmod(-7, 2), isinstance(d, dict), list(reversed((1, 2))))
for k in d:
    print(k, end=' ')
print(g(b=1, a=0), g(7), sep='|')
