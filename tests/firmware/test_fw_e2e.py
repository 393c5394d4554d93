"""End to end: Python source, compiled by microcore.compiler, runs on the native VM builds and
prints what CPython prints; uncaught exceptions match CPython's type, message and line.

Where CPython and microcore differ on purpose (32-bit ints) the expectation is written out."""

import contextlib
import io
import sys
import textwrap
import traceback
import types
import warnings
from pathlib import Path

import pytest

from pyexpr import parse_error

compiler = pytest.importorskip("microcore.compiler")

CORPUS = Path(__file__).resolve().parents[1] / "compiler" / "programs"


def cpython(source, core=0, cores=1):
    """(stdout, (exception name, message, line) or None) of `source` under CPython."""
    parallel = types.ModuleType("parallel")
    parallel.coreid = lambda: core
    parallel.numcores = lambda: cores
    parallel.ishost = lambda: False
    parallel.isdevice = lambda: True
    out = io.StringIO()
    saved = sys.modules.get("parallel")
    sys.modules["parallel"] = parallel
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(out):
            warnings.simplefilter("ignore")
            exec(compile(source, "prog.py", "exec"), {"__name__": "__main__"})
    except Exception as e:   # noqa: BLE001 - the program's own exception
        line = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == "prog.py"][-1]
        return out.getvalue(), (type(e).__name__, str(e), line.lineno)
    finally:
        if saved is None:
            del sys.modules["parallel"]
        else:
            sys.modules["parallel"] = saved
    return out.getvalue(), None


def run(vm, source, tmp_path, *args):
    image = compiler.compile_source(source, "prog.py")
    return vm.run(image, *args, tmp_path=tmp_path)


def check(vm, source, tmp_path, *args, expect=None, core=0, cores=1):
    """Run `source` on the VM and compare with CPython, or with `expect` =
    (stdout, (exception, message or None, line) or None)."""
    source = textwrap.dedent(source)
    want_out, want_exc = expect if expect else cpython(source, core, cores)
    result = run(vm, source, tmp_path, *args)
    assert result.stdout == want_out
    if want_exc is None:
        assert (result.returncode, result.stderr) == (0, "")
    else:
        assert result.returncode == 1, result.stderr
        _, _, line, name, message = parse_error(result.stderr)
        assert (name, line) == (want_exc[0], want_exc[2])
        if want_exc[1] is not None:
            assert message == want_exc[1]


PROGRAMS = {
    "hello": """
        print("hello, world")
        print()
        print("a", 1, None, True, (1, "b"))
    """,
    "arithmetic": """
        for_values = (7, -7, 3, -3, 1, -1, 2147483647, -2147483647)
        i = 0
        while i < len(for_values):
            a = for_values[i]
            j = 0
            while j < len(for_values):
                b = for_values[j]
                print(a, b, a + 0, a // b, a % b, -b, a & b, a | b, a ^ b, a >> 3)
                j += 1
            i += 1
        print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2, 2 ** 10, 1 << 20)
        print(abs(-5), -(-5), +3, ~0, not 0, 10 - 20 * 3)
    """,
    "strings": """
        s = "ab" + "cd"
        print(s, s * 2, 2 * s, len(s), s[0], s[-1], "bc" in s, "x" not in s)
        t = ""
        n = 0
        while n < 5:
            t = t + str(n) + ","
            n += 1
        print(t, len(t), t < "1", "é" + "ü", len("日本"), "日本"[1])
        print(int("  -12 ") + 1, str(True) + str(None), "a" == "a", "a" != "b")
    """,
    "control": """
        def classify(n):
            if n < 0:
                return "negative"
            elif n == 0:
                return "zero"
            elif n < 10:
                return "small"
            else:
                return "large"

        k = -2
        while k < 14:
            if k % 5 == 0:
                k += 3
                continue
            print(k, classify(k))
            if k > 11:
                break
            k += 2
        else:
            print("no break")
        m = 0
        while m < 3:
            m += 1
        else:
            print("done", m)
    """,
    "functions": """
        def fib(n):
            if n < 2:
                return n
            return fib(n - 1) + fib(n - 2)

        def fact(n):
            return 1 if n <= 1 else n * fact(n - 1)

        def is_even(n):
            return True if n == 0 else is_odd(n - 1)

        def is_odd(n):
            return False if n == 0 else is_even(n - 1)

        counter = 0

        def bump(by):
            global counter
            counter = counter + by
            return counter

        print(fib(18), fact(12), is_even(40), is_odd(7))
        bump(2)
        bump(3)
        print(counter, len)
        f = fact
        print(f(5))
    """,
    "overflow_add": ("""
        x = 2147483640
        while True:
            print(x)
            x = x + 3
    """, ("2147483640\n2147483643\n2147483646\n", ("OverflowError", None, 5))),
    "overflow_mul": ("""
        def square(n):
            return n * n
        print(square(46340))
        print(square(46341))
    """, ("2147395600\n", ("OverflowError", None, 3))),
    "overflow_pow_shift": ("""
        print(2 ** 30, 1 << 30)
        print(2 ** 31)
    """, ("1073741824 1073741824\n", ("OverflowError", None, 3))),
    "zero_division_line": """
        def divide(a, b):
            q = a // b
            return q
        print(divide(7, 2))
        print(divide(1, 0))
    """,
    "modulo_by_zero": """
        x = 5
        print(x % 0)
    """,
    "type_error_line": """
        name = "core"
        print(name + "s")
        print(name + 1)
    """,
    "name_error": """
        def f():
            return undefined_thing
        print("start")
        f()
    """,
    "recursion_error": ("""
        def down(n):
            return down(n + 1)
        down(0)
    """, ("", ("RecursionError", "maximum recursion depth exceeded", 3))),
    "index_error": """
        t = (1, 2, 3)
        print(t[2], t[-3])
        print(t[3])
    """,
    "value_error": """
        print(int("12"))
        print(int("twelve"))
    """,
    "call_errors": """
        def two(a, b):
            return a
        print(two(1, 2))
        two(1, 2, 3)
    """,
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program(any_vm, tmp_path, name):
    program = PROGRAMS[name]
    source, expect = program if isinstance(program, tuple) else (program, None)
    check(any_vm, source, tmp_path, expect=expect)


def test_example_hello(vm, tmp_path):
    source = (Path(__file__).resolve().parents[2] / "examples" / "hello.py").read_text()
    for core, cores in ((0, 1), (3, 16)):
        check(vm, source, tmp_path, "--core-id", core, "--num-cores", cores, core=core,
              cores=cores)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no compiler test corpus")
@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.py")), ids=lambda p: p.stem)
def test_compiler_corpus_under_asan(asan_vm, tmp_path, path):
    """The compiler's own test programs, on the sanitizer build: only crash-freedom and exit
    codes here (tests/compiler checks their output)."""
    result = run(asan_vm, path.read_text(), tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "Sanitizer" not in result.stderr
