print(list(), tuple(), list("abc"), tuple("ab"), list(range(3)), tuple(range(3, 0, -1)))
a = [1, 2]
b = list(a)
b.append(3)
print(a, b, a is b, list((1, 2)), tuple([1, [2]]), tuple(()))
