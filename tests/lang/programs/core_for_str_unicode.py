for c in "h\u00e9\u20acx":
    print(c, len(c))
s = ""
for c in "abc":
    s = c + s
print(s)
print(list("\u00e9t\u00e9"), sorted("\u00e9a"))
