d = {'self': None}
d['self'] = d
print(d)
l = [d]
d['list'] = l
print(d, l)
print({'s': "it's", 'q': 'a"b', 'n': '\n'})
