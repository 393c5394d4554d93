sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(5), add(1), add(1, 2), add(b=3, a=4))
fs = [lambda x: x + 1, lambda x: x * 2, sq]
print([f(10) for f in fs])
def apply(f, v):
    return f(v)
print(apply(lambda s: s + '!', 'hi'), (lambda: 'now')())
pairs = [(3, 'c'), (1, 'a'), (2, 'b')]
print(sorted(pairs), max(pairs), min(pairs))
