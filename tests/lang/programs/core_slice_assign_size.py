a = [0, 1, 2, 3]
a[::2] = [9, 9]
print(a)
a[::2] = [1, 2, 3]  # raises ValueError
