# raise with a class: an instance without arguments is raised
try:
    raise ValueError
except ValueError as e:
    print("caught", repr(e), "[" + str(e) + "]")
try:
    raise KeyError
except LookupError as e:
    print("lookup", repr(e))
def f():
    raise RuntimeError
try:
    f()
except RuntimeError as e:
    print("from f", repr(e))
