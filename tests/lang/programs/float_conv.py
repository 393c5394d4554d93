print(float(3), float(-7), float(True), float(2.5), float())
print(float("1.25"), float("  -3.5 "), float("1e3"), float("inf"), float("-inf"), float("nan"))
print(int(7.9), int(-7.9), int(0.5), int(-0.0), int(1e9))
print(str(0.1), repr(2.5), str(1.0), repr(-0.0))
