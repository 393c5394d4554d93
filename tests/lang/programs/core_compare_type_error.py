print(1 < 2, "a" < "b")
x = 1
print(x < "a")  # raises TypeError
