a = [1, 2]
b = a
a += [3]
a += (4,)
print(a, b, a is b)
c = a + [5]
print(c, a)
m = [0]
n = m
m *= 3
print(m, n)
print([1, 2] * 2, 2 * (1,), [] * 5, 3 in a, 9 not in a, [1, [2]] == [1, [2]])
a[0] += 10
a[-1] *= 2
print(a)
x, y = 1, 2
x, y = y, x
print(x, y)
p, q, r = "abc"
print(p, q, r)
[u, v] = range(2)
print(u, v)
print(list(), tuple(), tuple([1]), list("ab"), list((1, 2)))
