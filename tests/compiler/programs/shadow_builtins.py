# Until a module-level name that shadows a builtin is assigned, it is the builtin.
print("before", len("abc"), str(5), abs(-1))
show = print


def use_len():
    return len("four")


print(use_len())
len = 42
str = "text"
print(len, str)
abs = show
abs("abs is print now")
__name__ = "renamed"
print(__name__)
