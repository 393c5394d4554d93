print("b" in "abc", "bc" in "abc", "" in "abc", "ac" in "abc", "x" not in "abc")
print(1 in [0, 1], [1] in [[1]], (1,) in [(1,)], 2 not in (1, 3), "a" in ["abc"])
print(None in [None], True in [1], 0 in [False], 1 in [])
