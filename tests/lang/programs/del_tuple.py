t = (1, 2, 3)
print(t)
del t[0]  # raises TypeError
