"""The compiler never crashes: any input gives a valid image or a CompileError.

Three populations: hand-picked odd snippets covering every kind of :mod:`ast` node, random
programs (:mod:`.randprog`), and mutations of the test corpus. Set ``MICROCORE_FUZZ_SCALE`` to
run more of the random ones.
"""

import os
import random

import pytest

from microcore.compiler import CompileError, compile_source

from .randprog import random_program
from .util import HERE, check_image

SCALE = int(os.environ.get("MICROCORE_FUZZ_SCALE", "1"))

ODD_SNIPPETS = [
    "", "\n", "#", "pass", ";", "x", "x = 1;", "\\\n", "\t", "\ufeffx = 1", "x = 1\r\ny = 2\r",
    "if 1:\n  if 2:\n    pass\n  else:\n    pass", "x = (\n1\n)",
    # the examples of the ast documentation, roughly in its order
    "123", "'hello'", "b'x'", "1.5", "1j", "None", "True", "...", "f'sin({a}) is {sin(a):.3}'",
    "[1, 2, 3]", "(1, 2, 3)", "{1, 2, 3}", "{'a':1, **d}", "x = a", "del x", "a, *b = it",
    "-a", "not x", "~x", "+x", "x + y", "x and y or z", "1 <= a < 10", "func(a, b=c, *d, **e)",
    "a if b else c", "snake.colour", "(x := 4)", "l[1:2, 3]", "l[1:2]", "l[::2]",
    "[x for x in numbers]", "{x for x in numbers}", "{x: x**2 for x in numbers}",
    "(x for x in numbers)", "[ord(c) for line in file for c in line]",
    "a = b = 1", "a, b = c", "a: int", "(a): int = 1", "a.b: int", "a[1]: int", "x += 2",
    "raise x from y", "assert x, y", "del x, y, z", "pass", "type Alias = list[int]",
    "import x, y, z", "from y import x, y, z", "from ..foo.bar import a as b, c",
    "if x:\n    ...\nelif y:\n    ...\nelse:\n    ...",
    "for x in y:\n    ...\nelse:\n    ...", "while x:\n    ...\nelse:\n    ...",
    "for a in b:\n    if a > 5:\n        break\n    else:\n        continue",
    "try:\n    ...\nexcept Exception:\n    ...\nexcept OtherException as e:\n    ...\nelse:\n"
    "    ...\nfinally:\n    ...",
    "try:\n    ...\nexcept* Exception:\n    ...",
    "with a as b, c as d:\n    something(b, d)",
    "match x:\n    case [1, 2]:\n        ...\n    case {'a': 1, **rest}:\n        ...\n"
    "    case Point(x=0) | None:\n        ...\n    case [1, *others]:\n        ...\n"
    "    case _:\n        ...",
    "@decorator1\n@decorator2\ndef f(a: 'annotation', b=1, c=2, *d, e, f=3, **g) -> 'return':"
    "\n    pass",
    "def f(a, /, b):\n    return a + b", "def f[T](x: T) -> T:\n    return x",
    "lambda x, y: ...", "def f():\n    return 4", "def f():\n    yield x",
    "def f():\n    yield from x", "global x, y, z", "nonlocal x, y, z",
    "class Foo(base1, base2, metaclass=meta):\n    pass", "class A[T]: pass",
    "async def f():\n    await other_func()",
    "async def f():\n    async for a in b:\n        pass\n    async with a as b:\n        pass",
    # corners of the supported subset
    "def f():\n    global f\n    f = 1", "def f(f):\n    return f(f)", "x = -(-(-1))",
    "x = not not not 0", "x = 1 if 2 if 3 else 4 else 5", "x = a < b < c < d < e",
    "print(print(print()))", "def print():\n    pass\nprint()", "str = 1\nprint(str)",
    "len = len\nx = len('a')", "def f():\n    len = 1\n    return len", "__name__ = 'x'\n"
    "print(__name__)", "from parallel import coreid as print\nprint()",
    "from parallel import *\nfrom parallel import *", "import parallel as parallel",
    "import parallel\ndef f():\n    return parallel.numcores()",
    "def f():\n    import parallel as p\n    return p.coreid()",
    "def f():\n    from parallel import coreid\n    coreid = 1\n    return coreid",
    "while 0:\n    pass\nelse:\n    x = 1", "while '':\n    break", "while None:\n    continue",
    "def f():\n    while True:\n        return 1", "def f():\n    return\n    return",
    "def f():\n    while 1:\n        pass\n    x = 1", "if True:\n    pass\nelif False:\n    pass",
    "x = ()", "x = ((),)", "x = ('a',)[0]", "t = 1,\nt[0] = t",
    "def f(a, b, c, d, e, f_, g, h):\n    return h",
    "x = 0x7fffffff + 0o17 + 0b101 + 1_000", "x = 0x80000000", "x = 'a' 'b'", "x = '\\x00'",
    "x = '\\ud800'", "x = 'a' * 3", "x = -2147483648 - 1", "x = 2 ** 31",
    "def f():\n    def g():\n        def h():\n            return 1\n        return h\n"
    "    return g",
    "def f():\n    x = 1\n    def g():\n        global x\n        return x\n    return g",
]


@pytest.mark.parametrize("source", ODD_SNIPPETS)
def test_odd_snippets(source):
    _compile_or_reject(source)


@pytest.mark.parametrize("seed", range(150 * SCALE))
def test_random_supported_programs_compile(seed):
    source = random_program(seed)
    check_image(compile_source(source, "rand.py"))


@pytest.mark.parametrize("seed", range(150 * SCALE))
def test_random_odd_programs(seed):
    _compile_or_reject(random_program(10_000 + seed, weird=0.02))


def _corpus():
    return [p.read_text() for d in ("golden", "programs") for p in sorted((HERE / d).glob("*.py"))]


def test_mutated_corpus():
    rng = random.Random(1234)
    corpus = _corpus()
    alphabet = list("()[]{}:;,.=+-*/%<>!&|^~'\"#\\\n\t 0123456789abcxyz") + \
        ["if ", "while ", "def ", "return ", "break", "continue", "global ", "lambda ", "not ",
         "and ", "or ", "else:", "elif ", "pass", "import ", "from ", "é", "\0"]
    for _ in range(400 * SCALE):
        text = list(rng.choice(corpus))
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text) + 1)
            action = rng.random()
            if action < 0.4 and text:
                del text[at:at + rng.randint(1, 8)]
            elif action < 0.8:
                text[at:at] = rng.choice(alphabet)
            else:
                lines = "".join(text).split("\n")
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                text = list("\n".join(lines))
        _compile_or_reject("".join(text))


def _compile_or_reject(source):
    try:
        image = compile_source(source, "odd.py")
    except CompileError as exc:
        text = str(exc)
        assert text.startswith("odd.py:") and exc.lineno >= 1 and exc.col >= 1, text
        assert text == f"odd.py:{exc.lineno}:{exc.col}: {exc.msg}"
        return None
    check_image(image)
    return image
