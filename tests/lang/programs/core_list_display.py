a = [1, "two", (3,), [4, [5, []]], None, True]
print(a)
print(len(a), a[3][1][0], a[-1], a[3][1][1])
b = [[]] * 3
b[0].append(1)
print(b)
print([], [[]], [()], [""])
