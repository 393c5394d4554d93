pairs = [(1, "a"), (2, "b"), (3, "c")]
for n, s in pairs:
    print(n, s * n)
for i, (x, y) in [(0, (1, 2)), (1, (3, 4))]:
    print(i, x + y)
for [a, b] in ((1, 2), [3, 4], "xy"):
    print(a, b)
print(n, s, i, x, y, a, b)
