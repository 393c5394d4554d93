# Seed: nested exception tables, handlers across calls, jumps through finally.
def f(n, d={}):
    try:
        if n == 0:
            raise KeyError(n)
        return d[n]
    except LookupError as e:
        d[n] = str(e)
        raise ValueError('again')
    finally:
        d['calls'] = d.get('calls', 0) + 1


for i in range(4):
    try:
        try:
            print(f(i % 2))
        except ValueError:
            if i == 2:
                continue
            raise
        finally:
            print('fin', i)
    except Exception as e:
        print('outer', repr(e))
    else:
        print('else')
while True:
    try:
        break
    finally:
        print('through finally')
assert 1 < 2, 'no'
