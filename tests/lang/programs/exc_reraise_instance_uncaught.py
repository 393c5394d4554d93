# raising a caught instance again keeps the place where it was first raised
saved = None
def fail():
    return [][0]  # raises IndexError
try:
    fail()
except IndexError as e:
    saved = e
print("saved", repr(saved))
raise saved
