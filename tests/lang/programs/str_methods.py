s = "  Hello, World  "
print(s.strip(), "|" + s.lstrip() + "|", "|" + s.rstrip() + "|")
print(s.upper(), s.lower())
print("xxhixx".strip("x"), "abcba".lstrip("ab"), "abcba".rstrip("ab"))
print("hello".startswith("he"), "hello".endswith("lo"), "hello".startswith("lo"), "x.py".endswith((".py", ".c")))
print("hello".find("l"), "hello".find("z"), "hello".find("l", 3), "banana".count("a"), "banana".count("an"))
print("banana".replace("a", "o"), "banana".replace("a", "", 2))
