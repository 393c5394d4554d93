def f(a, b):
    return a + b
print(f(1, 2))
x = 5
print(x(1))  # raises TypeError
