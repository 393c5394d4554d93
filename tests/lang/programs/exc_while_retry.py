# a retry loop: the try body runs until it stops raising
inputs = ["x", "", "4y", "17"]
k = 0
while True:
    try:
        n = int(inputs[k])
        break
    except ValueError:
        print("retry after", repr(inputs[k]))
        k += 1
print("parsed", n, "after", k, "retries")
results = []
for i in range(-2, 3):
    try:
        results.append(10 // i)
    except ZeroDivisionError:
        results.append(None)
    finally:
        results.append(i)
print(results)
