# finally runs on the normal path, on a caught exception, and on the way out of an uncaught one
def f(x):
    try:
        print("body", x)
        if x:
            raise ValueError(x)
        print("no raise")
    finally:
        print("finally", x)
f(0)
try:
    f(1)
except ValueError as e:
    print("caught", e)
try:
    try:
        [][1]
    except KeyError:
        print("no")
    finally:
        print("inner finally")
except IndexError:
    print("outer caught IndexError")
finally:
    print("outer finally")
