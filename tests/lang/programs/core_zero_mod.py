print(5 % 3, -5 % 3)
x = 0
print(5 % x)  # raises ZeroDivisionError
