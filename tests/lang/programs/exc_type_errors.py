# raising or catching something that is not an exception is a TypeError
try:
    raise 5
except TypeError as e:
    print(e)
try:
    try:
        raise ValueError("v")
    except "not a class":
        print("no")
except TypeError as e:
    print(e)
try:
    try:
        raise ValueError("v")
    except (KeyError, 3):
        print("no")
except TypeError as e:
    print(e)
