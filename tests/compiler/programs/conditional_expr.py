def sign(x):
    return -1 if x < 0 else 1 if x > 0 else 0


def describe(n):
    return "even" if n % 2 == 0 else "odd"


print(sign(-7), sign(0), sign(9))
print(describe(4), describe(7))
a = 3
b = 8
print(a if a > b else b, (a if a < b else b) * 2)
print("yes" if "" else "no", "yes" if "x" else "no")
print((1 if True else 2) + (3 if False else 4))
