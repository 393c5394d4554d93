print(format(3.14159, ".3f"), format(42, "5d"), format("ab", "^6"), format(255, "x"), format(1.5))
print(format(0.1), format(7), format("s"), format(2.5, "e"), format(1234567, ","))
