def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(fact(12), fib(15), is_even(10), is_odd(7), is_even(3))
def depth(xs):
    best = 0
    for x in xs:
        if x == [] or x:
            if len(str(x)) > 0 and str(x)[0] == "[":
                d = depth(x)
                if d > best:
                    best = d
    return best + 1
print(depth([1, [2, [3, []]], []]))
