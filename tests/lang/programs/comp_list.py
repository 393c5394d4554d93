print([x * 2 for x in range(5)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in 'ab'])
print([[j for j in range(i)] for i in range(4)])
print([c * 2 if c != 'e' else '-' for c in 'hey'])
print([x for x in [] ], [x for x in 'abc' if x > 'z'])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for row in matrix for i in range(len(row)) if i != 1])
print([[row[i] for row in matrix] for i in range(3)])
