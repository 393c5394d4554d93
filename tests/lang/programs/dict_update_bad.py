d = {}
d.update([(1, 2)])
print(d)
d.update([(1, 2, 3)])  # raises ValueError
