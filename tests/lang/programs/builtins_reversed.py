print(list(reversed([1, 2, 3])), list(reversed((4, 5))), list(reversed('abc')))
print(list(reversed(range(5))), list(reversed(range(0, 10, 3))), list(reversed([])))
for x in reversed(['a', 'b']):
    print(x)
print(tuple(reversed('héllo')))
r = reversed([1, 2])
print(list(r), list(r))
print(list(reversed(5)))  # raises TypeError
