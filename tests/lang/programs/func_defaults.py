def f(a, b=2, c=3):
    return a, b, c
print(f(1), f(1, 20), f(1, 20, 30))
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2), append_to(3, []))
n = 10
def g(x=n):
    return x
n = 20
print(g(), g(5))
def h(a=len('abc'), b=[i * i for i in range(3)]):
    return a, b
print(h())
