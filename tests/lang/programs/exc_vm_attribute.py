# errors from methods and unpacking are ordinary exceptions: Exception catches them
t = (1, 2)
try:
    t.append(3)
except AttributeError as e:
    print("AttributeError:", e)
try:
    x, y = 5
except Exception as e:
    print("caught by Exception:", e)
try:
    for c in 7:
        pass
except TypeError as e:
    print(e)
