# ZeroDivisionError raised by the VM is catchable, with CPython's message
def div(a, b):
    return a // b
for op in range(4):
    try:
        if op == 0:
            print(1 // 0)
        elif op == 1:
            print(5 % 0)
        elif op == 2:
            print(div(1, 0))
        else:
            print(div(9, 2))
    except ZeroDivisionError as e:
        print(op, repr(e))
