a = [1]
b = a
a += [2, 3]
print(a, b, a is b)
a *= 2
print(a, b)
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
s = "x"
r = s
s *= 3
print(s, r)
a += "hi"
print(a)
