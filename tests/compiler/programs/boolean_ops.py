def side(name, value):
    print("eval", name)
    return value


print(0 or 5, 3 or 5, 0 and 5, 3 and 5)
print("" or "default", "x" or "default", None or 0, 0 or None)
print(1 and 2 and 3, 1 and 0 and 3, 0 or "" or None, 0 or "" or 7)
print(side("a", 0) and side("b", 1))
print(side("a", 1) or side("b", 0))
print(side("a", 1) and side("b", 0) or side("c", 2))
print(not 0, not 1, not "", not "x", not None, not not 5)
if side("p", 1) and not side("q", 0):
    print("both")
if side("p", 0) or side("q", 0) or side("r", 3):
    print("some")
x = 3
print(x > 2 and x < 5, x > 2 and "big", x < 2 or "small")
