print(5.0 % 3)
print(5.0 % 0.0)  # raises ZeroDivisionError
