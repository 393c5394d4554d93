d = {'a': 1, 'b': 2, 'c': 3}
k = d.keys()
v = d.values()
it = d.items()
print(k, v, it)
print(len(k), len(v), len(it))
print('a' in k, 'z' in k, 2 in v, 9 in v, ('a', 1) in it, ('a', 2) in it)
d['d'] = 4
print(k, list(v), list(it))
print(sorted(d.keys(), reverse=True), sum(d.values()))
print(list(d.items())[0], tuple(d))
print({}.keys(), {}.values(), {}.items())
