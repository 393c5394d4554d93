import math
print(math.ceil(0.5))
print(math.ceil(float("nan")))  # raises ValueError
