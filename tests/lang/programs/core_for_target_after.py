for i in range(3):
    pass
print(i)
for i in range(10, 0, -4):
    pass
print(i)
x = "unchanged"
for x in []:
    pass
print(x)
