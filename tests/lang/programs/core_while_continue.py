i = 0
total = 0
while i < 10:
    i += 1
    if i % 3 == 0:
        continue
    total += i
    print(i, total)
print("total", total)
