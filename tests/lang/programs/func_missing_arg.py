def f(a, b, c=1):
    return a + b + c
print(f(1, 2))
f(1, c=2)  # raises TypeError
