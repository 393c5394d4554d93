def v(x):
    print("eval", x)
    return x
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 != 2, 1 <= 1 >= 1)
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
x = 5
print(0 <= x < 10, 0 <= x < 5, x == 5 == 5, 1 < x > 2, 1 < x in [5])
