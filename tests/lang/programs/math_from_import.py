from math import sqrt, pi, floor, e
from math import ceil as up
print(sqrt(9), pi, floor(pi), up(e), round(pi, 3))
r = 2.0
print(pi * r * r)
