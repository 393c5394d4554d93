a = [1, "s", [0]]
a[0] += 10
a[1] *= 3
a[-1] += [1]
print(a)
i = 0
def idx():
    global i
    i += 1
    print("index evaluated", i)
    return 0
a[idx()] -= 1
print(a, i)
