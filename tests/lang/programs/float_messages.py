# floats inside exception messages and containers are printed by the same rules
import math
values = [1.5, math.inf, -math.inf, 0.1]
print(values, math.tau, math.nan, math.inf > 1e38, -math.inf < -1e38)
print(values.index(math.inf), 0.1 in values, 0.2 in values)
print(values.index(2.5))  # raises ValueError
