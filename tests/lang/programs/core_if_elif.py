for n in range(-2, 8):
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    elif n % 2 == 0 and n > 4:
        print(n, "big even")
    elif n % 2 == 0:
        print(n, "even")
    else:
        print(n, "odd")
if []:
    print("never")
if "x":
    pass
print("end")
