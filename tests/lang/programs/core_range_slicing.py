r = range(0, 20, 2)
print(r[2:5], r[::-1], r[::3], r[-3:], r[5:2], r[1:8:2])
print(list(r[::-2]), range(10)[3:100], range(10, 0, -1)[2:5])
print(range(5)[::-1][1:3], len(range(100)[10:90:7]))
