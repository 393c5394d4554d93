# Builtins on floats and keyword forms: isinstance with float, sum(start=), divmod of floats,
# float(), and `from math import *`.
from math import *
x = 7.5
print(isinstance(x, float), isinstance(1, float), isinstance(True, (float, int)),
      isinstance('1.5', float), isinstance(x, (str, float)))
print(sum([0.5, 0.25], start=1), sum([1, 2], start=0.5), sum((), start=2.5), sum([1.5, -1.5]))
print(divmod(x, 2), divmod(-x, 2), divmod(7, -2.5), divmod(-0.0, 1.0), divmod(1e10, 3.0))
print(float(), float(3), float(True), float('  -0.5 '), -float())
print(sqrt(16.0), floor(-1.5), ceil(-1.5), fabs(-2.0), pi, e, pow(2, 10), log10(1000))
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(1234.5, -2), round(7, -1))
