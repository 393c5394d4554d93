# Positional-only parameters (`/`): passed by position, with defaults; naming one is a TypeError.
def f(a, /, b=2):
    return a * 10 + b


def g(a, b, /):
    return a - b


print(f(1), f(1, 3), f(1, b=4), g(9, 4))
try:
    f(a=1)
except TypeError:
    print('a is positional-only')
try:
    g(1, b=2)
except TypeError:
    print('b is positional-only')
h = lambda x, /, y=5: x + y
print(h(1), h(1, 2), h(1, y=3))
