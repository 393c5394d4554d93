t = (1, 2)
print(t[0])
t[0] = 5  # raises TypeError
