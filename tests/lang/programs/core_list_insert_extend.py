a = [1, 2, 3]
a.insert(-1, "m1")
a.insert(-100, "front")
a.insert(100, "back")
a.insert(2, "mid")
print(a)
b = []
b.extend(range(3))
b.extend("ab")
b.extend((None,))
b.extend(b)
b.extend([])
print(b, len(b))
