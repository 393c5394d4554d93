a = [5, 3, 9, 1]
b = a
print(a.sort(), a, b)
c = ["pear", "Apple", "fig", "apple"]
c.sort()
print(c)
d = [(2, 1), (1, 2), (1, 1)]
d.sort()
print(d)
e = []
e.sort()
print(e)
