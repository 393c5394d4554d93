# ** with float or negative exponents
print(2 ** -1, 2 ** -2, 10 ** -3, 2.0 ** 3, 2 ** 0.5, 9 ** 0.5)
print(1.5 ** 2, (-2.0) ** 3, 0.5 ** -2, 4.0 ** 0, 0.0 ** 0)
