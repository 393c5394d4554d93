print(2.0 ** -1)
print(0.0 ** -1)  # raises ZeroDivisionError
