import math
print(math.log(2.718281828))
print(math.log(0))  # raises ValueError
