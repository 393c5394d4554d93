"""Hypothesis strategies for random, well-typed programs in microcore's Python subset.

:func:`programs` draws the source text of a whole program: typed global variables, a few
functions (some recursive), then a main body of statements. Every variable has one static type
for its whole life and is assigned before anything reads it, so a program fails only where the
language itself says it must (an index out of range, a division by zero, an ``int`` result out of
32 bits, ...), and then the VM must fail in the same way at the same line. Programs print their
intermediate values: every assignment is followed by a ``print`` of what it stored.

Termination is structural: ``for`` loops run over bounded iterables (a ``range`` of at most a
dozen steps, a copy of a list, a str or a tuple), every ``while`` loop counts its iterations
in a variable of its own that nothing else writes (``w0 < 5 and cond``, incremented first thing
in the body, so ``continue`` cannot skip it), loops nest at most two deep, a function calls only
the functions defined before it, and a recursive function ``f(n, ...)`` returns at ``n <= 0``,
calls itself only with ``n - 1``, never from inside a loop, and is called with ``n < 4``.

Names never collide: globals are ``<prefix><k>`` by type (:data:`PREFIX`), function locals
``v<prefix><k>``, parameters ``p<k>``, functions and lambdas ``f<k>``, and comprehension, lambda,
``enumerate``/``zip`` loop and ``except ... as`` names are fresh (``c_12``, ``a_13``, ``et_14``).
A comprehension or loop variable is readable only inside it (:meth:`Gen.bound`), and a lambda's
body sees only its parameters (closures are rejected by the compiler). A ``try`` may catch what
its body raises, with ``raise``, bare ``raise``, ``else`` and ``finally``; ``break``/``continue``
and ``return`` may leave it. A program ends at its first uncaught exception, which CPython and
the VM must agree on (class and line).

The grammar is built from *features*. A feature is one function ``feature(grammar)`` that
registers types (with a strategy for their literals), expression forms per type and statement
forms; :data:`FEATURES` lists them. Floats, dicts or exceptions plug in by writing one more such
function and appending it to :data:`FEATURES` (see :func:`ints` and :func:`lists` for the
pattern). Expression forms are functions ``form(draw, gen, depth) -> str`` that return a fully
parenthesised expression; statement forms are ``form(draw, gen, depth) -> [lines]``, where nested
blocks come from ``gen.block(draw, depth)`` already indented. Floats, for instance::

    def floats(g):
        g.add_type(FLOAT, st.sampled_from(["0.5", "1.25", "-3.0", "1e-3"]))
        g.add_expression(FLOAT, _binary("+", FLOAT), 3)
        g.add_expression(FLOAT, lambda draw, gen, depth: f"float({gen.expr(draw, INT, depth)})")

    FEATURES.append(floats)

(with the CPython side of ``differential.py`` rounding each float result to binary32 in
``check``, as it bounds ints to 32 bits). Every registered type gets variables, assignments,
``print``, ``==``, ``not`` and ``str()`` from the other features.
"""

from dataclasses import dataclass, field

from hypothesis import strategies as st

INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1

INT, BOOL, STR, NONE = "int", "bool", "str", "None"
LIST_INT, LIST_STR, TUPLE_INT, RANGE = "list[int]", "list[str]", "tuple[int]", "range"
FLOAT, DICT = "float", "dict[str,int]"

#: First letters of the names of variables of each type (``x0`` is a float, ``d1`` a dict; ``f``
#: is taken by functions).
PREFIX = {INT: "i", BOOL: "b", STR: "s", NONE: "N", LIST_INT: "l", LIST_STR: "ls",
          TUPLE_INT: "t", RANGE: "r", FLOAT: "x", DICT: "d"}

#: Element type of each iterable type (what a ``for`` loop or an index gives).
ELEMENT = {STR: STR, LIST_INT: INT, LIST_STR: STR, TUPLE_INT: INT, RANGE: INT, DICT: STR}
#: Iterable types that are mutable (a ``for`` loop iterates over a copy of them).
MUTABLE = {LIST_INT, LIST_STR, DICT}

MAX_EXPR_DEPTH = 3
MAX_BLOCK_DEPTH = 3
MAX_LOOP_DEPTH = 2


class Grammar:
    """Types, expression forms and statement forms, as the features register them."""

    def __init__(self):
        self.literals = {}          # type -> strategy of literal source text
        self.expressions = {}       # type -> [(weight, form)]
        self.statements = []        # [(weight, form)]
        self.features = []          # the feature functions registered

    def add_type(self, name, literal):
        """Register type ``name``; ``literal`` is a strategy of its literal source text."""
        self.literals[name] = literal
        self.expressions.setdefault(name, [])

    def add_expression(self, type_, form, weight=1):
        """Register ``form(draw, gen, depth) -> str``, an expression of type ``type_``."""
        self.expressions.setdefault(type_, []).append((weight, form))

    def add_statement(self, form, weight=1):
        """Register ``form(draw, gen, depth) -> [lines]``, a statement (or several)."""
        self.statements.append((weight, form))

    @property
    def types(self):
        return sorted(self.literals)


def _weighted(draw, rows):
    """One item of ``[(weight, item)]``, drawn so that Hypothesis shrinks towards the first."""
    total = sum(w for w, _ in rows)
    k = draw(st.integers(0, total - 1))
    for w, item in rows:
        if k < w:
            return item
        k -= w
    raise AssertionError("unreachable")


@dataclass
class Function:
    name: str
    params: list                # [(name, type)]
    result: str                 # return type
    recursive: bool = False
    defaults: dict = field(default_factory=dict)    # parameter name -> default's source


@dataclass
class Scope:
    """Names visible where code is being generated."""
    variables: dict = field(default_factory=dict)   # name -> type (readable)
    writable: set = field(default_factory=set)      # names a statement may assign
    function: Function = None                       # the function being generated, if any
    self_calls: int = 0                             # recursive calls emitted so far


class Gen:
    """The state of one program being generated; passed to every form."""

    def __init__(self, grammar):
        self.g = grammar
        self.functions = []         # functions defined so far (callable)
        self.scope = Scope()
        self.loop_depth = 0
        self.while_count = 0
        self.fresh_count = 0

    def fresh(self, prefix):
        """A name used nowhere else in the program (comprehension and loop variables)."""
        self.fresh_count += 1
        return f"{prefix}_{self.fresh_count}"     # no other name has an underscore

    def bound(self, names):
        """Context: ``{name: type}`` readable (not writable) while generating a nested part."""
        return _Bound(self.scope, names)

    # -- names ----------------------------------------------------------------------------------

    def variables_of(self, type_, writable=False):
        names = self.scope.writable if writable else self.scope.variables
        return sorted(n for n in names if self.scope.variables.get(n) == type_)

    def var(self, draw, type_, writable=False):
        """A variable of ``type_``, or None when there is none."""
        names = self.variables_of(type_, writable)
        return draw(st.sampled_from(names)) if names else None

    # -- expressions ----------------------------------------------------------------------------

    def expr(self, draw, type_, depth=MAX_EXPR_DEPTH):
        """An expression of ``type_``: a literal, a variable or (above depth 0) a compound form."""
        rows = [(3, "literal")]
        if self.variables_of(type_):
            rows.append((4, "var"))
        if depth > 0:
            rows += [(w, form) for w, form in self.g.expressions.get(type_, [])]
        choice = _weighted(draw, rows)
        if choice == "literal":
            return draw(self.g.literals[type_])
        if choice == "var":
            return self.var(draw, type_)
        return choice(draw, self, depth - 1)

    def any_expr(self, draw, depth=MAX_EXPR_DEPTH):
        return self.expr(draw, draw(st.sampled_from(self.g.types)), depth)

    def small(self, draw, depth=1, bound=8):
        """An int expression that is small and non-negative: a literal, or ``(e % bound)``."""
        if draw(st.booleans()):
            return str(draw(st.integers(0, bound - 1)))
        return f"({self.expr(draw, INT, depth)} % {bound})"

    def index(self, draw):
        """An int index that is usually, but not always, in range of a short sequence."""
        return str(draw(st.integers(-3, 3)))

    def guard(self, draw, name, body):
        """``body(k)`` (lines using ``name[k]``), usually under an ``if`` that keeps k in range."""
        k = self.index(draw)
        if draw(st.integers(0, 4)) == 0:
            return body(k)
        need = f"{k} < len({name})" if int(k) >= 0 else f"len({name}) >= {-int(k)}"
        return [f"if {need}:"] + ["    " + line for line in body(k)]

    # -- statements -----------------------------------------------------------------------------

    def statement(self, draw, depth):
        rows = list(self.g.statements)
        form = _weighted(draw, rows)
        return form(draw, self, depth)

    def block(self, draw, depth, min_size=1, max_size=4):
        """Indented lines of a nested block of statements."""
        lines = []
        for _ in range(draw(st.integers(min_size, max_size))):
            lines += self.statement(draw, depth - 1)
        return ["    " + line for line in lines] or ["    pass"]


