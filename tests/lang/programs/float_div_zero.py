print(1.0 / 4)
print(1 / 0.5)
print(3.0 / 0)  # raises ZeroDivisionError
