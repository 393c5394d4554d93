print(isinstance(1, int), isinstance(True, int), isinstance(True, bool), isinstance(1, bool))
print(isinstance('s', str), isinstance([], list), isinstance((), tuple), isinstance({}, dict))
print(isinstance(range(3), range), isinstance(None, int), isinstance('s', (int, list)))
print(isinstance('s', (int, (list, str))), isinstance([], ()))
print(isinstance(1, len))  # raises TypeError
