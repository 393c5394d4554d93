# break, continue and return straight out of a try body that has except clauses (no finally), in
# for and while loops: the jump leaves the handler's protected range first (the compiler once
# left the for loop's pops protected, and the image validator rejected the program).
for a in [1, 2]:
    try:
        break
    except ValueError:
        print('never')
print('after break', a)
for a in range(4):
    try:
        if a % 2:
            continue
        print('even', a)
    except:
        raise
n = 0
while n < 5:
    n += 1
    try:
        if n == 3:
            break
        [][n]
    except IndexError:
        print('caught', n)
print('while left at', n)


def first_big(xs):
    for x in xs:
        try:
            if x > 2:
                return x
            print('small', 10 // x)
        except ZeroDivisionError:
            print('zero')
    return None


print(first_big([1, 0, 2, 5, 9]), first_big([]))
for a in 'ab':
    for b in 'xy':
        try:
            try:
                if b == 'y':
                    break
                print(a, b)
            except KeyError:
                pass
        except Exception:
            pass
print('done')
