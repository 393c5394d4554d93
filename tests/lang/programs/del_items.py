a = list(range(10))
del a[0]
print(a)
del a[-1]
print(a)
del a[2:4]
print(a)
del a[::2]
print(a)
b = list(range(10))
del b[::-3]
print(b)
del b[:]
print(b)
c = [1, 2, 3]
del c[5:]
print(c)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b'], d['a']
print(d)
m = [[1, 2], {'k': [3, 4]}]
del m[0][1], m[1]['k'][0]
print(m)
