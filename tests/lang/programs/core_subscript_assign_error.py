a = [1, 2]
a[-2] = 0
print(a)
a[2] = 3  # raises IndexError
