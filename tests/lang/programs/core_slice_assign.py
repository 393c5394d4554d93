a = [0, 1, 2, 3, 4, 5]
a[1:3] = ["x", "y", "z"]
print(a)
a[:0] = (-1,)
print(a)
a[len(a):] = range(2)
print(a)
a[2:5] = []
print(a)
a[::2] = "abcd"
print(a)
a[:] = a
print(a)
a[1::3] = [None, None]
print(a)
a[:] = []
print(a)
