def add(a, b):
    return a + b


def nothing():
    pass


def early(x):
    if x:
        return "yes"


def apply(f, x, y):
    return f(x, y)


def compose(f, g, x):
    return f(g(x))


def double(x):
    return 2 * x


def inc(x):
    return x + 1


print(add(2, 3), add("a", "b"), nothing(), early(0), early(1))
print(apply(add, 10, 20), compose(double, inc, 5), compose(inc, double, 5))
op = add
print(op(1, 1), op is add, add == add)
p = print
p("printed through a variable")
length = len
print(length("four"))


def outer(n):
    def helper(k):
        return k * k
    return helper(n) + helper(n + 1)


print(outer(3))


def shadow(print):
    return print


print(shadow(7))
