def square(x):
    return x * x  # raises OverflowError


print(square(46340))
print(square(46341))
