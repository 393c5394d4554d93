# break, continue and return in a finally body that runs for a return discard the return value
def f():
    for a in range(2):
        try:
            for b in range(3):
                return b
        finally:
            print("fin", a)
            break
    return "after break"
def g():
    for a in range(3):
        try:
            return a
        finally:
            if a < 2:
                continue
    return "after continue"
def h():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        return "outer finally"
print(f())
print(g())
print(h())
