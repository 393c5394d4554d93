import random
random.seed(1)
print(random.randrange(3, 4), random.randint(7, 7))
print(random.randrange(5, 5))  # raises ValueError
