# text: the messages of errors the VM raises, made by the host from a message id and arguments
def show(f):
    try:
        f()
    except Exception as e:
        print(repr(e), "|", str(e))


show(lambda: {}["missing"])
show(lambda: {}[(1, 2)])
show(lambda: [1][5])
show(lambda: "a" + 1)
show(lambda: [1] + (2,))
show(lambda: 1 < "x")
show(lambda: -"x")
show(lambda: len(5))
show(lambda: int("12a"))
show(lambda: [].pop())
show(lambda: [1, 2].index(3))
show(lambda: max([]))
show(lambda: 1 // 0)
show(lambda: 2.0 % 0)
show(lambda: {[1]: 2})
show(lambda: undefined_name)
show(lambda: (1).append(2))
show(lambda: divmod("a", 1))
show(lambda: [x for x in 5])
f = 1.5
show(lambda: "abc"[f])
show(lambda: (1, 2)[9])
a, b = 1, 2
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    raise KeyError("k")
except LookupError as e:
    print(repr(e), e)
