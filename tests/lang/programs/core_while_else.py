i = 0
while i < 3:
    print("loop", i)
    i += 1
else:
    print("else ran", i)
while i < 10:
    if i == 5:
        print("break at", i)
        break
    i += 1
else:
    print("never")
while False:
    print("never")
else:
    print("else of empty loop")
