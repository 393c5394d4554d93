# an exception raised in a handler while handling another is the one reported
def lookup(d):
    return d[1]
try:
    lookup([])
except IndexError as e:
    print("handling", e)
    raise KeyError("while handling")  # raises KeyError
