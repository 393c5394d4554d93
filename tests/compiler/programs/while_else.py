i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("i", i)
else:
    print("loop ended normally at", i)

j = 0
while j < 10:
    j += 1
    if j == 4:
        print("break at", j)
        break
else:
    print("not printed")

k = 0
while k < 0:
    print("never")
else:
    print("else runs when the body never does")

n = 0
while True:
    n += 1
    if n % 2:
        continue
    if n > 8:
        break
print("n", n)

outer = 0
found = 0
while outer < 4:
    inner = 0
    while inner < 4:
        if outer * inner == 6:
            found = outer * 10 + inner
            break
        inner += 1
    else:
        outer += 1
        continue
    break
print("found", found, outer, inner)
