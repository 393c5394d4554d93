def v(x):
    print("eval", x)
    return x
for n in (-5, 0, 5):
    print("neg" if n < 0 else "zero" if n == 0 else "pos")
print(v(1) if v(True) else v(2))
print(v(1) if v(0) else v(2))
x = [1, 2] if len("ab") == 2 else None
print(x, (x if x else []) + [3])
