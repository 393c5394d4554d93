s = "héllo wörld"
print(s, len(s), s[1], s[-4], len("日本"), "日本"[1])
print("é" + "e", "é" < "f", "ö" in s)
