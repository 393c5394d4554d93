print(True, False, None)
print(True + True, True * 5, False - 1, -True, ~False, +True)
print(True == 1, False == 0, True is True, None is None)
print(True & False, True | False, True ^ True, 3 & True)
x = None
print(x is None, x is not None, x == None, [None, True, False])
