def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


count = 0
last = 0
n = 0
while n < 1000:
    if is_prime(n):
        count += 1
        last = n
    n += 1
print(count, last)
line = ""
n = 2
while n < 60:
    if is_prime(n):
        line = line + str(n) + " "
    n += 1
print(line)
print(is_prime(2147483647 // 65536), is_prime(7919), is_prime(7917))
