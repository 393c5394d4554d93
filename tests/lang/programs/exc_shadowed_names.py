# exception names are ordinary names: they can be shadowed, and unbinding uncovers the builtin
try:
    [][0]
except IndexError as IndexError:
    print("bound to the instance:", repr(IndexError))
print("the class again:", IndexError)
try:
    raise KeyError("before")
except KeyError as e:
    print(repr(e))
KeyError = "shadowed"
print(KeyError)
def f(E):
    try:
        raise E("local")
    except E as err:
        return repr(err)
print(f(ValueError), f(TypeError))
