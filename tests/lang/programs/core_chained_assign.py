a = b = [1]
b.append(2)
print(a, b, a is b)
x = y = z = 7
print(x, y, z)
p, q = r = 1, 2
print(p, q, r)
