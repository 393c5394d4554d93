print('single', "double", '''triple''', "it's", 'say "hi"')
print(['it\'s', "q\"q", 'both \' and "', '', 'tab\tend', 'nl\nend', 'back\\slash'])
print("caf\u00e9", 'na\xefve', len("caf\u00e9"), ["\u00e9t\u00e9"])
s = "abc" "def"
print(s, len(s), str(s), [s])
