# an uncaught bare raise reports where the exception was first raised
def f(xs):
    return xs[5]  # raises IndexError
try:
    print("calling")
    f([1, 2])
except IndexError:
    print("handler")
    raise
