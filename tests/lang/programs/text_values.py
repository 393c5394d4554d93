# text: print and str/repr of every kind of value, made by the host as CPython shows them
a = [1, "two", 3.5, None, True]
a.append(a)
print(a)
d = {"k": [1, 2], 2: (3,)}
d["self"] = d
print(d)
print(d.keys(), d.values())
print({1: "a"}.items(), range(3), range(1, 10, 2), range(-2, 2))
print(ValueError, [KeyError, IndexError], (TypeError,))
print([ValueError("x"), KeyError("k"), IndexError()], ValueError(2.5))
print(str(ValueError("x")), repr(ValueError("x")), str(KeyError("k")), repr(KeyError(1)))
print(str(1.5), repr(0.1), str([0.1, -0.0]), repr("it's"), repr('say "hi"'), repr("a\nb\t\\"))
print(str(True), repr(None), str((1,)), str(()), repr([]), repr({}))
print(1, 2, 3, sep=", ", end=" |\n")
print("no", "sep", sep="")
print(end="")
print()
print(f"{a[0]}-{a[1]!r}-{a[2]:.3f}-{d['k']}-{range(2)!r}")
print("%s %r %d" % ([1], "x", 7))
s = str(12345) + repr(-7)
print(s, len(s))
