def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def power(b, e):
    if e == 0:
        return 1
    half = power(b, e // 2)
    if e % 2:
        return half * half * b
    return half * half


print(fib(0), fib(1), fib(10), fib(20))
print(fact(0), fact(5), fact(12))
print(gcd(1071, 462), gcd(17, 5), gcd(0, 9))
print(is_even(10), is_odd(7), is_even(3))
print(ackermann(2, 3))
print(power(3, 13), power(2, 30), power(-2, 31))
