# ArithmeticError catches ZeroDivisionError and OverflowError
for d in [2, 0, -1]:
    try:
        print(7 // d, 7 % d)
    except ArithmeticError as e:
        print("arith:", e)
try:
    raise OverflowError("too big")
except ArithmeticError as e:
    print("overflow is arithmetic:", e)
try:
    raise ZeroDivisionError
except ValueError:
    print("no")
except ArithmeticError:
    print("yes")
