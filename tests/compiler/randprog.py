"""Random Python programs for robustness tests, built as ASTs and unparsed.

Most of what :func:`random_program` produces is in the supported subset, with a sprinkling of
unsupported constructs, out-of-range literals and misplaced statements, so that both the code
generator and its error paths are exercised.
"""

import ast
import random

_NAMES = ["a", "b", "c", "n", "total", "print", "len", "str", "int", "abs", "coreid",
          "numcores", "undefined_thing", "__name__"]
_WEIRD_NAMES = ["parallel", "range", "max", "__doc__"]
#: Argument counts that builtins accept.
_ARITY = {"print": (0, 3), "len": (1, 1), "str": (0, 1), "int": (0, 1), "abs": (1, 1),
          "coreid": (0, 0)}
_STRINGS = ["", "a", "xyz", "é", "hello world", "0"]
_BINOPS = [ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod, ast.Pow, ast.LShift, ast.RShift,
           ast.BitAnd, ast.BitOr, ast.BitXor]
_CMPOPS = [ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Is, ast.IsNot, ast.In,
           ast.NotIn]
_UNARY = [ast.USub, ast.UAdd, ast.Invert, ast.Not]


class _Gen:
    def __init__(self, rng, weird):
        self.rng = rng
        self.weird = weird      # probability of reaching for something unsupported
        self.functions = []     # names of functions defined so far
        self.arity = dict(_ARITY)
        self.scope_names = ["a", "b", "c"]

    # -- expressions -------------------------------------------------------------------------

    def maybe(self):
        """True with the probability of reaching for something unsupported."""
        return self.rng.random() < self.weird

    def name(self):
        pool = self.scope_names + self.functions
        if self.rng.random() < 0.2:
            pool = _NAMES
        if self.maybe():
            pool = _WEIRD_NAMES
        return self.rng.choice(pool)

    def constant(self):
        r = self.rng.random()
        if r < 0.5:
            v = self.rng.choice([0, 1, 2, 3, 7, 10, 255, -1, 2 ** 31 - 1, -2 ** 31])
            if self.rng.random() < self.weird:
                v = self.rng.choice([2 ** 31, 2 ** 40, -2 ** 31 - 1])
            return ast.Constant(v) if v >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-v))
        if r < 0.75:
            return ast.Constant(self.rng.choice(_STRINGS))
        if r < 0.95 or not self.maybe():
            return ast.Constant(self.rng.choice([True, False, None]))
        return ast.Constant(self.rng.choice([1.5, 2j, b"x", ...]))

    def expr(self, depth):
        rng = self.rng
        if depth <= 0 or rng.random() < 0.25:
            return self.constant() if rng.random() < 0.5 else ast.Name(self.name(), ast.Load())
        kind = rng.choices(
            ["bin", "unary", "bool", "cmp", "ifexp", "call", "subscr", "tuple", "attr", "weird"],
            [6, 2, 2, 3, 1, 4, 1, 1, 10 * self.weird, 10 * self.weird])[0]
        sub = lambda: self.expr(depth - 1)  # noqa: E731
        if kind == "bin":
            op = rng.choice(_BINOPS + ([ast.Div, ast.MatMult] if rng.random() < self.weird
                                       else []))
            return ast.BinOp(sub(), op(), sub())
        if kind == "unary":
            return ast.UnaryOp(rng.choice(_UNARY)(), sub())
        if kind == "bool":
            return ast.BoolOp(rng.choice([ast.And, ast.Or])(),
                              [sub() for _ in range(rng.randint(2, 4))])
        if kind == "cmp":
            n = rng.randint(1, 3)
            return ast.Compare(sub(), [rng.choice(_CMPOPS)() for _ in range(n)],
                               [sub() for _ in range(n)])
        if kind == "ifexp":
            return ast.IfExp(sub(), sub(), sub())
        if kind == "call":
            if rng.random() < 0.2:
                attr = rng.choice(["coreid", "numcores", "ishost", "isdevice"])
                if self.maybe():
                    attr = "nope"
                func = ast.Attribute(ast.Name("parallel", ast.Load()), attr, ast.Load())
                low, high = 0, 0
            else:
                callee = rng.choice(list(self.arity) + ["a"])
                func = ast.Name(callee, ast.Load())
                low, high = self.arity.get(callee, (0, 3))
            if self.maybe():
                low, high = 0, 4
            keywords = []
            if self.maybe():
                keywords = [ast.keyword("end", ast.Constant(""))]
            return ast.Call(func, [sub() for _ in range(rng.randint(low, high))], keywords)
        if kind == "subscr":
            return ast.Subscript(sub(), sub(), ast.Load())
        if kind == "tuple":
            return ast.Tuple([sub() for _ in range(rng.randint(0, 3))], ast.Load())
        if kind == "attr":
            return ast.Attribute(sub(), rng.choice(["coreid", "upper", "x"]), ast.Load())
        return rng.choice([
            lambda: ast.Lambda(_args([]), sub()),
            lambda: ast.List([sub()], ast.Load()),
            lambda: ast.Dict([sub()], [sub()]),
            lambda: ast.JoinedStr([ast.Constant("x")]),
            lambda: ast.Subscript(sub(), ast.Slice(sub(), None, None), ast.Load()),
            lambda: ast.Starred(sub(), ast.Load()),
            lambda: ast.ListComp(sub(), [ast.comprehension(ast.Name("i", ast.Store()), sub(), [],
                                                           0)]),
        ])()

    # -- statements ----------------------------------------------------------------------------

    def target(self):
        rng = self.rng
        if rng.random() < 0.95:
            name = rng.choice(self.scope_names + ["n", "total", "fresh"])
            if rng.random() < 0.02:
                name = rng.choice(["print", "coreid"])      # shadow a builtin
            return ast.Name(name, ast.Store())
        if not self.maybe():
            return ast.Subscript(ast.Name(self.name(), ast.Load()), self.expr(1), ast.Store())
        return rng.choice([ast.Tuple([ast.Name("a", ast.Store()), ast.Name("b", ast.Store())],
                                     ast.Store()),
                           ast.Attribute(ast.Name("a", ast.Load()), "x", ast.Store())])

    def block(self, depth, in_func, in_loop, n=None):
        n = n if n is not None else self.rng.randint(1, 4)
        return [self.stmt(depth, in_func, in_loop) for _ in range(n)]

    def stmt(self, depth, in_func, in_loop):
        rng = self.rng
        kinds = ["assign", "aug", "expr", "print", "pass"]
        weights = [5, 2, 2, 3, 1]
        if depth > 0:
            kinds += ["if", "while", "def"]
            # (a nested def may capture the enclosing function's locals: unsupported)
            weights += [3, 2, 1 if not in_func else 3 * self.weird]
        if in_loop or rng.random() < self.weird:
            kinds += ["break", "continue"]
            weights += [1, 1]
        if in_func or self.maybe():
            kinds += ["return"]
            weights += [2]
        if self.maybe():
            kinds += ["global"]         # anywhere: may come after a use, or name a parameter
            weights += [1]
        kinds += ["import", "weird"]
        weights += [0.5, 10 * self.weird]
        kind = rng.choices(kinds, weights)[0]
        e = lambda d=2: self.expr(d)  # noqa: E731
        if kind == "assign":
            return ast.Assign([self.target() for _ in range(rng.randint(1, 3))], e(3))
        if kind == "aug":
            op = rng.choice(_BINOPS + ([ast.Div] if self.maybe() else []))
            target = self.target() if self.maybe() else \
                ast.Name(rng.choice(self.scope_names + ["n", "total"]), ast.Store())
            return ast.AugAssign(target, op(), e())
        if kind == "expr":
            return ast.Expr(e(3))
        if kind == "print":
            return ast.Expr(ast.Call(ast.Name("print", ast.Load()),
                                     [e() for _ in range(rng.randint(0, 3))], []))
        if kind == "pass":
            return ast.Pass()
        if kind == "if":
            orelse = []
            r = rng.random()
            if r < 0.3:
                orelse = self.block(depth - 1, in_func, in_loop)
            elif r < 0.5:
                orelse = [self.stmt(depth - 1, in_func, in_loop)]
            return ast.If(e(), self.block(depth - 1, in_func, in_loop), orelse)
        if kind == "while":
            test = ast.Constant(True) if rng.random() < 0.2 else e()
            orelse = self.block(depth - 1, in_func, in_loop) if rng.random() < 0.3 else []
            return ast.While(test, self.block(depth - 1, in_func, True), orelse)
        if kind == "def":
            name = f"f{len(self.functions)}"
            params = rng.sample(["a", "b", "c", "p", "q"], rng.randint(0, 3))
            saved = self.scope_names
            self.scope_names = params + ["a", "b"]
            body = self.block(depth - 1, True, False)
            if rng.random() < 0.3:
                free = [n for n in ("total", "n") if n not in params]
                body.insert(0, ast.Global([rng.choice(free)]))
            self.scope_names = saved
            self.functions.append(name)
            self.arity[name] = (len(params), len(params))
            args = _args(params)
            if rng.random() < self.weird:
                args.defaults = [ast.Constant(1)] if params else []
            node = ast.FunctionDef(name, args, body, [], None)
            if hasattr(ast.FunctionDef, "type_params") or "type_params" in ast.FunctionDef._fields:
                node.type_params = []
            return node
        if kind == "break":
            return ast.Break()
        if kind == "continue":
            return ast.Continue()
        if kind == "return":
            return ast.Return(e() if rng.random() < 0.8 else None)
        if kind == "global":
            return ast.Global([rng.choice(["a", "total", "n"])])
        if kind == "import":
            choices = [ast.ImportFrom("parallel", [ast.alias("coreid")], 0),
                       ast.ImportFrom("parallel", [ast.alias("numcores", "nc")], 0),
                       ast.Import([ast.alias("parallel")])]
            if not in_func or self.maybe():
                choices.append(ast.ImportFrom("parallel", [ast.alias("*")], 0))
            if self.maybe():
                choices.append(ast.Import([ast.alias("os")]))
            return rng.choice(choices)
        return rng.choice([
            lambda: ast.Expr(ast.Attribute(e(), "x", ast.Load())),
            lambda: ast.Assign([ast.Tuple([ast.Name("a", ast.Store()),
                                           ast.Name("b", ast.Store())], ast.Store())], e()),
            lambda: ast.Assign([ast.Attribute(ast.Name("a", ast.Load()), "x", ast.Store())], e()),
            lambda: ast.ClassDef("K", [], [], [ast.Pass()], []),
            lambda: ast.For(ast.Name("i", ast.Store()), e(), [ast.Pass()], []),
            lambda: ast.Delete([ast.Name("a", ast.Del())]),
            lambda: ast.Assert(e(), None),
            lambda: ast.Raise(e(), None),
            lambda: ast.Try([ast.Pass()], [ast.ExceptHandler(None, None, [ast.Pass()])], [], []),
        ])()


