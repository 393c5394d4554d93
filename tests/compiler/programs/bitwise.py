a = 0x5A5A
b = 0x0FF0
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(1 << 0, 1 << 30, 3 << 4, -1 << 3, -8 >> 1, -1 >> 31, 1000 >> 3, -1000 >> 3)
print(-5 & 3, -5 | 3, -5 ^ 3, 5 & -3)
n = 0
v = 0x7FFF1234
while v:
    n += v & 1
    v >>= 1
print("popcount", n)
mask = (1 << 16) - 1
print(0x12345678 & mask, (0x12345678 >> 16) & mask)
x = 6
x &= 3
x |= 8
x ^= 15
x <<= 2
x >>= 1
print(x)
