a = [1]
a.append(2)
print(a)
t = (1, 2)
t.append(3)  # raises AttributeError
