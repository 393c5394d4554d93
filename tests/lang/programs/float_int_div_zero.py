print(7 / 7, 1 / 3 * 3)
print(5 / 0)  # raises ZeroDivisionError
