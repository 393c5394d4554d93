# NameError raised by the VM (an unassigned global, an unbound local) is catchable
try:
    print(undefined_thing)
except NameError as e:
    print("NameError:", e)
def later():
    return value
try:
    later()
except NameError as e:
    print("not yet:", e)
value = 42
print(later())