class _Bound:
    def __init__(self, scope, names):
        self.scope, self.names = scope, names

    def __enter__(self):
        self.saved = {n: self.scope.variables.get(n) for n in self.names}
        self.scope.variables.update(self.names)

    def __exit__(self, *exc):
        for name, old in self.saved.items():
            if old is None:
                self.scope.variables.pop(name, None)
            else:
                self.scope.variables[name] = old


# -- features -------------------------------------------------------------------------------------

def _binary(op, type_, left=None, right=None):
    def form(draw, gen, depth):
        return f"({gen.expr(draw, left or type_, depth)} {op} " \
               f"{gen.expr(draw, right or type_, depth)})"
    return form


def _ifexp(type_):
    def form(draw, gen, depth):
        return f"({gen.expr(draw, type_, depth)} if {gen.expr(draw, BOOL, depth)} " \
               f"else {gen.expr(draw, type_, depth)})"
    return form


def _and_or(type_):
    # ``a and b`` / ``a or b`` of one type has that type, whichever operand it returns.
    def form(draw, gen, depth):
        op = draw(st.sampled_from(["and", "or"]))
        return f"({gen.expr(draw, type_, depth)} {op} {gen.expr(draw, type_, depth)})"
    return form


def _int_literal():
    small = st.integers(-12, 12)
    edge = st.sampled_from([100, 255, 1000, 65535, 65536, 46341, 1 << 30, INT_MAX, INT_MIN,
                            -INT_MAX, 1 << 16, -(1 << 16)])
    # Mostly small values (an edge value in most expressions would overflow most programs).
    return st.integers(0, 7).flatmap(lambda k: edge if k == 0 else small).map(
        lambda v: f"({v})" if v < 0 else str(v))


def ints(g):
    """``int``: arithmetic, bitwise operators, unary operators, ``abs``, ``int``, ``len``."""
    g.add_type(INT, _int_literal())
    for op in ("+", "-", "*", "&", "|", "^"):
        g.add_expression(INT, _binary(op, INT), 3 if op in "+-*" else 1)

    def floordiv_mod(draw, gen, depth):
        op = draw(st.sampled_from(["//", "%"]))
        a = gen.expr(draw, INT, depth)
        b = gen.expr(draw, INT, depth)
        # Mostly a divisor that is never zero; now and then one that may be.
        return f"({a} {op} {b})" if draw(st.integers(0, 5)) == 0 else f"({a} {op} ({b} or 7))"
    g.add_expression(INT, floordiv_mod, 2)

    def power(draw, gen, depth):
        return f"({gen.expr(draw, INT, depth)} ** {gen.small(draw, depth, 5)})"
    g.add_expression(INT, power)

    def shift(draw, gen, depth):
        if draw(st.booleans()):
            return f"({gen.expr(draw, INT, depth)} << {gen.small(draw, depth, 33)})"
        return f"({gen.expr(draw, INT, depth)} >> {gen.small(draw, depth, 40)})"
    g.add_expression(INT, shift)

    def unary(draw, gen, depth):
        return f"({draw(st.sampled_from(['-', '~', '+']))}{gen.expr(draw, INT, depth)})"
    g.add_expression(INT, unary, 2)

    g.add_expression(INT, lambda draw, gen, depth: f"abs({gen.expr(draw, INT, depth)})")
    g.add_expression(INT, lambda draw, gen, depth: f"int(str({gen.expr(draw, INT, depth)}))")
    g.add_expression(INT, lambda draw, gen, depth: f"int({gen.expr(draw, BOOL, depth)})")
    g.add_expression(INT, _ifexp(INT))
    g.add_expression(INT, _and_or(INT))

    def mixed_bool(draw, gen, depth):
        # bool is an int subclass: True + 1 == 2.
        op = draw(st.sampled_from(["+", "-", "*"]))
        return f"({gen.expr(draw, BOOL, depth)} {op} {gen.expr(draw, INT, depth)})"
    g.add_expression(INT, mixed_bool)

    def length(draw, gen, depth):
        type_ = draw(st.sampled_from(sorted(t for t in ELEMENT if t in g.literals)))
        return f"len({gen.expr(draw, type_, depth)})"
    g.add_expression(INT, length, 2)

    def aug(draw, gen, depth):
        name = gen.var(draw, INT, writable=True)
        if name is None:
            return []
        op = draw(st.sampled_from(["+=", "-=", "*=", "&=", "|=", "^=", "//=", "%="]))
        value = gen.expr(draw, INT, depth)
        if op in ("//=", "%="):
            value = f"({value} or 3)"
        return [f"{name} {op} {value}", f"print({name})"]
    g.add_statement(aug, 2)


def bools(g):
    """``bool`` and ``None``: comparisons (chained), ``in``, ``not``, ``is``, bool operators."""
    g.add_type(BOOL, st.sampled_from(["True", "False"]))
    g.add_type(NONE, st.just("None"))

    def compare(draw, gen, depth):
        type_ = draw(st.sampled_from([INT, INT, STR, LIST_INT, TUPLE_INT, BOOL]))
        ops = ["<", "<=", ">", ">=", "==", "!="]
        n = draw(st.integers(1, 2))
        parts = [gen.expr(draw, type_, depth)]
        for _ in range(n):
            parts += [draw(st.sampled_from(ops)), gen.expr(draw, type_, depth)]
        return "(" + " ".join(parts) + ")"
    g.add_expression(BOOL, compare, 4)

    def equal_any(draw, gen, depth):
        op = draw(st.sampled_from(["==", "!="]))
        return f"({gen.any_expr(draw, depth)} {op} {gen.any_expr(draw, depth)})"
    g.add_expression(BOOL, equal_any)

    def contains(draw, gen, depth):
        op = draw(st.sampled_from(["in", "not in"]))
        container = draw(st.sampled_from(sorted(t for t in ELEMENT if t in g.literals)))
        return f"({gen.expr(draw, ELEMENT[container], depth)} {op} " \
               f"{gen.expr(draw, container, depth)})"
    g.add_expression(BOOL, contains, 2)

    g.add_expression(BOOL, lambda draw, gen, depth: f"(not {gen.any_expr(draw, depth)})")
    g.add_expression(BOOL, _and_or(BOOL), 2)
    g.add_expression(BOOL, _ifexp(BOOL))

    def bitwise(draw, gen, depth):
        # & | ^ of two bools is a bool.
        op = draw(st.sampled_from(["&", "|", "^"]))
        return f"({gen.expr(draw, BOOL, depth)} {op} {gen.expr(draw, BOOL, depth)})"
    g.add_expression(BOOL, bitwise)

    def is_none(draw, gen, depth):
        op = draw(st.sampled_from(["is", "is not"]))
        return f"({gen.any_expr(draw, depth)} {op} None)"
    g.add_expression(BOOL, is_none)
    g.add_expression(NONE, _ifexp(NONE))


