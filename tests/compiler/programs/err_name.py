print("start")
x = 1
print(x + y)  # raises NameError
