# a float parsed from text, floor division and modulo by an int, rounding halves to even
x = float("12.5")
print(x / 5, x // 5, x % 5, -x // 5, -x % 5)
print(int(x) * 2, round(x), round(-x), round(x, -1), round(0.5 + x))
