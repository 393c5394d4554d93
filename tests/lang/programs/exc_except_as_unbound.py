# the name of `except E as e` is unbound after the handler, in a module and in a function
e = "before"
try:
    raise ValueError("v")
except ValueError as e:
    print("in handler", e)
try:
    print(e)
except NameError as n:
    print("NameError:", n)
def f():
    x = 1
    try:
        1 // 0
    except ZeroDivisionError as x:
        print("caught", x)
    try:
        return x
    except NameError:
        return "x unbound"
print(f())
