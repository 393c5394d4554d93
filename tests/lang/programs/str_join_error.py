print("+".join(["1", "2"]))
print(",".join([1, 2]))  # raises TypeError
