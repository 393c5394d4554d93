# a bare except catches everything
count = 0
for thing in [1, "a", [], None]:
    try:
        count = count + thing
    except:
        print("cannot add", repr(thing))
print(count)
try:
    [][0]
except KeyError:
    print("not here")
except:
    print("bare except after a typed one")
