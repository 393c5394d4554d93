import math
print(math.exp(1), math.exp(0), math.log(1), math.log(8, 2), math.log(100, 10), math.log10(1000))
print(math.sin(0), math.sin(math.pi / 2), math.cos(0), math.tan(0.5))
print(math.asin(1), math.acos(0), math.atan(1), math.atan2(1, -1))
print(math.pow(2, 10), math.pow(2.5, 2), math.pow(4, 0.5))