_STRINGS = ["", "a", "b", "ab", "abc", "hello", "x y", "0", "-12", "42", "It's", 'say "hi"',
            "\u00e9t\u00e9", "tab\there", "A"]


def strings(g):
    """``str``: concatenation, repetition, indexing, slicing, ``str()`` of any value."""
    g.add_type(STR, st.sampled_from(_STRINGS).map(repr))
    g.add_expression(STR, _binary("+", STR), 3)
    g.add_expression(STR, lambda draw, gen, depth:
                     f"({gen.expr(draw, STR, depth)} * {gen.small(draw, depth, 4)})")
    g.add_expression(STR, lambda draw, gen, depth: f"str({gen.any_expr(draw, depth)})", 2)
    g.add_expression(STR, _ifexp(STR))
    g.add_expression(STR, _and_or(STR))
    _sequence_forms(g, STR)

    def aug(draw, gen, depth):
        name = gen.var(draw, STR, writable=True)
        if name is None:
            return []
        return [f"{name} += {gen.expr(draw, STR, depth)}", f"print({name})"]
    g.add_statement(aug)


def _sequence_forms(g, type_):
    """Indexing and slicing of a sequence type (its element type must be registered)."""
    element = ELEMENT[type_]

    def index(draw, gen, depth):
        name = gen.var(draw, type_)
        if name is None or draw(st.integers(0, 4)) == 0:
            return f"{gen.expr(draw, type_, depth)}[{gen.index(draw)}]"    # may be out of range
        # Mostly guarded: the conditional expression is exercised too.
        k = draw(st.integers(0, 3))
        i, need = (k, f"{k} < len({name})") if draw(st.booleans()) else \
            (-k - 1, f"len({name}) > {k}")
        return f"({name}[{i}] if {need} else {gen.expr(draw, element, 0)})"
    g.add_expression(element, index)

    def bound(draw, gen, depth):
        if draw(st.integers(0, 3)) == 0:
            return ""
        if draw(st.booleans()):
            return str(draw(st.integers(-6, 6)))
        return gen.expr(draw, INT, 0)

    def slice_(draw, gen, depth):
        seq = gen.expr(draw, type_, depth)
        lo, hi = bound(draw, gen, depth), bound(draw, gen, depth)
        if draw(st.booleans()):
            return f"{seq}[{lo}:{hi}]"
        step = draw(st.sampled_from(["", "1", "2", "3", "-1", "-2", "-3"]))
        if draw(st.integers(0, 20)) == 0:
            step = "0"          # ValueError: slice step cannot be zero
        return f"{seq}[{lo}:{hi}:{step}]"
    g.add_expression(type_, slice_, 2)


def _list_literal(element_literal, max_size=4):
    return st.lists(element_literal, max_size=max_size).map(lambda xs: "[" + ", ".join(xs) + "]")


def lists(g):
    """``list`` of ints and of strs: displays, ``+``, ``*``, slices, methods, ``sorted``."""
    g.add_type(LIST_INT, _list_literal(_int_literal()))
    g.add_type(LIST_STR, _list_literal(st.sampled_from(_STRINGS).map(repr)))
    for type_ in (LIST_INT, LIST_STR):
        element = ELEMENT[type_]
        g.add_expression(type_, _binary("+", type_), 2)
        g.add_expression(type_, lambda draw, gen, depth, t=type_:
                         f"({gen.expr(draw, t, depth)} * {gen.small(draw, depth, 3)})")
        g.add_expression(type_, lambda draw, gen, depth, t=type_:
                         f"sorted({gen.expr(draw, t, depth)})")
        g.add_expression(type_, lambda draw, gen, depth, t=type_:
                         f"list({gen.expr(draw, t, depth)})")
        g.add_expression(type_, _ifexp(type_))

        def display(draw, gen, depth, e=element):
            items = [gen.expr(draw, e, depth) for _ in range(draw(st.integers(0, 3)))]
            return "[" + ", ".join(items) + "]"
        g.add_expression(type_, display, 2)
        _sequence_forms(g, type_)

        def list_index(draw, gen, depth, t=type_, e=element):
            # Usually an item that is there (ValueError otherwise).
            name = gen.var(draw, t)
            if name is not None and draw(st.integers(0, 3)):
                return f"({name}.index({name}[{draw(st.integers(-1, 0))}]) if {name} else 0)"
            return f"{gen.expr(draw, t, depth)}.index({gen.expr(draw, e, depth)})"
        g.add_expression(INT, list_index)

        def method(draw, gen, depth, t=type_, e=element):
            name = gen.var(draw, t, writable=True)
            if name is None:
                return []
            kind = draw(st.sampled_from(["append", "insert", "extend", "pop", "pop_at", "sort",
                                         "setitem", "augitem", "slice", "extslice", "aug"]))
            if kind == "append":
                return [f"{name}.append({gen.expr(draw, e, depth)})", f"print({name})"]
            if kind == "insert":
                return [f"{name}.insert({gen.index(draw)}, {gen.expr(draw, e, depth)})",
                        f"print({name})"]
            if kind == "extend":
                return [f"{name}.extend({gen.expr(draw, t, depth)})", f"print({name})"]
            if kind == "pop":
                return [f"if {name}:", f"    print({name}.pop())", f"print({name})"]
            if kind == "pop_at":
                return gen.guard(draw, name, lambda k: [f"print({name}.pop({k}))"]) + \
                    [f"print({name})"]
            if kind == "sort":
                return [f"{name}.sort()", f"print({name})"]
            if kind == "setitem":
                value = gen.expr(draw, e, depth)
                return gen.guard(draw, name, lambda k: [f"{name}[{k}] = {value}"]) + \
                    [f"print({name})"]
            if kind == "augitem":
                op = "+=" if e == STR else draw(st.sampled_from(["+=", "-=", "*=", "|="]))
                value = gen.expr(draw, e, depth)
                return gen.guard(draw, name, lambda k: [f"{name}[{k}] {op} {value}"]) + \
                    [f"print({name})"]
            if kind == "slice":
                lo, hi = draw(st.integers(-4, 4)), draw(st.integers(-4, 4))
                return [f"{name}[{lo}:{hi}] = {gen.expr(draw, t, depth)}", f"print({name})"]
            if kind == "extslice":
                step = draw(st.sampled_from([2, -1, -2]))
                value = gen.expr(draw, t, depth)
                if draw(st.integers(0, 3)):
                    # Of the right size (ValueError otherwise).
                    value = f"([{gen.expr(draw, e, depth)}] * len({name}[::{step}]))"
                return [f"{name}[::{step}] = {value}", f"print({name})"]
            op = draw(st.sampled_from(["+=", "*="]))
            value = gen.expr(draw, t, depth) if op == "+=" else gen.small(draw, depth, 3)
            return [f"{name} {op} {value}", f"print({name})"]
        g.add_statement(method, 3)


