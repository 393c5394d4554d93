a = list(range(10))
print(a[2:5], a[:3], a[7:], a[::3], a[::-1], a[-3:], a[:-7], a[8:2:-2], a[100:], a[-100:2])
s = "hello, wörld"
print(s[7:], s[::-1], s[1:10:2], s[-5:-1])
t = (1, 2, 3, 4)
print(t[1:3], t[::2], range(10)[2:8:2], range(10)[::-1], list(range(10)[::-3]))
a[2:5] = ["x"]
print(a)
a[:0] = (1, 2)
print(a)
a[::2] = "abcde"
print(a)
a[1:3] = a
print(a)
b = [1, 2, 3]
b[::-1] = b
print(b)
