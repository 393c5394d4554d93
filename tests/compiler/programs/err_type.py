n = 5
print("n = " + str(n))
print("n = " + n)  # raises TypeError
