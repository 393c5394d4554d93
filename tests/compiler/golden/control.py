# if/elif/else, while/else with break and continue, and/or, chained comparisons.
n = 0
total = 0
while n < 20:
    n += 1
    if n % 2 == 0:
        continue
    elif n > 15:
        break
    else:
        total = total + n
else:
    print("no break")
ok = 0 < total <= 100 and not n == 3 or total is None
label = "big" if total > 50 else "small"
print(total, ok, label, n or -1, 0 and n)
while True:
    if n < 0:
        break
    n -= 4
