print([x for x in range(3)])
print([x for x in 42])  # raises TypeError
