# an exception instance held in a variable, raised (twice)
err = ValueError("stored")
print(repr(err))
for attempt in range(2):
    try:
        raise err
    except ValueError as e:
        print(attempt, e, e is err)
errors = [KeyError("a"), IndexError("b"), ZeroDivisionError("c")]
for x in errors:
    try:
        raise x
    except LookupError as e:
        print("lookup", repr(e))
    except ArithmeticError as e:
        print("arith", repr(e))
