# exceptions cross function calls; each frame left is freed
def deep(n):
    if n == 0:
        raise ValueError("bottom")
    return deep(n - 1) + 1
def middle(n):
    try:
        return deep(n)
    finally:
        print("middle finally", n)
for n in [0, 3, 40]:
    try:
        middle(n)
    except ValueError as e:
        print("top caught", e, n)
total = 0
for i in range(200):
    try:
        deep(30)
    except ValueError:
        total += 1
print("caught", total, "times")
def ok(n):
    return 0 if n == 0 else ok(n - 1) + 1
print(ok(100))
