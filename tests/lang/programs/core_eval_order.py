def v(x):
    print("eval", x)
    return x
def f(a, b, c):
    return a + b + c
print(f(v(1), v(2), v(3)))
print(v(1) + v(2) * v(3))
a = [0, 0]
a[v(1)] = v(5)
print(a)
print([v(1), v(2)], (v(3), v(4)))
x, y = v(10), v(20)
print(x, y)
