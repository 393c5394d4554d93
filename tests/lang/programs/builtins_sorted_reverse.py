print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted('cab', reverse=False))
pairs = [(1, 'b'), (0, 'z'), (1, 'a'), (0, 'y')]
print(sorted(pairs, reverse=True))
l = [5, 3, 5, 1]
l.sort(reverse=True)
print(l)
l.sort()
print(l)
print(sorted({3: 0, 1: 0, 2: 0}, reverse=True), sorted(zip([2, 1], 'ab')))
