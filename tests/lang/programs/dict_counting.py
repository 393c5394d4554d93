text = 'the quick brown fox jumps over the lazy dog the end'
letters = {}
for ch in text:
    if ch != ' ':
        letters[ch] = letters.get(ch, 0) + 1
top = sorted(letters.items())
print(top[:5])
best = max(letters.values())
print(best, [c for c in letters if letters[c] == best])
graph = {1: [2, 3], 2: [4], 3: [4], 4: []}
seen = {}
stack = [1]
while stack:
    n = stack.pop()
    if n in seen:
        continue
    seen[n] = True
    for m in graph[n]:
        stack.append(m)
print(list(seen))
