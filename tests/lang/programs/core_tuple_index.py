t = (5, "x", None, 5)
print(t.index(5), t.index("x"), t.index(None))
print(t.index(7))  # raises ValueError
