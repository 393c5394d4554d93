# return from an except body, from a for loop inside it, and through finally
def first_even(xs):
    try:
        raise KeyError("search")
    except KeyError:
        for x in xs:
            if x % 2 == 0:
                return x
        return None
def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError as e:
        return str(e)
    finally:
        print("safe_div finally")
print(first_even([1, 3, 6, 8]), first_even([1]))
print(safe_div(9, 3))
print(safe_div(9, 0))
def after():
    try:
        raise ValueError
    except ValueError:
        return "returned"
for i in range(3):
    print(after())
try:
    raise
except RuntimeError as e:
    print("bare raise with nothing handled:", e)