def _args(names):
    return ast.arguments(posonlyargs=[], args=[ast.arg(n) for n in names], vararg=None,
                         kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])


def random_program(seed, weird=0.0, statements=8, depth=3):
    """Return the source of a random program; the same ``seed`` gives the same program.

    With ``weird`` 0 the program is in the supported subset and must compile; otherwise each
    node reaches for something unsupported or invalid with about that probability.
    """
    gen = _Gen(random.Random(seed), weird)
    body = [ast.Import([ast.alias("parallel")]),
            ast.ImportFrom("parallel", [ast.alias("coreid"), ast.alias("numcores")], 0)]
    body += [ast.Assign([ast.Name(name, ast.Store())], ast.Constant(value))
             for name, value in (("a", 3), ("b", -2), ("c", "xy"), ("n", 5), ("total", 0))]
    body += [gen.stmt(depth, False, False) for _ in range(statements)]
    module = ast.fix_missing_locations(ast.Module(body, []))
    return ast.unparse(module) + "\n"


# -- programs whose output CPython and the VM must agree on ---------------------------------------

_INT_MIN, _INT_MAX = -2 ** 31, 2 ** 31 - 1
_VARS = {"a": 7, "b": -3, "c": 0, "d": 100000, "e": -2147483648, "s": "core", "t": True}


