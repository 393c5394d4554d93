# an exception raised in finally replaces the one in flight
def f():
    try:
        raise KeyError("original")
    finally:
        raise ValueError("replacement")
try:
    f()
except KeyError:
    print("not this")
except ValueError as e:
    print("got", repr(e))
def g():
    try:
        return 1
    finally:
        [].pop()
try:
    g()
except IndexError as e:
    print("finally raised:", e)
