# Enough garbage to run the collector many times while dicts, views and iterators are live.
keep = {}
for i in range(300):
    d = {j: str(j) * 3 for j in range(i % 9)}
    d[(i, 'k')] = [i] * 3
    if i % 40 == 0:
        keep[i] = d
    z = list(zip(d.keys(), d.values()))
total = 0
for k, d in keep.items():
    total += len(d) + sum([len(v) for v in d.values() if isinstance(v, str)])
print(total, len(keep), keep[280][(280, 'k')], list(keep[40].items())[:3])
cycle = {'name': 'self'}
cycle['me'] = cycle
for i in range(200):
    junk = [{'x': [i]} for _ in range(5)]
print(cycle['me']['me']['name'], len(junk), junk[4]['x'])
