def find(xs, target):
    for i in range(len(xs)):
        if xs[i] == target:
            print("found at", i)
            break
    else:
        print("not found")
find([3, 1, 4], 4)
find([3, 1, 4], 5)
find([], 1)
for c in "":
    print("never")
else:
    print("empty str")
