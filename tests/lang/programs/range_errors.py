print(range(3), range(1, 3), range(1, 10, 2), len(range(0, 10, 3)), range(5)[-1])
print(4 in range(0, 10, 2), 5 in range(0, 10, 2), -1 in range(5), range(0) == range(2, 2))
r = range(1, 5)
print(r[0], r[3], not range(0), not r)
range(1, 2, 0)  # raises ValueError
