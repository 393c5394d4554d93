a = [3, False, True, 2]
a.sort()
print(a)
b = [(2, "b"), (1, "z"), (2, "a")]
print(sorted(b))
[1, "a"].sort()  # raises TypeError
