print(sum([1, 2, 3]), sum([]), sum(range(101)), sum([1, 2], 10), sum((), 5))
print(sum([[1], [2, 3]], []), sum([True, True, False]))
print(bool(), bool(0), bool(1), bool(''), bool('x'), bool([]), bool([0]), bool(None))
print(bool({}), bool({1: 1}), bool(range(0)), bool((0,)))
print(sum(['a', 'b'], ''))  # raises TypeError
