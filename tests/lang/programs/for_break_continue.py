for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    print(i)
else:
    print("not reached")
for x in [1, 2, 3]:
    pass
else:
    print("else ran", x)
n = 0
while n < 3:
    for j in range(100):
        if j == n:
            break
    n += 1
    print(n, j)
