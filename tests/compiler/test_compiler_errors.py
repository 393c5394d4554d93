"""Programs the compiler refuses: invalid Python, and constructs microcore does not support yet.

Every message is pinned with an anchored regex on the whole ``file:line:col: message`` text.
"""

import pickle
import re

import pytest

from microcore.compiler import CompileError, compile_file, compile_source


def error_of(source, filename="prog.py"):
    with pytest.raises(CompileError) as info:
        compile_source(source, filename)
    return info.value


def check(source, pattern):
    err = error_of(source)
    assert re.fullmatch(pattern, str(err)), str(err)
    return err


# -- the error object --------------------------------------------------------------------------

def test_error_attributes_and_text():
    err = error_of("x = 1\nclass A:\n    pass\n", "demo.py")
    assert str(err) == "demo.py:2:1: unsupported class definition"
    assert (err.filename, err.lineno, err.col, err.msg) == \
        ("demo.py", 2, 1, "unsupported class definition")
    assert err.offset == err.col and err.text == "class A:"
    assert isinstance(err, SyntaxError)
    assert repr(err) == "CompileError('demo.py:2:1: unsupported class definition')"


def test_error_pickles():
    err = error_of("x = 1.5j\n")
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) == "prog.py:1:5: unsupported complex literal"


def test_default_filename():
    with pytest.raises(CompileError) as info:
        compile_source("x = 1.5j")
    assert str(info.value) == "<string>:1:5: unsupported complex literal"


def test_arguments_are_checked():
    with pytest.raises(TypeError, match=r"^source must be a str, not bytes$"):
        compile_source(b"x = 1\n")
    with pytest.raises(TypeError, match=r"^filename must be a str, not None$"):
        compile_source("x = 1\n", None)


def test_columns_count_characters_not_bytes():
    # ast reports byte offsets; the error reports the 1-based character column.
    check('s = "ééé"; x = 2.5j\n', r"prog\.py:1:16: unsupported complex literal")
    check('s = "ééé"; break\n', r"prog\.py:1:12: 'break' outside loop")
    check('s = "ééé"; x = )\n', r"prog\.py:1:16: unmatched '\)'")


# -- invalid Python ----------------------------------------------------------------------------

@pytest.mark.parametrize("source, pattern", [
    ("x = )\n", r"prog\.py:1:5: unmatched '\)'"),
    ("if x:\nprint(1)\n", r"prog\.py:2:1: expected an indented block after 'if' statement on "
                          r"line 1"),
    ("def f(:\n", r"prog\.py:1:7: .*"),
    ("x = 1\0\n", r"prog\.py:1:6: source code string cannot contain null bytes"),
    ("x = 'abc\n", r"prog\.py:1:5: unterminated string literal .*"),
    ("break\n", r"prog\.py:1:1: 'break' outside loop"),
    ("continue\n", r"prog\.py:1:1: 'continue' not properly in loop"),
    ("return 1\n", r"prog\.py:1:1: 'return' outside function"),
    ("def f(a, a):\n    pass\n", r"prog\.py:1:10: duplicate argument 'a' in function definition"),
    ("def f():\n    x = 1\n    global x\n",
     r"prog\.py:3:5: name 'x' is assigned to before global declaration"),
    ("def f(x):\n    global x\n", r"prog\.py:2:5: name 'x' is parameter and global"),
    ("nonlocal x\n", r"prog\.py:1:1: nonlocal declaration not allowed at module level"),
    ("from __future__ import braces\n", r"prog\.py:1:1: not a chance"),
    ("x = 1\nfrom __future__ import annotations\n",
     r"prog\.py:2:1: from __future__ imports must occur at the beginning of the file"),
    ("__debug__ = 1\n", r"prog\.py:1:1: cannot assign to __debug__"),
    ("x = (yield)\n", r"prog\.py:1:6: 'yield' outside function"),
    ("f(x for x in y, 1)\n", r"prog\.py:1:3: Generator expression must be parenthesized"),
])
def test_invalid_python(source, pattern):
    check(source, pattern)


