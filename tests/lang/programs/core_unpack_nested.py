a, b = 1, 2
a, b = b, a
print(a, b)
[c, (d, e)], f = [1, (2, 3)], "s"
print(c, d, e, f)
g, h = "xy"
i, j, k = range(3)
print(g, h, i, j, k)
t = 4, 5
m, n = t
print(m, n)
a, b, c = b, c, a
print(a, b, c)
