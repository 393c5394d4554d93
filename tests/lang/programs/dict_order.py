d = {}
for k in [5, 3, 9, 1, 7]:
    d[k] = k * k
print(d)
del d[3]
d[3] = 'back'
print(d)
d[5] = 'changed'
print(list(d), list(d.values()))
for i in range(20):
    d[i] = i
print(d)
for i in range(0, 20, 2):
    del d[i]
print(d, len(d))
