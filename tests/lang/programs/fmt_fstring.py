x = 3.14159
n = 42
s = "hi"
print(f"{x}", f"{n}", f"{s}", f"{s!r}", f"{x!r}", f"{n:d}", f"{x:.2f}", f"{n:5}|", f"{s:>4}|")
print(f"n={n}, x={x:.3f}, s={s}", f"{n + 1}{n * 2}", f"{[1, 2.5]}", f"{None} {True}")
w = 8
print(f"[{n:{w}}]", f"[{x:<{w}.2f}]", f"{{literal}}", f"{n:x}", f"{0.5:.0%}")
print(f"", f"plain", f"{-0.0}", f"{1e30}")
