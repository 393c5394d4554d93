a = [1]
b = a
c = [1]
print(a is b, a is c, a is not c, a == c)
print(None is None, True is not False, a is None)
b.append(2)
print(a, c)