def tuples(g):
    """``tuple`` of ints: displays, ``tuple()``, ``+``, slices, ``index``, unpacking."""
    g.add_type(TUPLE_INT, st.lists(_int_literal(), max_size=3).map(
        lambda xs: "()" if not xs else "(" + ", ".join(xs) + ("," if len(xs) == 1 else "") + ")"))
    g.add_expression(TUPLE_INT, _binary("+", TUPLE_INT))
    g.add_expression(TUPLE_INT, lambda draw, gen, depth:
                     f"tuple({gen.expr(draw, LIST_INT, depth)})")
    g.add_expression(TUPLE_INT, _ifexp(TUPLE_INT))

    def display(draw, gen, depth):
        items = [gen.expr(draw, INT, depth) for _ in range(draw(st.integers(1, 3)))]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    g.add_expression(TUPLE_INT, display)

    def tuple_index(draw, gen, depth):
        name = gen.var(draw, TUPLE_INT)
        if name is not None and draw(st.integers(0, 3)):
            return f"({name}.index({name}[-1]) if {name} else -1)"
        return f"{gen.expr(draw, TUPLE_INT, depth)}.index({gen.expr(draw, INT, depth)})"
    g.add_expression(INT, tuple_index)
    _sequence_forms(g, TUPLE_INT)

    def unpack(draw, gen, depth):
        a = gen.var(draw, INT, writable=True)
        b = gen.var(draw, INT, writable=True)
        if a is None or b is None or a == b:
            return []
        if draw(st.booleans()):
            return [f"{a}, {b} = {b}, {a}", f"print({a}, {b})"]
        if draw(st.integers(0, 3)) == 0:
            # Usually two items; ValueError otherwise.
            return [f"{a}, {b} = {gen.expr(draw, TUPLE_INT, depth)}", f"print({a}, {b})"]
        return [f"[{a}, {b}] = {gen.expr(draw, INT, depth)}, {gen.expr(draw, INT, depth)}",
                f"print({a}, {b})"]
    g.add_statement(unpack)


def ranges(g):
    """``range``: lazy, with negative steps, ``len``, indexing, slicing, ``in``, ``==``."""
    def literal(args):
        return "range(" + ", ".join(map(str, args)) + ")"
    g.add_type(RANGE, st.one_of(
        st.tuples(st.integers(0, 8)),
        st.tuples(st.integers(-5, 5), st.integers(-5, 10)),
        st.tuples(st.integers(-8, 8), st.integers(-8, 8),
                  st.sampled_from([1, 2, 3, -1, -2, -3])),
    ).map(literal))

    def make(draw, gen, depth):
        n = draw(st.integers(1, 3))
        args = [gen.small(draw, depth, 9) if draw(st.booleans()) else
                str(draw(st.integers(-6, 9))) for _ in range(n)]
        if n == 3:
            args[2] = draw(st.sampled_from(["1", "2", "-1", "-2", "3"]))
        return literal(args)
    g.add_expression(RANGE, make, 2)
    g.add_expression(LIST_INT, lambda draw, gen, depth: f"list({gen.expr(draw, RANGE, depth)})")
    g.add_expression(TUPLE_INT, lambda draw, gen, depth:
                     f"tuple({gen.expr(draw, RANGE, depth)})")
    _sequence_forms(g, RANGE)


def statements(g):
    """Assignment, ``print``, ``if``/``elif``/``else``, ``for`` and ``while`` (with ``else``),
    ``break``, ``continue``, ``pass``."""

    def assign(draw, gen, depth):
        type_ = draw(st.sampled_from(g.types))
        name = gen.var(draw, type_, writable=True)
        if name is None:
            return []
        return [f"{name} = {gen.expr(draw, type_)}", f"print({name})"]
    g.add_statement(assign, 6)

    def chained(draw, gen, depth):
        # a = b = value: one object under two names (a list's later changes show in both).
        type_ = draw(st.sampled_from(g.types))
        names = gen.variables_of(type_, writable=True)
        if len(names) < 2:
            return []
        a, b = draw(st.permutations(names))[:2]
        return [f"{a} = {b} = {gen.expr(draw, type_)}", f"print({a}, {b}, {a} is {b})"]
    g.add_statement(chained)

    def print_(draw, gen, depth):
        args = [gen.any_expr(draw) for _ in range(draw(st.integers(0, 3)))]
        return [f"print({', '.join(args)})"]
    g.add_statement(print_, 4)

    def if_(draw, gen, depth):
        if depth <= 0:
            return []
        lines = [f"if {gen.expr(draw, BOOL)}:"] + gen.block(draw, depth)
        for _ in range(draw(st.integers(0, 2))):
            lines += [f"elif {gen.expr(draw, BOOL)}:"] + gen.block(draw, depth)
        if draw(st.booleans()):
            lines += ["else:"] + gen.block(draw, depth)
        return lines
    g.add_statement(if_, 3)

    def loop_body(draw, gen, depth):
        gen.loop_depth += 1
        try:
            body = gen.block(draw, depth)
        finally:
            gen.loop_depth -= 1
        return body

    def for_(draw, gen, depth):
        if depth <= 0 or gen.loop_depth >= MAX_LOOP_DEPTH:
            return []
        iterable_type = draw(st.sampled_from(sorted(t for t in ELEMENT if t in g.literals)))
        target = gen.var(draw, ELEMENT[iterable_type], writable=True)
        if target is None:
            return []
        if iterable_type == RANGE:
            iterable = gen.expr(draw, RANGE)
        elif iterable_type in MUTABLE:
            # A copy: the body may grow the list it came from.
            iterable = f"list({gen.expr(draw, iterable_type, 1)})"
        else:
            iterable = gen.expr(draw, iterable_type, 1)
        lines = [f"for {target} in {iterable}:"] + loop_body(draw, gen, depth)
        if draw(st.integers(0, 3)) == 0:
            lines += ["else:", f"    print('done', {target})"]
        return lines
    g.add_statement(for_, 2)

    def while_(draw, gen, depth):
        if depth <= 0 or gen.loop_depth >= MAX_LOOP_DEPTH:
            return []
        counter = f"w{gen.while_count}"
        gen.while_count += 1
        limit = draw(st.integers(0, 6))
        cond = f"{counter} < {limit}"
        if draw(st.booleans()):
            cond += f" and {gen.expr(draw, BOOL, 2)}"
        lines = [f"{counter} = 0", f"while {cond}:", f"    {counter} += 1"]
        lines += loop_body(draw, gen, depth)
        if draw(st.integers(0, 3)) == 0:
            lines += ["else:", f"    print('exhausted', {counter})"]
        return lines
    g.add_statement(while_, 2)

    def jump(draw, gen, depth):
        if gen.loop_depth == 0:
            return []
        word = draw(st.sampled_from(["break", "continue"]))
        return [f"if {gen.expr(draw, BOOL, 2)}:", f"    print('{word}')", f"    {word}"]
    g.add_statement(jump, 2)
    g.add_statement(lambda draw, gen, depth: ["pass"], 1)


#: Parameter and result types of generated functions.
_SIGNATURE_TYPES = [INT, INT, INT, STR, BOOL, LIST_INT, TUPLE_INT, FLOAT, DICT]


