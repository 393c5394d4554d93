# return through finally: the finally body runs; a return in finally overrides
def a():
    try:
        return "try"
    finally:
        print("a finally")
def b():
    try:
        return "try"
    finally:
        return "finally"
def c():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallows"
def d(n):
    for i in range(n):
        try:
            if i == 2:
                return i
        finally:
            print("d finally", i)
    return -1
def e():
    try:
        try:
            return 1
        finally:
            print("inner")
    finally:
        print("outer")
print(a())
print(b())
print(c())
print(d(5))
print(d(1))
print(e())
