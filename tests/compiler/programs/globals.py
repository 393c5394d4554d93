counter = 0
name = "start"


def bump():
    global counter
    counter += 1
    return counter


def rename(new):
    global name
    old = name
    name = new
    return old


def local_shadow():
    counter = 100
    return counter


def read_only():
    return counter * 10


bump()
bump()
print(counter, bump(), counter)
print(rename("middle"), rename("end"), name)
print(local_shadow(), counter, read_only())


def make_global():
    global created
    created = "made inside a function"


make_global()
print(created)
total = 0
i = 0
while i < 10:
    i += 1
    total += i
print(total)
