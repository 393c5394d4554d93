d = {1: 1, 2: 2}
for k in d:
    d[k] = 0
print(d)
for k in d:  # raises RuntimeError
    d[k + 10] = 1
