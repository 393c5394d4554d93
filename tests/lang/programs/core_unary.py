for x in (0, 1, -1, 5, -2147483647, 2147483647):
    print(x, -x, +x, ~x, not x)
print(~True, -False, not None, not "", not "a")
