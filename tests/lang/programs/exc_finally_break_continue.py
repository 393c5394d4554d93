# break and continue through finally run the finally body
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)
print("after for")
n = 0
while True:
    n += 1
    try:
        try:
            if n < 3:
                continue
            break
        finally:
            print("inner", n)
    finally:
        print("outer", n)
print("n", n)
for i in range(3):
    try:
        raise KeyError(i)
    finally:
        if i < 2:
            continue
        break
print("swallowed by break/continue in finally")
