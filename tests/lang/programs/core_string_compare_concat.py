words = ["pear", "apple", "fig"]
longest = ""
joined = ""
for w in words:
    if len(w) > len(longest):
        longest = w
    joined = joined + w[0] + "-"
print(longest, joined[:-1], "apple" < "pear" < "pie", "done")
