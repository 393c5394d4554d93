r = range(3)
print(r[2], r[-3])
print(r[3])  # raises IndexError
