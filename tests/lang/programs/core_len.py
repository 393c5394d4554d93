print(len(""), len("abc"), len("\u00e9\u20ac"), len([]), len([1, [2, 3]]), len(()), len((1,)))
print(len(range(0, 100, 7)), len(range(10, 0, -3)), len("a" * 50), len([0] * 1000))
