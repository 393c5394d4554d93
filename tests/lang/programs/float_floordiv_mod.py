# // and % on floats take the sign of the divisor, as in CPython
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2.0), (5, 0.5), (1.0, 3)]:
    print(a, b, a // b, a % b)
print(7 // 2.0, -7 // 2.0, 0.0 % 5)
