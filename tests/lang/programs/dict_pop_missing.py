d = {(1, 2): 3}
print(d.pop((1, 2)))
print(d)
d.pop((1, 2))  # raises KeyError
