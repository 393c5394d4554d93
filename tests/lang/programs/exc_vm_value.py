# ValueError raised by the VM (int(), index(), unpacking, range) is catchable
def conv(s):
    try:
        return int(s)
    except ValueError as e:
        return "ValueError: " + str(e)
print(conv("12"), conv("x1"), conv(""))
try:
    [1, 2].index(3)
except ValueError as e:
    print(e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    range(1, 5, 0)
except ValueError as e:
    print(e)
