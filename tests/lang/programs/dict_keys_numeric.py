d = {}
d[1] = 'int'
d[True] = 'bool'
print(d)
print(d[1], d[True], 1 in d, True in d, False in d)
d[0] = 'zero'
print(d[False], len(d))
d2 = {True: 1, 1: 2}
print(d2)
t = {(1, 2): 'a', (1, (2, 3)): 'b', ('x',): 'c'}
print(t[(1, 2)], t[1, (2, 3)], t[('x',)])
print({-1: 'm', -2: 'n', 2147483647: 'big', -2147483648: 'small'})
