x = [1, 2]
print("ok".upper())
print(x.upper())  # raises AttributeError
