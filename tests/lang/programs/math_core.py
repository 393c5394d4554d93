import math
print(math.sqrt(2), math.sqrt(16), math.sqrt(0.25), math.sqrt(0.0), math.sqrt(7))
print(math.floor(2.5), math.floor(-2.5), math.floor(3), math.ceil(2.1), math.ceil(-2.1), math.ceil(5))
print(math.fabs(-3), math.fabs(2.5), math.fabs(-0.0))
print(math.pi, math.e, math.pi * 2)
print(math.floor(1.5) + 1, math.ceil(-0.5) - 1)
