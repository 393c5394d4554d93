def show(tag, value):
    print(tag, value)
    return value


print(1 < 2, 2 < 1, 1 <= 1, 1 > 1, 2 >= 1, 1 == 1, 1 != 1)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1 == 1, 1 == 1 != 1)
print(show("a", 1) < show("b", 2) < show("c", 3))
print(show("a", 3) < show("b", 2) < show("c", 1))
print(show("a", 1) < show("b", 2) > show("c", 3) < show("d", 4))
x = 5
print(0 <= x < 10, 0 <= x < 5, x is x, None is None, x is not None, None is not None)
print("b" in "abc", "z" in "abc", "ab" not in "abc", "" in "abc")
print("abc" < "abd", "abc" == "abc", "a" < "B", "" < "a", "abc" > "ab", "x" != "y")
print(True == 1, False == 0, True is True, (1 < 2) is True)
