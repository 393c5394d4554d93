# LookupError catches IndexError and KeyError; Exception catches all of them
def get(seq, i):
    try:
        return seq[i]
    except LookupError as e:
        return "lookup: " + repr(e)
print(get([1, 2, 3], 1))
print(get([1, 2, 3], 7))
print(get("abc", -4))
print(get((1,), 1))
try:
    raise KeyError("missing")
except IndexError:
    print("wrong")
except LookupError as e:
    print("KeyError is a LookupError:", repr(e))
try:
    raise IndexError
except Exception as e:
    print("Exception catches", repr(e))
