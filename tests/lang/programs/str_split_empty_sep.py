print("a b".split(" "))
print("abc".split(""))  # raises ValueError
