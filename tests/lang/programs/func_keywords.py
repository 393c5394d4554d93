def f(a, b, c=0):
    return a * 100 + b * 10 + c
print(f(1, 2), f(1, b=2), f(a=1, b=2), f(b=2, a=1), f(1, c=5, b=2))
def order(x, y):
    print('call', x, y)
    return x - y
def side(tag, value):
    print('eval', tag)
    return value
print(order(y=side('y', 1), x=side('x', 10)))
g = f
print(g(c=1, a=2, b=3))
def noargs():
    return 'none'
print(noargs())