class _Reject(Exception):
    """The expression would leave the VM's int range, divide by zero, or raise otherwise."""


def _eval(node, env):
    """Evaluate ``node`` as CPython would, rejecting anything whose result could differ."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, env)
        if isinstance(node.op, ast.Not):
            return not v
        if isinstance(v, str):
            raise _Reject
        return _check({ast.USub: lambda: -v, ast.UAdd: lambda: +v,
                       ast.Invert: lambda: ~v}[type(node.op)]())
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, env), _eval(node.right, env)
        op = type(node.op)
        if isinstance(a, str) or isinstance(b, str):
            if op is ast.Add and isinstance(a, str) and isinstance(b, str) and len(a + b) < 50:
                return a + b
            if op is ast.Mult and isinstance(a, str) != isinstance(b, str):
                n = b if isinstance(a, str) else a
                if -3 <= n <= 5:
                    return a * b
            raise _Reject
        if op in (ast.FloorDiv, ast.Mod) and b == 0:
            raise _Reject
        if op in (ast.LShift, ast.RShift) and not 0 <= b <= 40:
            raise _Reject
        if op is ast.LShift and a and b > 31:
            raise _Reject
        if op is ast.Pow and (b < 0 or b > 40 and abs(a) > 1):
            raise _Reject
        return _check({ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                       ast.FloorDiv: lambda: a // b, ast.Mod: lambda: a % b,
                       ast.Pow: lambda: a ** b, ast.LShift: lambda: a << b,
                       ast.RShift: lambda: a >> b, ast.BitAnd: lambda: a & b,
                       ast.BitOr: lambda: a | b, ast.BitXor: lambda: a ^ b}[op]())
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            result = _eval(value, env)
            if bool(result) != isinstance(node.op, ast.And):
                return result
        return result
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        for op, comparator in zip(node.ops, node.comparators):
            right = _eval(comparator, env)
            if isinstance(left, str) != isinstance(right, str) and \
                    not isinstance(op, (ast.Eq, ast.NotEq)):
                raise _Reject
            if isinstance(op, (ast.In, ast.NotIn)) and not (isinstance(left, str) and
                                                            isinstance(right, str)):
                raise _Reject
            ok = {ast.Eq: lambda: left == right, ast.NotEq: lambda: left != right,
                  ast.Lt: lambda: left < right, ast.LtE: lambda: left <= right,
                  ast.Gt: lambda: left > right, ast.GtE: lambda: left >= right,
                  ast.In: lambda: left in right, ast.NotIn: lambda: left not in right}[type(op)]()
            if not ok:
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        return _eval(node.body if _eval(node.test, env) else node.orelse, env)
    raise _Reject


def _check(value):
    if type(value) is int and not _INT_MIN <= value <= _INT_MAX:
        raise _Reject
    return value


def random_int_program(seed, lines=25):
    """A program printing random expressions whose CPython results the VM must reproduce."""
    rng = random.Random(seed)
    ops = _BINOPS
    cmps = [ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE]

    def leaf():
        if rng.random() < 0.5:
            return ast.Name(rng.choice(list(_VARS)), ast.Load())
        v = rng.choice([0, 1, 2, 3, 5, 31, 32, 255, 1000, 65535, 2147483647, -1, -7])
        return ast.Constant(v) if v >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-v))

    def expr(depth):
        if depth == 0 or rng.random() < 0.2:
            return leaf()
        r = rng.random()
        sub = lambda: expr(depth - 1)  # noqa: E731
        if r < 0.5:
            return ast.BinOp(sub(), rng.choice(ops)(), sub())
        if r < 0.6:
            return ast.UnaryOp(rng.choice(_UNARY)(), sub())
        if r < 0.75:
            n = rng.randint(1, 3)
            return ast.Compare(sub(), [rng.choice(cmps)() for _ in range(n)],
                               [sub() for _ in range(n)])
        if r < 0.9:
            return ast.BoolOp(rng.choice([ast.And, ast.Or])(), [sub() for _ in range(2)])
        return ast.IfExp(sub(), sub(), sub())

    body = [ast.Assign([ast.Name(k, ast.Store())], ast.Constant(v)) for k, v in _VARS.items()]
    found = 0
    while found < lines:
        e = expr(rng.randint(1, 4))
        try:
            _eval(e, dict(_VARS))
        except (_Reject, TypeError):
            continue
        found += 1
        body.append(ast.Expr(ast.Call(ast.Name("print", ast.Load()), [e], [])))
    return ast.unparse(ast.fix_missing_locations(ast.Module(body, []))) + "\n"
