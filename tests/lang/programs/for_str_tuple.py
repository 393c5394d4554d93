for ch in "héllo":
    print(ch)
for t in (1, "two", None, (3,)):
    print(t)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for (a, b), c in [((1, 2), 3)]:
    print(a, b, c)
