# an uncaught assert stops the program with AssertionError at its line
total = 0
for i in range(4):
    total += i
print(total)
assert total == 5, "total is " + str(total)  # raises AssertionError
print("not reached")
