def evens(limit):
    return [n for n in range(limit) if n % 2 == 0]
def table(rows, cols):
    return {r: [r * c for c in range(cols)] for r in range(rows)}
print(evens(10), table(3, 4))
words = ['alpha', 'beta', 'gamma', 'delta']
lengths = {w: len(w) for w in words}
print([w for w in words if lengths[w] == 5])
print(sum([x * x for x in range(10)]), max([len(w) for w in words]))
flat = [y for x in [[1, 2], [3], []] for y in x]
print(flat, len(flat))
print([f(2) for f in [lambda a: a + 1, lambda a: a * 10]])
