# bare raise re-raises the exception being handled
def g(n):
    try:
        return 10 // n
    except ZeroDivisionError:
        print("g cleaning up")
        raise
try:
    g(0)
except ZeroDivisionError as e:
    print("outer", e)
print(g(5))
try:
    try:
        raise KeyError("k")
    except KeyError:
        try:
            raise ValueError("inner")
        except ValueError:
            print("inner handled")
        raise
except KeyError as e:
    print("re-raised the outer one:", repr(e))
