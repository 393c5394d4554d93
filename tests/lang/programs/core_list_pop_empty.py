a = [1]
print(a.pop(), a)
a.pop()  # raises IndexError
