def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError as e:
        print("error:", e)
        return 0
    finally:
        print("done")


for x in [2, 0]:
    try:
        assert x, "zero"
        print(safe_div(10, x))
    except (AssertionError, ValueError):
        raise