def test_deep_nesting_is_an_error_not_a_crash():
    check("x = " + "-" * 100000 + "1\n", r"prog\.py:1:1: code too deeply nested to parse")
    check("x = " + "(" * 300 + "1" + ")" * 300 + "\n", r"prog\.py:1:\d+: too many nested .*")
    check("x = 1" + " + 1" * 5000 + "\n", r"prog\.py:1:1: code too deeply nested( to parse)?")
    check("x = 1\nif x:\n    y = 1" + " + 1" * 5000 + "\n",
          r"prog\.py:(1:1: code too deeply nested to parse|3:5: code too deeply nested)")


def test_as_deep_as_cpython_compiles():
    compile_source("x = 1" + " + 1" * 1000 + "\n")


# -- unsupported constructs --------------------------------------------------------------------

UNSUPPORTED = [
    # statements
    ("class A:\n    pass\n", r"prog\.py:1:1: unsupported class definition"),
    ("async def f():\n    pass\n", r"prog\.py:1:1: unsupported async function"),
    ("x = 1\ndel x.a\n", r"prog\.py:2:5: unsupported attribute deletion"),
    ("for *a, b in x:\n    pass\n", r"prog\.py:1:5: unsupported starred assignment"),
    ("with open(f) as g:\n    pass\n", r"prog\.py:1:1: unsupported with statement"),
    ("try:\n    pass\nexcept* E:\n    pass\n",
     r"prog\.py:1:1: unsupported except\* \(exception groups\)"),
    ("raise E from F\n", r"prog\.py:1:1: unsupported raise \.\.\. from \(exception chaining\)"),
    ("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n",
     r"prog\.py:3:1: default 'except:' must be last"),
    ("match x:\n    case 1:\n        pass\n", r"prog\.py:1:1: unsupported match statement"),
    ("def f():\n    x = 1\n    def g():\n        nonlocal x\n",
     r"prog\.py:4:9: unsupported nonlocal statement"),
    # definitions
    ("@d\ndef f():\n    pass\n", r"prog\.py:1:2: unsupported decorator"),
    ("def f(a, *, b=1):\n    pass\n", r"prog\.py:1:13: unsupported keyword-only parameter"),
    ("def f(*args):\n    pass\n", r"prog\.py:1:8: unsupported \*args parameter"),
    ("def f(**kw):\n    pass\n", r"prog\.py:1:9: unsupported \*\*kwargs parameter"),
    ("def f(*, k):\n    pass\n", r"prog\.py:1:10: unsupported keyword-only parameter"),
    ("def f():\n    x = 1\n    def g():\n        return x\n",
     r"prog\.py:4:16: unsupported closure over 'x' \(a local variable of enclosing function "
     r"'f'\)"),
    # expressions
    ("x = 2j\n", r"prog\.py:1:5: unsupported complex literal"),
    ("x = b'a'\n", r"prog\.py:1:5: unsupported bytes literal"),
    ("x = ...\n", r"prog\.py:1:5: unsupported Ellipsis"),
    ("x = a @ b\n", r"prog\.py:1:5: unsupported operator @"),
    ("x = lambda *a: 0\n", r"prog\.py:1:13: unsupported \*args parameter"),
    ("x = [*y]\n", r"prog\.py:1:6: unsupported starred expression"),
    ("x = {**y}\n", r"prog\.py:1:8: unsupported \*\* in dict display"),
    ("x = {1, 2}\n", r"prog\.py:1:5: unsupported set display"),
    ("x = (i for i in y)\n", r"prog\.py:1:5: unsupported generator expression"),
    ("x = {i for i in y}\n", r"prog\.py:1:5: unsupported set comprehension"),
    ("x = [lambda: i for i in y]\n", r"prog\.py:1:6: unsupported closure over 'i' \(a comprehension variable\)"),
    ("x = (i for i in y)\n", r"prog\.py:1:5: unsupported generator expression"),
    ("x = f'{y!a}'\n", r"prog\.py:1:5: unsupported f-string conversion !a"),
    ("print(x := 1)\n", r"prog\.py:1:7: unsupported assignment expression \(:=\)"),
    ("def f():\n    yield 1\n", r"prog\.py:2:5: unsupported yield expression"),
    ("async def f():\n    await g()\n", r"prog\.py:1:1: unsupported async function"),
    ("x = s[1:2, 3]\n", r"prog\.py:1:7: unsupported slice"),
    ("x = (*a,)\n", r"prog\.py:1:6: unsupported starred expression"),
    ("x = s.upper\n", r"prog\.py:1:5: unsupported attribute access"),
    ("x = 'a'.title(y)\n", r"prog\.py:1:5: unsupported method 'title'"),
    ("x.append()\n", r"prog\.py:1:1: append\(\) takes exactly one argument \(0 given\)"),
    # calls
    ("print(1, size='')\n", r"prog\.py:1:10: 'size' is an invalid keyword argument for print\(\)"),
    ("len(x, key=1)\n", r"prog\.py:1:8: len\(\) takes no keyword arguments"),
    ("f(**k)\n", r"prog\.py:1:3: unsupported \*\*kwargs in call"),
    ("f(**d)\n", r"prog\.py:1:3: unsupported \*\*kwargs in call"),
    ("f(*a)\n", r"prog\.py:1:3: unsupported \*args in call"),
    # assignment targets
    ("a, *b = 1, 2\n", r"prog\.py:1:4: unsupported starred assignment"),
    ("x[1:2] += y\n", r"prog\.py:1:1: unsupported augmented assignment to a slice"),
    ("x.y = 1\n", r"prog\.py:1:1: unsupported attribute assignment"),
    ("x.y += 1\n", r"prog\.py:1:1: unsupported attribute assignment"),
    ("x = any(y)\n", r"prog\.py:1:5: unsupported builtin 'any'"),
    ("x.y: int = 1\n", r"prog\.py:1:1: unsupported attribute assignment"),
    # names
    ("x = KeyboardInterrupt\n", r"prog\.py:1:5: unsupported builtin 'KeyboardInterrupt'"),
    ("print(all(a))\n", r"prog\.py:1:7: unsupported builtin 'all'"),
    ("x = set\n", r"prog\.py:1:5: unsupported builtin 'set'"),
    ("x = 2147483648\n", r"prog\.py:1:5: integer constant out of 32-bit range"),
    ("x = -2147483649\n", r"prog\.py:1:6: integer constant out of 32-bit range"),
    ("x = 1 << 100 if 0 else 99999999999\n", r"prog\.py:1:24: integer constant out of 32-bit "
                                             r"range"),
    # imports
    ("import os\n", r"prog\.py:1:8: unsupported import of module 'os'"),
    ("import parallel, sys\n", r"prog\.py:1:18: unsupported import of module 'sys'"),
    ("import parallel.sub\n", r"prog\.py:1:8: unsupported import of module 'parallel\.sub'"),
    ("from os import path\n", r"prog\.py:1:1: unsupported import of module 'os'"),
    ("from parallel import coreid, gather\n",
     r"prog\.py:1:30: module 'parallel' has no name 'gather'"),
    ("from . import x\n", r"prog\.py:1:1: unsupported relative import"),
    ("import parallel\nx = parallel\n",
     r"prog\.py:2:5: unsupported use of module 'parallel' as a value"),
    ("import parallel\nparallel.nope()\n",
     r"prog\.py:2:1: module 'parallel' has no attribute 'nope'"),
    ("import parallel\nparallel = 1\n",
     r"prog\.py:1:8: unsupported use of module 'parallel' as a value \('parallel' is also "
     r"assigned\)"),
]


