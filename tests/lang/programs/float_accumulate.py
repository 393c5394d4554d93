# float32 sums stay within a few ulps of CPython's doubles
total = 0.0
for i in range(10):
    total += 0.1
print(total)
s = 0.0
for k in range(1, 20):
    s = s + 1 / k
print(s)
print(0.5 + 0.25 + 0.125)