def functions(g):
    """Calls of the functions :func:`programs` defines (``def``, ``return``, recursion, ``global``).

    The definitions themselves are drawn by :func:`programs`; this feature adds calls to them as
    expressions of their result types, and ``global`` rebinding inside a function body.
    """
    def call(draw, gen, depth, type_):
        candidates = [f for f in gen.functions if f.result == type_]
        current = gen.scope.function
        if (current and current.recursive and current.result == type_ and gen.loop_depth == 0
                and gen.scope.self_calls < 2):
            candidates.append(current)
        if not candidates:
            return gen.expr(draw, type_, 0)
        f = draw(st.sampled_from(candidates))
        args, keywords = [], []
        positional = True       # no positional argument after a keyword or an omitted one
        for name, ptype in f.params:
            if name == "n":
                if f is current:
                    args.append("n - 1")
                    gen.scope.self_calls += 1
                else:
                    args.append(str(draw(st.integers(0, 3))))
                continue
            how = draw(st.sampled_from(["pos", "kw", "omit"] if name in f.defaults else
                                       ["pos", "kw"]))
            if how == "pos" and not positional:
                how = "kw"
            if how == "omit":
                positional = False
                continue
            value = gen.expr(draw, ptype, min(depth, 1))
            if how == "pos":
                args.append(value)
            else:
                positional = False
                keywords.append(f"{name}={value}")
        if len(keywords) > 1:
            keywords = draw(st.permutations(keywords))
        return f"{f.name}({', '.join(args + list(keywords))})"

    for type_ in sorted(set(_SIGNATURE_TYPES) & set(g.literals)):
        g.add_expression(type_, lambda draw, gen, depth, t=type_: call(draw, gen, depth, t), 2)

    def call_statement(draw, gen, depth):
        if not gen.functions:
            return []
        f = draw(st.sampled_from(gen.functions))
        return [f"print({call(draw, gen, depth, f.result)})"]
    g.add_statement(call_statement, 2)


# -- floats ---------------------------------------------------------------------------------------

#: Float literals: exact binary32 values, and a few that are not (``0.1``); magnitudes from 1e-7 to
#: 1e38 so that ``inf`` is one multiplication away.
_FLOATS = ["0.0", "0.5", "1.5", "2.0", "-2.25", "0.1", "3.0", "10.0", "1e10", "0.0025", "100.0",
           "-0.0", "0.3", "1e-07", "3.14159", "16777217.0", "1e+38", "-7.75", "255.5", "0.2"]


