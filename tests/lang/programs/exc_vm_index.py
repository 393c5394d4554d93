# IndexError raised by the VM (lists, tuples, strings, pop) is catchable
cases = [[1, 2], (1, 2), "ab"]
for seq in cases:
    for i in [1, 2, -3]:
        try:
            print(seq[i])
        except IndexError as e:
            print("IndexError:", e)
a = []
try:
    a.pop()
except IndexError as e:
    print("pop:", e)
try:
    a[0] = 1
except IndexError as e:
    print("store:", e)
