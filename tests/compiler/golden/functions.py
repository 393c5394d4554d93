import parallel


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


counter = 0


def bump(by):
    global counter
    counter += by
    twice = by * 2
    return twice


def nothing():
    pass


apply = fact
print(apply(5), bump(3), counter, nothing())
print(parallel.coreid() == 0, len("abc"), abs(-7))
show = print
show(parallel.numcores)
