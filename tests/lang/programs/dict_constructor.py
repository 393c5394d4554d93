print(dict())
print(dict([(1, 2), (3, 4)]))
print(dict([('a', 1), ('a', 2)]))
print(dict({'x': 1}))
print(dict(zip('abc', range(3))))
print(dict(enumerate('xy')))
d = {1: 'a'}
e = dict(d)
e[2] = 'b'
print(d, e)
print(dict([[1, 2], (3, 4)]))
