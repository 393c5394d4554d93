# except (E1, E2) catches any class of the tuple, checked in order
def run(k):
    try:
        if k == 0:
            raise ValueError("v")
        if k == 1:
            raise KeyError("k")
        if k == 2:
            return [1][k]
        return 1 // (k - 3)
    except (ValueError, KeyError) as e:
        return "first " + repr(e)
    except (TypeError, IndexError, ZeroDivisionError) as e:
        return "second " + str(e)
for k in range(5):
    print(k, run(k))
kinds = (ValueError, TypeError)
try:
    raise TypeError("from a tuple value")
except kinds as e:
    print(e)
