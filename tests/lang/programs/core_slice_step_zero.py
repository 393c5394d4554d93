s = [1, 2, 3]
print(s[::1])
print(s[::0])  # raises ValueError
