def f(a, b=1):
    return a + b
print(f(a=5))
f(1, a=2)  # raises TypeError
