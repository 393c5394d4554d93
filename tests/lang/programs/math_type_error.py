import math
print(math.sqrt(4))
print(math.sqrt("4"))  # raises TypeError
