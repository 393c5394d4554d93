print("%d" % 5)
print("%d %d" % (1,))  # raises TypeError
