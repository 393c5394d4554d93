x = 'outer'
r = [x for x in range(3)]
print(r, x)
def f(n):
    k = 10
    return [k + i for i in range(n)], [n * j for j in range(k) if j < n]
print(f(3))
def g():
    total = 0
    vals = [total + v for v in range(4)]
    v = 'local v'
    return vals, v
print(g())
i = 100
print([i for i in range(2)], i)
print({i: [i * j for j in range(i)] for i in range(3)}, i)
