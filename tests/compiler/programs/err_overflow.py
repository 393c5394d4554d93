# 32-bit integers: the VM raises OverflowError where CPython would grow the int.
big = 2147483647
print("before", big)
small = -2147483648
print(small + 1)
big = big + 1  # raises OverflowError
print("not reached")
