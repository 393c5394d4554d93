a = [1, 2]
del a[1]
print(a)
del a[1]  # raises IndexError
