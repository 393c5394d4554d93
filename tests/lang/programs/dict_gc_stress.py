# Enough garbage to run the collector many times while dicts, views and iterators are live.
keep = {}
for i in range(300):
    d = {j: str(j) * 3 for j in range(i % 17)}
    d[(i, 'k')] = [i] * 5
    if i % 10 == 0:
        keep[i] = d
    z = list(zip(d.keys(), d.values()))
total = 0
for k, d in keep.items():
    total += len(d) + sum([len(v) for v in d.values() if isinstance(v, str)])
print(total, len(keep), keep[290][(290, 'k')], list(keep[10].items())[:3])
cycle = {'name': 'self'}
cycle['me'] = cycle
for i in range(200):
    junk = [{'x': [i]} for _ in range(5)]
print(cycle['me']['me']['name'], len(junk), junk[4]['x'])