@pytest.mark.parametrize("source, pattern", UNSUPPORTED, ids=lambda v: v if isinstance(v, str)
                         and not v.startswith("prog") else None)
def test_unsupported(source, pattern):
    check(source, pattern)


# -- builtin argument counts -------------------------------------------------------------------

@pytest.mark.parametrize("source, pattern", [
    ("len()\n", r"prog\.py:1:1: len\(\) takes exactly one argument \(0 given\)"),
    ("x = len(1, 2)\n", r"prog\.py:1:5: len\(\) takes exactly one argument \(2 given\)"),
    ("abs()\n", r"prog\.py:1:1: abs\(\) takes exactly one argument \(0 given\)"),
    ("str(1, 2)\n", r"prog\.py:1:1: str\(\) takes at most 1 argument \(2 given\)"),
    ("int(1, 2)\n", r"prog\.py:1:1: int\(\) takes at most 1 argument \(2 given\)"),
    ("from parallel import coreid\ncoreid(1)\n",
     r"prog\.py:2:1: coreid\(\) takes no arguments \(1 given\)"),
    ("import parallel\nparallel.numcores(1, 2)\n",
     r"prog\.py:2:1: numcores\(\) takes no arguments \(2 given\)"),
])
def test_builtin_argument_counts(source, pattern):
    check(source, pattern)


