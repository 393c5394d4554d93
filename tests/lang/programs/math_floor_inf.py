import math
print(math.floor(-0.5))
print(math.floor(float("inf")))  # raises OverflowError
