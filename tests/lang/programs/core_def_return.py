def no_return(x):
    x = x + 1
def early(x):
    if x > 0:
        return "positive"
    print("not positive", x)
def bare():
    return
print(no_return(1), early(1), early(-1), bare())
def two(a, b):
    return a, b
print(two(1, 2), two("x", [3])[1])
