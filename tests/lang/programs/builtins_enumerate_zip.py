print(list(enumerate(['a', 'b', 'c'])))
print(list(enumerate('xy', 1)), list(enumerate('xy', start=-1)))
for i, c in enumerate('hey'):
    print(i, c)
print(list(zip([1, 2, 3], 'abcd')), list(zip()), list(zip(range(3))))
print(list(zip('ab', [1, 2], (True, False))))
for a, b in zip(range(3), range(10, 13)):
    print(a + b)
z = zip([1, 2], [3, 4])
print(list(z), list(z))
e = enumerate('ab')
print(list(e), list(e))
print(dict(zip(['k1', 'k2'], [1, 2])))
