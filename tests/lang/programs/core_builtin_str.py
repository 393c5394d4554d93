print(str(0), str(-12), str(True), str(None), str("s"), str(), str(range(1, 5, 2)))
print(str([1, "a", (2,), None]), str((1,)), str(()), str([]), str([[], [[]]]))
print(str(2147483647) + "!", len(str(-2147483648)), str(["it's", 'q"q']))
