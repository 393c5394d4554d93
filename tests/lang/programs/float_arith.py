# float arithmetic in binary32, printed with the shortest round-trip text
a = 1.5
b = 0.25
print(a + b, a - b, a * b, a / b)
print(0.1, 0.2, 0.5, 2.0, 100.0, 1e10, 1.5e-7)
print(1 + 0.5, 3 * 0.5, 2 - 0.25, 7 / 2, 1 / 4, 6 / 3)
print(-a, +a, abs(-2.5), abs(2.5))
x = 1.0
for i in range(5):
    x = x * 1.5
print(x)
