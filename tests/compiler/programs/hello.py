from parallel import coreid, numcores, ishost, isdevice

print("Hello world from core " + str(coreid()) + " of " + str(numcores()))
print(ishost(), isdevice())
