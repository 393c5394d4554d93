for i in 5:  # raises TypeError
    print(i)
