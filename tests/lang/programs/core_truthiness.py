for x in (0, 1, -1, "", "a", [], [0], (), (0,), None, True, False, range(0), range(1)):
    if x:
        print("truthy", x)
    else:
        print("falsy", x)
print(not [], not [[]], not 0, not range(0, 5, 2))
