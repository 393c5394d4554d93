# break and continue inside except bodies, in for and while loops
data = [4, 0, 2, "x", 5, 0, 1]
out = []
for d in data:
    try:
        out.append(12 // d)
    except ZeroDivisionError:
        out.append("z")
        continue
    except TypeError:
        print("stop at", repr(d))
        break
    out.append(".")
print(out)
i = 0
while i < 10:
    i += 1
    try:
        if i % 3 == 0:
            raise ValueError(i)
    except ValueError as e:
        if i > 7:
            break
        continue
    print("i", i)
print("end", i)
