from random import choice, seed
seed(3)
print(choice('x'), choice([None]))
choice([])  # raises IndexError
