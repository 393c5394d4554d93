print(round(1e9))
print(round(float("inf")))  # raises OverflowError
