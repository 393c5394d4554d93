data = [1, 2, 3]
squares = [item * item for item in data]
print(squares)
print(item)  # raises NameError
