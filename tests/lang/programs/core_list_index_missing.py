a = [1, 2, 3, 2]
print(a.index(2), a.index(3))
print(a.index(5))  # raises ValueError
