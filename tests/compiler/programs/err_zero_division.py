def ratio(a, b):
    return a // b  # raises ZeroDivisionError


print(ratio(7, 2))
print(ratio(1, 0))
