print(list(range(1, 4)))
r = range(1, 10, 0)  # raises ValueError
