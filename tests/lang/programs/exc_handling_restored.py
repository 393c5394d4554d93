# the exception being handled is restored when a nested handler ends, however it ends
def inner_returns():
    try:
        raise KeyError("inner")
    except KeyError:
        return "done"
try:
    raise ValueError("outer")
except ValueError:
    print(inner_returns())
    for i in range(2):
        try:
            raise IndexError(i)
        except IndexError:
            break
    for i in range(2):
        try:
            raise IndexError(i)
        except IndexError:
            continue
    try:
        raise TypeError("t")
    except TypeError:
        pass
    try:
        raise
    except ValueError as e:
        print("still handling", repr(e))
