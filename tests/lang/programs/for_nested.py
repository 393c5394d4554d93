def table(n):
    rows = []
    for i in range(1, n + 1):
        row = []
        for j in range(1, n + 1):
            row.append(i * j)
        rows.append(row)
    return rows


for row in table(4):
    print(row)


def find(items, target):
    for i in range(len(items)):
        if items[i] == target:
            return i
    return -1


print(find([5, 6, 7], 7), find([5], 1))
