count = 0
items = []
def bump(k):
    global count
    count += k
    items.append(count)
    return count
def reset():
    global count, items
    count = 0
    items = ["reset"]
print(bump(2), bump(3), count, items)
reset()
print(count, items, bump(1), items)
