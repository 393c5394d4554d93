# RecursionError is catchable; the frames it unwinds are freed and recursion works again
def down(n):
    return down(n + 1) + 1
for attempt in range(3):
    try:
        down(0)
    except RecursionError:
        print("RecursionError caught", attempt)
def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1
print(depth(200))
try:
    down(0)
except RuntimeError:
    print("RecursionError is a RuntimeError")
