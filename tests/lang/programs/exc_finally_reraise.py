# inside finally, while an exception is in flight, a bare raise re-raises it; handlers nest
def f(k):
    try:
        if k:
            raise KeyError(k)
        return "clean"
    finally:
        try:
            raise ValueError("in finally")
        except ValueError as e:
            print("finally handled", e)
for k in [0, 1]:
    try:
        print(f(k))
    except KeyError as e:
        print("KeyError survived the finally:", repr(e))
try:
    try:
        raise IndexError("flying")
    finally:
        try:
            raise
        except IndexError as e:
            print("bare raise in finally saw", repr(e))
except IndexError:
    print("and it is re-raised after the finally")
