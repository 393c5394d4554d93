# nested try statements: an inner handler that does not match passes the exception outward
def level(k):
    try:
        try:
            try:
                if k == 0:
                    raise KeyError("k")
                if k == 1:
                    raise ValueError("v")
                raise ZeroDivisionError("z")
            except KeyError as e:
                return "inner " + repr(e)
        except ValueError as e:
            return "middle " + repr(e)
    except ArithmeticError as e:
        return "outer " + repr(e)
for k in range(3):
    print(level(k))
try:
    try:
        raise IndexError("first")
    except IndexError:
        raise KeyError("second")
except KeyError as e:
    print("replaced:", repr(e))
