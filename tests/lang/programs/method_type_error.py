t = (1, 2)
print(t.index(2))
t.append(3)  # raises AttributeError
