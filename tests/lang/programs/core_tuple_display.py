t = ()
u = (1,)
v = 1, 2, 3
w = ((1, 2), (), (3,), "x", None)
print(t, u, v, w)
print(len(t), len(u), len(v), len(w), w[0][1], w[3])
print((1, 2) + (3,), (0,) * 3, () * 5)
