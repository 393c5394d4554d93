sq = {x: x * x for x in range(6)}
print(sq)
print({k: v for k, v in sq.items() if v % 2 == 0})
print({c: i for i, c in enumerate('hello')})
words = ['apple', 'bob', 'cat', 'apple']
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
print({w: len(w) for w in words if len(w) > 2})
print({(i, j): i * j for i in range(3) for j in range(3) if i <= j})
