# raise an instance made by calling the class
try:
    raise ValueError("bad value")
except ValueError as e:
    print(e)
    print(repr(e))
try:
    raise IndexError("index " + str(3))
except IndexError as e:
    print("got:", e)
try:
    raise TypeError()
except TypeError as e:
    print(repr(e), len(str(e)))
print(ValueError("x"), repr(KeyError("k")))
