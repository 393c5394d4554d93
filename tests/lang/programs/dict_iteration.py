d = {'one': 1, 'two': 2, 'three': 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, '->', v)
total = 0
for v in d.values():
    total += v
print(total)
for i, (k, v) in enumerate(d.items()):
    print(i, k, v)
for k in d:
    d[k] = d[k] * 10
print(d)
print([k for k in d if d[k] > 10])
