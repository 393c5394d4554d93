a = 7
b = -3
print(a + b, a - b, a * b, a // b, a % b, a ** 2, a << 2, a >> 1, a & b, a | b, a ^ b)
print(-a, +a, ~a, not a, -2147483648, 2147483647)
s = "microcore"
print(s[0], s[-1], s[a], "core" in s, s + "!", len(s) * 2)
t = (1, "two", None, True, False)
print(t[1], ((a + 1) * (b - 2) - (a * (b + (a - (b * (a + 1)))))))
x = y = z = 0
x += 1
y -= 2
z |= 12
z ^= 5
z <<= 1
z >>= 2
z **= 2
z //= 3
z %= 5
z &= 255
z *= 9
print(x, y, z)
