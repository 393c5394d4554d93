# comparisons mix ints and floats exactly
print(1 == 1.0, 2 < 2.5, 3 >= 3.0, 0.5 != 0.5, -1.5 < -1)
print(1.0 < 2 < 3.5, 2.0 > 2, 0.0 == -0.0)
nan = float("nan")
print(nan == nan, nan < 1, nan > 1, nan != nan)
inf = float("inf")
print(inf > 1e30, -inf < -1e30, inf == inf)
print(sorted([3.5, 1, 2.25, -0.5, 2]))
