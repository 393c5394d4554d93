# Every reduce op on every core, and functions that are neither commutative nor associative.
from parallel import coreid, reduce

me = coreid()
v = me * 7 - 20
print("sum", reduce(v, "sum"))
print("prod", reduce(me % 3 + 1, "prod"))
print("min", reduce(v * (me % 2 * 2 - 1), "min"))
print("max", reduce(-v if me % 3 else v, "max"))
print("fsum", reduce(me * 0.5, "sum"))
print("concat", reduce(str(me), lambda a, b: a + b))
print("minus", reduce(v, lambda a, b: a - b))


def mix(a, b):
    return a * 3 + b


print("mix", reduce(me, mix))
print("lists", reduce([me], lambda a, b: a + b))
