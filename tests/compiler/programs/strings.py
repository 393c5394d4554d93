s = "microcore"
t = "Python"
print(s + " " + t, len(s), len(""), s[0], s[-1], s[4], t[-6])
print("ab" * 3, 3 * "xy", "-" * 0, s + str(42) + str(-7) + str(True) + str(None))
print(int("123") + 1, int("-45"), int(), str(), str(0) + str(12345))
print("abc" < "abd", "abc" == "a" + "bc", "core" in s, "x" not in t)
word = ""
i = 0
while i < len(s):
    if s[i] != "o":
        word = word + s[i]
    i += 1
print(word)
rev = ""
for_len = len(t)
while for_len > 0:
    for_len -= 1
    rev += t[for_len]
print(rev)
print(str(str(str(1))), str("already"))
