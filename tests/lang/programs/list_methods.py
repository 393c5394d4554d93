a = []
for i in range(5):
    a.append(i * i)
print(a, len(a))
a.insert(0, -1)
a.insert(100, 99)
a.insert(-1, 50)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.extend((7, 8))
a.extend("xy")
print(a, a.index(7))
b = [3, 1, 2, 1]
b.sort()
print(b, sorted("banana"), sorted((3, 2, 1)))
