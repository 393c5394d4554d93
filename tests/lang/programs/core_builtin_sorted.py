print(sorted([3, 1, 2]), sorted("hello"), sorted((5, -1, 0)), sorted([]), sorted(range(5, 0, -1)))
print(sorted(["b", "A", "a", "B", ""]), sorted([[2], [1, 5], [1]]), sorted([(2, "a"), (1, "b")]))
print(sorted([1, True, 0, False, 1]))
a = [3, 2, 1]
b = sorted(a)
print(a, b)
