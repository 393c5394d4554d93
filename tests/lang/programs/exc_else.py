# else runs only when the try body raised nothing; its exceptions are not caught here
def f(x):
    try:
        y = 100 // x
    except ZeroDivisionError:
        print("zero")
    else:
        print("else", y)
    print("after", x)
f(5)
f(0)
try:
    try:
        pass
    except ValueError:
        print("not this handler")
    else:
        raise ValueError("from else")
except ValueError as e:
    print("outer got", e)
