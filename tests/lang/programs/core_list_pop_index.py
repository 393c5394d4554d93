a = list(range(8))
print(a.pop(0), a.pop(-1), a.pop(3), a.pop(-2), a)
print(a.pop(len(a) - 1), a)
a.pop(10)  # raises IndexError
