# TypeError raised by the VM is catchable
def attempt(k):
    try:
        if k == 0:
            return "a" + 1
        if k == 1:
            return len(5)
        if k == 2:
            return 3 < "x"
        if k == 3:
            f = 1
            return f(2)
        return -"s"
    except TypeError as e:
        return "TypeError: " + str(e)
for k in range(5):
    print(attempt(k))
