# an uncaught raise reports its type, message and line
def check(x):
    if x > 2:
        raise ValueError("x is too large: " + str(x))  # raises ValueError
    return x
print(check(1))
print(check(3))
