def double(x):
    return 2 * x
def with_default(x, k=3):
    return x * k
table = {'d': double, 'w': with_default, 'l': len}
print(table['d'](4), table['w'](4), table['w'](4, k=5), table['l']('abc'))
ops = [double, with_default]
print([op(2) for op in ops])
def make():
    return with_default
print(make()(7, 2))
print(double is double, double == with_default)
