# the shortest text that reads back as the same float32
for v in [0.1, 0.2, 0.3, 1.414, 5.0, 1e30, 1e-30, 3.4e38, 123456.78, 16777216.0, 2.5e-5]:
    print(v, repr(v), str(v))
print(-0.0, 1e16, 1e15, 0.0001, 0.00001)
print([1.5, -2.25], (0.5,), [float("inf"), float("-inf"), float("nan")])
