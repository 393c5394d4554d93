print(abs(-0.0), abs(-3), abs(-1.5))
x = 3.75
print(int(x), round(x), -x, x * 2, x // 1, x % 1)
print(str(x) + "!", "v=" + repr(x))
