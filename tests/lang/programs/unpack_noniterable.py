x = 5
a, b = x  # raises TypeError
