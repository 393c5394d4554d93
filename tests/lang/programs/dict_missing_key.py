d = {'a': 1}
print(d['a'])
print(d.get('b'))
print(d['b'])  # raises KeyError
