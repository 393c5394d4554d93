print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2), divmod(0, 5))
print(divmod(True, 1), divmod(2147483647, 10))
q, r = divmod(100, 7)
print(q * 7 + r)
print(divmod(1, 0))  # raises ZeroDivisionError
