a = [1, 2]
print(a[True], a[False])
print(a["0"])  # raises TypeError
