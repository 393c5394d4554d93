# `in` on a range is arithmetic for every item: an integral float is the int it equals, any other
# value is never in a range (the VM once iterated for them, 2**32 steps in one instruction).
r = range(-6, 20, 3)
print(3.0 in r, 4.0 in r, -6.0 in r, 21.0 in r, 3.5 in r, -0.0 in range(1))
print(True in r, False in range(0, 4), True in range(2, 5))
print('a' in r, None in r, [3] in r, (3,) in r, 3 in [r], 1e30 in r)
print(float('nan') in range(3), float('inf') in range(-5, 5), 2.0 not in range(0, 10, 2))
print(-2147483648.0 in range(-2147483648, -2147483640), 2147483648.0 in range(2147483640, 2147483647))
print(16777217 in range(16777216, 16777218), 16777216.0 in range(16777215, 16777220, 2))
