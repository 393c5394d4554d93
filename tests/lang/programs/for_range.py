total = 0
for i in range(10):
    total += i
print(total)
for i in range(10, 0, -3):
    print(i)
for i in range(5, 5):
    print("never")
else:
    print("empty else")
print(list(range(-5, 5, 2)), list(range(5, -5, -2)))
