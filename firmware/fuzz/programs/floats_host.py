# Seed: floats on the core and on the host (printing, math, formatting, str methods).
import math
x = 0.1
for i in range(3):
    x = x * 3 + i / 7
    print(x, x // 0.5, x % 0.3, round(x, 2), int(x), float('1e3'), -x)
print(math.sqrt(2.0), math.floor(-2.5), math.exp(1), math.atan2(1, 2), math.pi, abs(-x))
print(f'{x:.3f}|{x!r}|{7:5d}', '%s %d %.2f %e' % ('a', 7, x, x), 2 ** -2, 2.0 ** 0.5)
print(' a,b '.strip().split(','), '-'.join(['p', 'q']), 'Hi'.upper(), 'abc'.find('c'),
      'xx'.replace('x', 'y', 1), 'ab'.startswith('a'), 'aaa'.count('a'))
print(1e38 * 10, float('nan') != float('nan'), 16777217.0, 1 / 3)
