x = 1
y = 2
del x
print(y)
def f():
    a = 10
    b = 20
    del a
    a = 'again'
    return a, b
print(f())
p, q = 1, 2
del p, q
p = 5
print(p)
del y
print(y)  # raises NameError
