print(abs(0), abs(5), abs(-5), abs(2147483647), abs(-2147483647), abs(True), abs(-False))
