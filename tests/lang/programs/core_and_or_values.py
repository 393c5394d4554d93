def v(x):
    print("eval", x)
    return x
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "d", [] and 5, None or None)
print(v(0) and v(1))
print(v(1) or v(2))
print(v(1) and v(0) or v(3))
print(v("") or v([]) or v(()))
