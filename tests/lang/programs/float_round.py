# round() halves to even; with ndigits, CPython's rounding of the value
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(3.7), round(-3.7))
print(round(7), round(-7), round(True))
print(round(3.14159, 2), round(2.5, 0), round(1234.5678, -2), round(15, -1), round(0.125, 2))
print(round(2.5) + 1, round(-2.5) - 1)
