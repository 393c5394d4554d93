print(int("42"), int("-7"), int("  13  "), int("+5"), int(True), int(False), int(), int(-3))
print(int("0"), int("-0"), int("2147483647"), int("-2147483648"), int(" 1_000 "))
