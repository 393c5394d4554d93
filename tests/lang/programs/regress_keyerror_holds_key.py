# A KeyError raised by the VM holds the missing key itself, as CPython's: str(e) is repr(key),
# so str() of a KeyError for the int 1 is '1' and for the str 'a' is "'a'" (the VM once stored
# the repr's text as the argument, and str(e) quoted it again).
d = {'a': 1}
for key in [1, 'b', (1, 2), None, 2.5, '']:
    try:
        d[key]
    except KeyError as e:
        print(str(e), repr(e), [str(e)])
for action in ['pop', 'del']:
    try:
        if action == 'pop':
            d.pop(7)
        else:
            del d['zz']
    except KeyError as e:
        print(action, str(e), repr(e))
e = KeyError('x')
print(str(e), repr(e))
d[3]  # raises KeyError