def floats(g):
    """``float``: arithmetic, mixed with ints, ``/ // %``, ``**``, ``abs``, ``round``, ``int``,
    ``float()``, comparisons, ``math``, ``min``/``max``/``sum``, formatting."""
    g.add_type(FLOAT, st.sampled_from(_FLOATS).map(lambda v: f"({v})" if v[0] == "-" else v))
    for op in "+-*":
        g.add_expression(FLOAT, _binary(op, FLOAT), 2)

    def mixed(draw, gen, depth):
        op = draw(st.sampled_from(["+", "-", "*", "/", "//", "%"]))
        a, b = gen.expr(draw, INT, depth), gen.expr(draw, FLOAT, depth)
        if draw(st.booleans()):
            a, b = b, a
        if op in ("/", "//", "%") and draw(st.integers(0, 5)):
            b = f"({b} or 3)"
        return f"({a} {op} {b})"
    g.add_expression(FLOAT, mixed, 3)

    def division(draw, gen, depth):
        op = draw(st.sampled_from(["/", "/", "//", "%"]))
        a, b = gen.expr(draw, FLOAT, depth), gen.expr(draw, FLOAT, depth)
        return f"({a} {op} {b})" if draw(st.integers(0, 5)) == 0 else f"({a} {op} ({b} or 1.5))"
    g.add_expression(FLOAT, division, 2)

    def int_division(draw, gen, depth):
        a, b = gen.expr(draw, INT, depth), gen.expr(draw, INT, depth)
        return f"({a} / {b})" if draw(st.integers(0, 5)) == 0 else f"({a} / ({b} or 7))"
    g.add_expression(FLOAT, int_division)

    def power(draw, gen, depth):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            return f"({gen.expr(draw, FLOAT, depth)} ** {draw(st.integers(0, 3))})"
        if kind == 1:
            return f"(abs({gen.expr(draw, FLOAT, depth)}) ** 0.5)"
        return f"({draw(st.sampled_from(['2', '3', '-2', '10']))} ** (-{draw(st.integers(1, 4))}))"
    g.add_expression(FLOAT, power)

    g.add_expression(FLOAT, lambda draw, gen, depth:
                     f"({draw(st.sampled_from(['-', '+']))}{gen.expr(draw, FLOAT, depth)})")
    g.add_expression(FLOAT, lambda draw, gen, depth: f"abs({gen.expr(draw, FLOAT, depth)})")
    g.add_expression(FLOAT, lambda draw, gen, depth: f"float({gen.expr(draw, INT, depth)})")
    g.add_expression(FLOAT, lambda draw, gen, depth: "float(%r)" % draw(st.sampled_from(
        ["1.25", " -3e2 ", "inf", "-inf", "nan", "0.1", "12", "1e39", "x1"])))
    g.add_expression(FLOAT, lambda draw, gen, depth:
                     f"round({gen.expr(draw, FLOAT, depth)}, {draw(st.integers(-1, 3))})")

    def math_call(draw, gen, depth):
        x = gen.expr(draw, FLOAT, depth)
        form = draw(st.sampled_from([
            "math.sqrt(abs({x}))", "math.fabs({x})", "math.sin({x})", "math.cos({x})",
            "math.atan({x})", "math.exp(({x}) % 50)", "math.log(abs({x}) + 1)",
            "math.log10(abs({x}) + 0.5)", "math.atan2({x}, {y})", "math.pow(abs({x}), 1.5)",
            "math.sqrt({x})", "math.log({x})", "math.tan({x} % 1.5)", "math.asin({x} % 1)"]))
        return form.format(x=x, y=gen.expr(draw, FLOAT, 0))
    g.add_expression(FLOAT, math_call, 2)
    g.add_expression(FLOAT, lambda draw, gen, depth: draw(st.sampled_from(["math.pi", "math.e"])))

    def min_max_sum(draw, gen, depth):
        items = [gen.expr(draw, draw(st.sampled_from([FLOAT, FLOAT, INT])), depth)
                 for _ in range(draw(st.integers(1, 3)))]
        items[0] = gen.expr(draw, FLOAT, depth)
        name = draw(st.sampled_from(["min", "max", "sum"]))
        if name == "sum" or draw(st.booleans()):
            return f"{name}([{', '.join(items)}])"
        return f"{name}({', '.join(items)})" if len(items) > 1 else f"{name}([{items[0]}])"
    g.add_expression(FLOAT, min_max_sum)
    g.add_expression(FLOAT, _ifexp(FLOAT))
    g.add_expression(FLOAT, _and_or(FLOAT))

    def to_int(draw, gen, depth):
        form = draw(st.sampled_from(["round({x})", "int({x})", "math.floor({x})",
                                     "math.ceil({x})", "int({x} * 100)"]))
        return form.format(x=gen.expr(draw, FLOAT, depth))
    g.add_expression(INT, to_int, 2)

    def compare(draw, gen, depth):
        types = [draw(st.sampled_from([FLOAT, FLOAT, INT])) for _ in range(3)]
        types[draw(st.integers(0, 1))] = FLOAT
        ops = [draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="])) for _ in range(2)]
        parts = [gen.expr(draw, types[0], depth), ops[0], gen.expr(draw, types[1], depth)]
        if draw(st.booleans()):
            parts += [ops[1], gen.expr(draw, types[2], depth)]
        return "(" + " ".join(parts) + ")"
    g.add_expression(BOOL, compare, 2)
    g.add_expression(BOOL, lambda draw, gen, depth: "isinstance(%s, %s)" % (
        gen.any_expr(draw, depth), draw(st.sampled_from(["float", "int", "(int, float)"]))))

    def formatted(draw, gen, depth):
        x = gen.expr(draw, FLOAT, depth)
        return _fstring(draw(st.sampled_from([
            f"f'{{{x}:.2f}}'", f"f'{{{x}:.0f}}|'", f"f'[{{{x}}}]'", f"f'{{{x}!r}}'",
            f"'%.3f' % {x}", f"'%g' % {x}", f"'%e' % {x}", f"'%s' % ({x},)", f"repr({x})",
            f"f'{{{x}:8}}'", f"f'{{{x}:10.3f}}'", f"'%6.2f|' % {x}"])), [x])
    g.add_expression(STR, formatted, 2)

    def aug(draw, gen, depth):
        name = gen.var(draw, FLOAT, writable=True)
        if name is None:
            return []
        op = draw(st.sampled_from(["+=", "-=", "*=", "/=", "//=", "%="]))
        value = gen.expr(draw, draw(st.sampled_from([FLOAT, INT])), depth)
        if op in ("/=", "//=", "%="):
            value = f"({value} or 2.5)"
        return [f"{name} {op} {value}", f"print({name})"]
    g.add_statement(aug)


# -- dicts ----------------------------------------------------------------------------------------

_KEYS = ["'a'", "'b'", "'c'", "'xy'", "''"]


def dicts(g):
    """``dict`` of str keys and int values: displays, ``d[k]``, ``get``, ``pop``, ``setdefault``,
    ``update``, ``del``, ``in``, views, iteration order, comprehensions, ``==``."""
    key = st.sampled_from(_KEYS)

    def literal(pairs):
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    g.add_type(DICT, st.lists(st.tuples(key, _int_literal()), max_size=4).map(literal))

    def key_expr(draw, gen, depth):
        return gen.expr(draw, STR, 0) if draw(st.integers(0, 3)) == 0 else draw(key)

    def display(draw, gen, depth):
        pairs = [(key_expr(draw, gen, depth), gen.expr(draw, INT, depth))
                 for _ in range(draw(st.integers(0, 3)))]
        return literal(pairs)
    g.add_expression(DICT, display, 2)

    def build(draw, gen, depth):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            return f"dict({gen.expr(draw, DICT, depth)})"
        if kind == 1:
            return f"{gen.expr(draw, DICT, depth)}.copy()"
        if kind == 2:
            keys, values = gen.expr(draw, LIST_STR, depth), gen.expr(draw, LIST_INT, depth)
            return f"dict(zip({keys}, {values}))"
        s = gen.fresh("k")
        with gen.bound({s: STR}):
            value = gen.expr(draw, INT, depth)
            cond = f" if {gen.expr(draw, BOOL, 0)}" if draw(st.booleans()) else ""
        if kind == 3:
            return f"{{{s}: {value} for {s} in {gen.expr(draw, LIST_STR, depth)}{cond}}}"
        v = gen.fresh("v")
        with gen.bound({s: STR, v: INT}):
            value = gen.expr(draw, INT, depth)
        return f"{{{s}: {value} for {s}, {v} in {gen.expr(draw, DICT, depth)}.items(){cond}}}"
    g.add_expression(DICT, build, 2)
    g.add_expression(DICT, _ifexp(DICT))

    def lookup(draw, gen, depth):
        d, k = gen.expr(draw, DICT, depth), key_expr(draw, gen, depth)
        kind = draw(st.integers(0, 4))
        if kind == 0:
            return f"{d}[{k}]"                      # KeyError when missing
        if kind == 1:
            return f"{d}.get({k}, {gen.expr(draw, INT, 0)})"
        if kind == 2:
            name = gen.var(draw, DICT)
            if name is not None:
                return f"({name}[{k}] if {k} in {name} else -1)"
        if kind == 3:
            return f"sum({d}.values())"
        return f"len({d}.keys())"
    g.add_expression(INT, lookup, 2)
    g.add_expression(BOOL, lambda draw, gen, depth: "(%s %s %s)" % (
        gen.expr(draw, DICT, depth), draw(st.sampled_from(["==", "!="])),
        gen.expr(draw, DICT, depth)))
    g.add_expression(BOOL, lambda draw, gen, depth: "(%s in %s.values())" % (
        gen.expr(draw, INT, depth), gen.expr(draw, DICT, depth)))
    g.add_expression(LIST_STR, lambda draw, gen, depth: draw(st.sampled_from(
        ["list({d})", "list({d}.keys())", "sorted({d})", "[k for k in {d}]"])).format(
        d=gen.expr(draw, DICT, depth)))
    g.add_expression(LIST_INT, lambda draw, gen, depth:
                     f"list({gen.expr(draw, DICT, depth)}.values())")
    g.add_expression(STR, lambda draw, gen, depth: draw(st.sampled_from(
        ["str({d}.items())", "repr({d}.keys())", "str({d}.values())"])).format(
        d=gen.expr(draw, DICT, depth)))

    def mutate(draw, gen, depth):
        name = gen.var(draw, DICT, writable=True)
        if name is None:
            return []
        k = key_expr(draw, gen, depth)
        kind = draw(st.sampled_from(["set", "set", "aug", "del", "del_guarded", "pop", "pop2",
                                     "setdefault", "update", "clear", "iter", "items", "grow"]))
        if kind == "set":
            lines = [f"{name}[{k}] = {gen.expr(draw, INT, depth)}"]
        elif kind == "aug":
            lines = [f"if {k} in {name}:", f"    {name}[{k}] += {gen.expr(draw, INT, depth)}"]
        elif kind == "del":
            lines = [f"del {name}[{k}]"]            # KeyError when missing
        elif kind == "del_guarded":
            lines = [f"if {k} in {name}:", f"    del {name}[{k}]"]
        elif kind == "pop":
            lines = [f"print({name}.pop({k}, {gen.expr(draw, INT, 0)}))"]
        elif kind == "pop2":
            lines = [f"print({name}.pop({k}))"]     # KeyError when missing
        elif kind == "setdefault":
            lines = [f"print({name}.setdefault({k}, {gen.expr(draw, INT, 0)}))"]
        elif kind == "update":
            lines = [f"{name}.update({gen.expr(draw, DICT, depth)})"]
        elif kind == "clear":
            lines = [f"{name}.clear()"]
        elif kind in ("iter", "items"):
            a, b = gen.fresh("k"), gen.fresh("v")
            if kind == "iter":
                return [f"for {a} in {name}:", f"    print({a}, {name}[{a}])"]
            return [f"for {a}, {b} in {name}.items():", f"    print({a}, {b})"]
        else:
            # Changing the size while iterating: RuntimeError, if the loop runs at all.
            a = gen.fresh("k")
            return [f"for {a} in {name}:", f"    {name}[{a} + 'z'] = 1"]
        return lines + [f"print({name})"]
    g.add_statement(mutate, 3)


# -- exceptions -----------------------------------------------------------------------------------

_RAISED = ["ValueError", "TypeError", "IndexError", "KeyError", "ZeroDivisionError",
           "RuntimeError", "AssertionError", "OverflowError", "Exception"]
_CAUGHT = ["Exception", "ValueError", "(IndexError, KeyError)", "LookupError", "ArithmeticError",
           "ZeroDivisionError", "TypeError", "RuntimeError", "KeyError", "(ValueError, TypeError)",
           "OverflowError", "IndexError"]


def exceptions(g):
    """``try``/``except``/``else``/``finally`` (nested, with VM-raised and raised exceptions,
    across calls, with ``return``/``break``/``continue`` through them), ``raise``, ``assert``."""

    def try_(draw, gen, depth):
        if depth <= 0:
            return []
        label = gen.fresh("t")
        lines = ["try:"] + gen.block(draw, depth, max_size=2)
        handlers = draw(st.integers(0 if draw(st.booleans()) else 1, 2))
        bare = handlers and draw(st.integers(0, 4)) == 0
        for k in range(handlers):
            if bare and k == handlers - 1:
                head = "except:"
            else:
                caught = draw(st.sampled_from(_CAUGHT))
                head = f"except {caught}" + (f" as e{label}:" if draw(st.booleans()) else ":")
            body = [f"    print('{label} caught {k}')"]
            kind = draw(st.integers(0, 5))
            if kind == 0:
                body.append("    raise")
            elif kind == 1:
                body.append(f"    raise {draw(st.sampled_from(_RAISED))}('{label}')")
            elif kind == 2:
                body += gen.block(draw, depth, max_size=1)
            lines += [head] + body
        if handlers and draw(st.integers(0, 2)) == 0:
            lines += ["else:", f"    print('{label} else')"] + gen.block(draw, depth, max_size=1)
        if not handlers or draw(st.booleans()):
            lines += ["finally:", f"    print('{label} finally')"]
            if draw(st.integers(0, 2)) == 0:
                lines += gen.block(draw, depth, max_size=1)
        return lines
    g.add_statement(try_, 3)

    def raise_(draw, gen, depth):
        exc = draw(st.sampled_from(_RAISED))
        arg = draw(st.sampled_from(["", "'boom'", "1"]))
        if draw(st.integers(0, 3)) == 0:
            return [f"raise {exc}({arg})"]
        return [f"if {gen.expr(draw, BOOL, 1)}:", f"    raise {exc}({arg})"]
    g.add_statement(raise_, 2)

    def assert_(draw, gen, depth):
        message = f", {gen.expr(draw, STR, 1)}" if draw(st.booleans()) else ""
        return [f"assert {gen.expr(draw, BOOL, 2)}{message}"]
    g.add_statement(assert_)

    def return_(draw, gen, depth):
        f = gen.scope.function
        if f is None:
            return []
        return [f"if {gen.expr(draw, BOOL, 1)}:", f"    return {gen.expr(draw, f.result, 1)}"]
    g.add_statement(return_, 2)


# -- lambdas, comprehensions and builtins ---------------------------------------------------------

def comprehensions(g):
    """``lambda`` (called at once), list comprehensions (nested ``for``, ``if``), ``enumerate``,
    ``zip``, ``reversed``, ``min``/``max``/``sum``, ``sorted(reverse=)``, ``divmod``."""

    def lambda_(draw, gen, depth):
        a, b = gen.fresh("a"), gen.fresh("b")
        outer = gen.scope        # the body sees only the parameters (no closures)
        gen.scope = Scope(variables={a: INT, b: INT})
        try:
            body = gen.expr(draw, INT, min(depth, 1))
        finally:
            gen.scope = outer
        default = draw(_int_literal())
        kind = draw(st.integers(0, 2))
        x, y = gen.expr(draw, INT, 0), gen.expr(draw, INT, 0)
        args = [f"{x}", f"{x}, {y}", f"{b}={y}, {a}={x}"][kind]
        return f"(lambda {a}, {b}={default}: {body})({args})"
    g.add_expression(INT, lambda_)

    def list_comp(draw, gen, depth):
        source = draw(st.sampled_from(sorted(t for t in ELEMENT if t in g.literals)))
        element = ELEMENT[source]
        x = gen.fresh("c")
        clauses = f"for {x} in {gen.expr(draw, source, min(depth, 1))}"
        names = {x: element}
        if draw(st.integers(0, 3)) == 0:
            y = gen.fresh("c")
            inner = gen.expr(draw, RANGE if RANGE in g.literals else TUPLE_INT, 0)
            clauses += f" for {y} in {inner}"
            names[y] = INT
        with gen.bound(names):
            if draw(st.booleans()):
                clauses += f" if {gen.expr(draw, BOOL, 1)}"
            target = draw(st.sampled_from([INT, STR]))
            value = gen.expr(draw, target, min(depth, 1))
        return target, f"[{value} {clauses}]"
    g.add_expression(LIST_INT, lambda draw, gen, depth: _typed(draw, gen, depth, list_comp,
                                                              LIST_INT, INT), 2)
    g.add_expression(LIST_STR, lambda draw, gen, depth: _typed(draw, gen, depth, list_comp,
                                                              LIST_STR, STR))

    def enum_zip(draw, gen, depth):
        i, v = gen.fresh("i"), gen.fresh("v")
        xs = gen.expr(draw, LIST_INT, min(depth, 1))
        if draw(st.booleans()):
            start = f", start={gen.small(draw, 0, 5)}" if draw(st.booleans()) else ""
            source = f"enumerate({xs}{start})"
        else:
            source = f"zip({xs}, {gen.expr(draw, draw(st.sampled_from(_int_iterables(gen.g))), 0)})"
        with gen.bound({i: INT, v: INT}):
            value = gen.expr(draw, INT, 1)
        return f"[{value} for {i}, {v} in {source}]"
    g.add_expression(LIST_INT, enum_zip)

    def reducers(draw, gen, depth):
        xs = gen.expr(draw, draw(st.sampled_from(_int_iterables(gen.g))), depth)
        form = draw(st.sampled_from(["min({x})", "max({x})", "sum({x})", "sum({x}, {y})",
                                     "min({y}, {z})", "max({y}, {z}, {y})",
                                     "divmod({y}, {z})[{k}]"]))
        z = gen.expr(draw, INT, 0)
        if "divmod" in form:
            z = f"({z} or 5)"
        return form.format(x=xs, y=gen.expr(draw, INT, 0), z=z, k=draw(st.integers(0, 1)))
    g.add_expression(INT, reducers, 2)

    g.add_expression(LIST_INT, lambda draw, gen, depth: "sorted(%s, reverse=%s)" % (
        gen.expr(draw, draw(st.sampled_from(_int_iterables(gen.g))), depth),
        gen.expr(draw, BOOL, 0)))
    g.add_expression(LIST_STR, lambda draw, gen, depth: "sorted(%s, reverse=True)" %
                     gen.expr(draw, LIST_STR, depth))
    g.add_expression(LIST_INT, lambda draw, gen, depth: "list(reversed(%s))" %
                     gen.expr(draw, draw(st.sampled_from(_int_iterables(gen.g))), depth))

    def for_enumerate(draw, gen, depth):
        if depth <= 0 or gen.loop_depth >= MAX_LOOP_DEPTH:
            return []
        i, v = gen.fresh("i"), gen.fresh("v")
        element = draw(st.sampled_from([INT, STR]))
        xs = gen.expr(draw, LIST_INT if element == INT else LIST_STR, 1)
        if draw(st.booleans()) or RANGE not in gen.g.literals:
            head = f"for {i}, {v} in enumerate({xs}, {gen.small(draw, 0, 4)}):"
        else:
            head = f"for {i}, {v} in zip(range({gen.small(draw, 0, 6)}), {xs}):"
        gen.loop_depth += 1
        try:
            with gen.bound({i: INT, v: element}):
                body = [f"    print({i}, {v})"] + gen.block(draw, depth, max_size=2)
        finally:
            gen.loop_depth -= 1
        return [head] + body
    g.add_statement(for_enumerate)


def _int_iterables(g):
    return [t for t in (LIST_INT, TUPLE_INT, RANGE) if t in g.literals]


def _typed(draw, gen, depth, form, list_type, element):
    target, text = form(draw, gen, depth)
    if target == element:
        return text
    return f"list({gen.expr(draw, list_type, 0)})"


# -- str methods ----------------------------------------------------------------------------------

def _fstring(text, parts):
    """``text``; an f-string ``f'...'`` becomes ``f'''...'''`` so that its expressions may
    hold a quote, and ``str()`` of the tuple of expressions ``parts`` when one of them holds a
    backslash (Python 3.11 forbids it in an f-string's expressions) or a triple quote."""
    if not text.startswith("f'"):
        return f"({text})"      # '%d' % n is an operation: parenthesised, as every form is
    if any("\\" in p or "'''" in p for p in parts):
        return f"str(({', '.join(parts)},))"
    for p in parts:     # '{ {...}' is a field holding a dict display; '{{' would be a brace
        text = text.replace("{" + p, "{ " + p)
    return "f''" + text[1:] + "''"


def str_methods(g):
    """str methods (host-served), ``%``-formatting and f-strings of ints and strs."""
    sep = st.sampled_from(["' '", "','", "'a'", "'ab'", "'-'"])

    def method(draw, gen, depth):
        s = gen.expr(draw, STR, depth)
        form = draw(st.sampled_from([
            "{s}.upper()", "{s}.lower()", "{s}.strip()", "{s}.lstrip({c})", "{s}.rstrip()",
            "{s}.replace({c}, {t})", "{c}.join({l})", "{s}.strip({c})",
            "{s}.replace({c}, {t}, 1)"]))
        return form.format(s=s, c=draw(sep), t=gen.expr(draw, STR, 0),
                           l=gen.expr(draw, LIST_STR, min(depth, 1)))
    g.add_expression(STR, method, 2)

    def split(draw, gen, depth):
        s = gen.expr(draw, STR, depth)
        form = draw(st.sampled_from(["{s}.split()", "{s}.split({c})", "{s}.split({c}, 1)",
                                     "{s}.split('')"]))
        return form.format(s=s, c=draw(sep))
    g.add_expression(LIST_STR, split)

    def query(draw, gen, depth):
        s, t = gen.expr(draw, STR, depth), gen.expr(draw, STR, 0)
        return draw(st.sampled_from(["{s}.find({t})", "{s}.count({t})", "{s}.find({t}, 1)"])
                    ).format(s=s, t=t)
    g.add_expression(INT, query)
    g.add_expression(BOOL, lambda draw, gen, depth: "%s.%s(%s)" % (
        gen.expr(draw, STR, depth), draw(st.sampled_from(["startswith", "endswith"])),
        gen.expr(draw, STR, 0)))

    def formatting(draw, gen, depth):
        n, s = gen.expr(draw, INT, depth), gen.expr(draw, STR, depth)
        return _fstring(draw(st.sampled_from([
            "f'{{{n}}}-{{{s}!r}}'", "f'<{{{n}:5d}}>'", "f'{{{s}}}{{{n}}}'", "'%d|%s' % ({n}, {s})",
            "'%5s|%-4d|' % ({s}, {n})", "'%r' % ({s},)", "'%x %o' % ({n}, {n})",
            "'%s' % {s}", "'%d%%' % {n}", "'%c' % (({n}) % 100 + 32)", "f'{{{n}!s:>6}}'"])
        ).format(n=n, s=s), [n, s])
    g.add_expression(STR, formatting, 2)


#: The features, in registration order. Add a function here to add a feature (before
#: :func:`functions`, which calls functions of the types registered before it).
FEATURES = [ints, bools, strings, lists, tuples, ranges, statements, floats, dicts, exceptions,
            comprehensions, str_methods, functions]


def grammar(features=None):
    """A :class:`Grammar` with ``features`` (default :data:`FEATURES`) registered."""
    g = Grammar()
    for feature in FEATURES if features is None else features:
        feature(g)
        g.features.append(feature)
    return g


_DEFAULT = grammar()


def _declarations(draw, gen, prefix, types):
    """``name = literal`` for one or two variables of each type; registers them as writable."""
    lines = []
    for type_ in types:
        for k in range(draw(st.integers(1, 2))):
            name = f"{prefix}{PREFIX[type_]}{k}"
            lines.append(f"{name} = {draw(gen.g.literals[type_])}")
            gen.scope.variables[name] = type_
            gen.scope.writable.add(name)
    return lines


def _function(draw, gen, index):
    """The lines of one function definition; registers the function once it is complete."""
    recursive = draw(st.booleans())
    signature = [t for t in _SIGNATURE_TYPES if t in gen.g.literals]
    params = [("n", INT)] if recursive else []
    for k in range(draw(st.integers(0, 2))):
        params.append((f"p{k}", draw(st.sampled_from(signature))))
    result = draw(st.sampled_from(signature))
    f = Function(f"f{index}", params, result, recursive)
    outer = gen.scope
    globals_ = dict(outer.variables)
    gen.scope = Scope(variables=dict(globals_), function=f)
    if len(params) > (1 if recursive else 0) and draw(st.booleans()):
        # Defaults for the trailing parameters (a list default is shared between calls).
        for name, ptype in params[-draw(st.integers(1, 2)):]:
            if name != "n":
                f.defaults[name] = draw(gen.g.literals[ptype])
    signature_text = ", ".join(name + (f"={f.defaults[name]}" if name in f.defaults else "")
                               for name, _ in params)
    lines = [f"def {f.name}({signature_text}):"]
    body = []
    for name, ptype in params:
        gen.scope.variables[name] = ptype
        if name != "n":         # the recursion depth: only ever n - 1
            gen.scope.writable.add(name)
    if draw(st.integers(0, 3)) == 0 and globals_:
        name = draw(st.sampled_from(sorted(globals_)))
        body.append(f"global {name}")
        gen.scope.writable.add(name)
    body += _declarations(draw, gen, "v", sorted({INT, STR, LIST_INT, draw(
        st.sampled_from(gen.g.types))}))
    if recursive:
        gen.scope.self_calls = 2        # the base case never calls itself
        body += ["if n <= 0:", f"    return {gen.expr(draw, result, 1)}"]
        gen.scope.self_calls = 0
    for _ in range(draw(st.integers(1, 4))):
        body += gen.statement(draw, MAX_BLOCK_DEPTH - 1)
    body.append(f"return {gen.expr(draw, result)}")
    gen.scope = outer
    gen.functions.append(f)
    return lines + ["    " + line for line in body]


def _lambda(draw, gen, index):
    """``f<index> = lambda p0, p1=default: expr``, a function value called like a ``def``."""
    second = [INT, STR] + ([FLOAT] if FLOAT in gen.g.literals else [])
    params = [("p0", INT), ("p1", draw(st.sampled_from(second)))]
    f = Function(f"f{index}", params, draw(st.sampled_from([INT, STR, BOOL])))
    if draw(st.booleans()):
        f.defaults["p1"] = draw(gen.g.literals[params[1][1]])
    outer = gen.scope
    gen.scope = Scope(variables=dict(params))
    body = gen.expr(draw, f.result, 2)
    gen.scope = outer
    gen.functions.append(f)
    default = f"={f.defaults['p1']}" if f.defaults else ""
    return [f"{f.name} = lambda p0, p1{default}: {body}"]


@st.composite
def programs(draw, grammar=None, max_functions=3, max_statements=12):
    """The source text of a random well-typed program (see the module's docstring)."""
    gen = Gen(grammar or _DEFAULT)
    lines = ["import math"] if FLOAT in gen.g.literals else []
    lines += _declarations(draw, gen, "", gen.g.types)
    n = draw(st.integers(0, max_functions))
    for k in range(n):
        lines += _function(draw, gen, k)
    if comprehensions in gen.g.features and draw(st.booleans()):
        lines += _lambda(draw, gen, n)
    for _ in range(draw(st.integers(1, max_statements))):
        lines += gen.statement(draw, MAX_BLOCK_DEPTH)
    return "\n".join(lines) + "\n"