def test_argument_counts_are_checked_only_for_the_builtins_themselves():
    # A shadowed builtin is an ordinary function; calls through a variable are checked at run
    # time, as in CPython.
    compile_source("def len(a, b):\n    return a\nlen(1, 2)\n")
    compile_source("def f(len):\n    return len(1, 2, 3)\n")
    compile_source("p = abs\np(1, 2)\n")


def test_too_many_call_arguments():
    args = ", ".join(["1"] * 256)
    check(f"print({args})\n", r"prog\.py:1:1: too many arguments in call \(256; at most 255\)")
    check(f"f({args})\n", r"prog\.py:1:1: too many arguments in call \(256; at most 255\)")
    compile_source(f"print({', '.join(['1'] * 255)})\n")


def test_too_many_locals():
    body = "".join(f"    v{i} = {i}\n" for i in range(256))
    check(f"def big():\n{body}", r"prog\.py:1:1: too many local variables in function 'big' "
                                 r"\(at most 255\)")
    body = "".join(f"    v{i} = {i}\n" for i in range(255))
    compile_source(f"def big():\n{body}")


def test_function_too_large():
    # A jump over more than 32 KiB of code does not fit the s16 offset.
    body = "".join(f"        x = x + {i}\n" for i in range(5000))
    check(f"x = 0\ndef f():\n    if x:\n{body}    return x\n",
          r"prog\.py:2:1: function too large")
    check(f"x = 0\nif x:\n{body.replace('        ', '    ')}",
          r"prog\.py:2:1: function too large")
    # Code past 64 KiB cannot be described by the line table (u16 pc): the line that crosses.
    check("x = 0\n" + "x = x + 1\n" * 7000, r"prog\.py:6554:1: function too large")
    compile_source("x = 0\n" + "x = x + 1\n" * 6000)


# -- which error is reported -------------------------------------------------------------------

@pytest.mark.parametrize("source, pattern", [
    # the first in the source, whatever order the compiler visits the nodes in
    ("x[{1: 0}] = 1.5j\n", r"prog\.py:1:13: unsupported complex literal"),
    ("a.b = 1.5\n", r"prog\.py:1:1: unsupported attribute assignment"),
    ("x = 1 if 2j else lambda: 0\n", r"prog\.py:1:10: unsupported complex literal"),
    ("f(a=1, *b)\n", r"prog\.py:1:8: unsupported \*args in call"),
    ("class A:\n    pass\nx = 1.5\n", r"prog\.py:1:1: unsupported class definition"),
    ("x = 1.5j\nclass A:\n    pass\n", r"prog\.py:1:5: unsupported complex literal"),
    ("def f():\n    return 2j\nx = 1 @ 2\n", r"prog\.py:2:12: unsupported complex literal"),
    # CPython's own errors in source order with ours
    ("x = 1.5j\nbreak\n", r"prog\.py:1:5: unsupported complex literal"),
    ("break\nx = 1.5\n", r"prog\.py:1:1: 'break' outside loop"),
    ("x = 1.5\nx = )\n", r"prog\.py:2:5: unmatched '\)'"),     # syntax errors stop everything
])
def test_first_error_in_source_order(source, pattern):
    check(source, pattern)


# -- files -------------------------------------------------------------------------------------

def test_compile_file(tmp_path):
    good = tmp_path / "good.py"
    good.write_text("print('hi')\n")
    image = compile_file(good)
    assert image.code[image.entry].file == str(good)
    bad = tmp_path / "bad.py"
    bad.write_text("x = 1\ny = 2.0j\n")
    with pytest.raises(CompileError) as info:
        compile_file(str(bad))
    assert str(info.value) == f"{bad}:2:5: unsupported complex literal"


def test_compile_file_decodes_like_python(tmp_path):
    latin = tmp_path / "latin.py"
    latin.write_bytes(b"# -*- coding: latin-1 -*-\nprint('\xe9')\r\n")
    image = compile_file(latin)
    assert "\xe9" in image.consts
    broken = tmp_path / "broken.py"
    broken.write_bytes(b"print('\xff')\n")
    with pytest.raises(CompileError, match=r"^.*broken\.py:1:1: cannot decode source: "):
        compile_file(broken)
    with pytest.raises(FileNotFoundError):
        compile_file(tmp_path / "missing.py")
