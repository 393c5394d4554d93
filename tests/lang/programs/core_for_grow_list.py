a = [1, 2]
for x in a:
    print("saw", x)
    if len(a) < 6:
        a.append(x * 10)
print(a)
b = [1, 2, 3, 4]
for x in b:
    print("item", x)
    if x == 2:
        b.pop(0)
print(b)
