for i in range(4):
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2:
            continue
        print(i, j)
    else:
        print("inner done", i)
print("outer done")
n = 0
while True:
    n += 1
    k = 0
    while True:
        k += 1
        if k >= n:
            break
    if n > 3:
        break
print(n, k)
