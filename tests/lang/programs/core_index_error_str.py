s = "abc"
print(s[-3], s[2])
print(s[3])  # raises IndexError
