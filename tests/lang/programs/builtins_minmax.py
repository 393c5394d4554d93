print(min(3, 1, 2), max(3, 1, 2), min([5, 2, 8]), max((5, 2, 8)))
print(min('hello'), max('hello'), min(range(4, 9)), max({3: 'a', 7: 'b'}))
print(min([1, True, 0]), max([0, False]), min([[2], [1, 5]]), max('ab', 'b', 'aa'))
print(max([1, True]), min(-1, -2))
print(min([]))  # raises ValueError
