def fib(n, memo={}):
    if n < 2:
        return n
    if n in memo:
        return memo[n]
    r = fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r
print(fib(30), fib(40))
def walk(tree, depth=0, out=None):
    if out is None:
        out = []
    out.append((depth, tree[0]))
    for child in tree[1]:
        walk(child, depth=depth + 1, out=out)
    return out
print(walk(('root', [('a', [('a1', [])]), ('b', [])])))
