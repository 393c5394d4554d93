"""Operators, builtins and values on the VM against CPython, through hand-assembled programs."""

import itertools

import pytest

from fwasm import build
from pyexpr import compile_expr, expected, parse_error

INTS = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 255, 46340, 46341, -46341, 65536,
        2**31 - 1, -2**31, True, False]
INT_OPS = ["+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^"]


def run_cases(vm, tmp_path, sources):
    """Check each expression against CPython: the printable results in one program, each error
    in a program of its own."""
    batch, errors = [], []
    for source in sources:
        want = expected(source)
        if want is None:
            continue
        (batch if want[0] == "ok" else errors).append((source, want))
    if batch:
        body = []
        for source, _ in batch:
            body += compile_expr(source) + [("CALL_BUILTIN", ("print", 1)), ("POP_TOP",)]
        image = build(body + [("LOAD_NONE",), ("RETURN_VALUE",)], max_stack=64)
        result = vm.run(image, tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.split("\n")
        for (source, want), line in zip(batch, lines):
            assert line == want[1], source
        assert len(lines) == len(batch) + 1
    for source, (_, name, message) in errors:
        image = build(compile_expr(source) + [("RETURN_VALUE",)], max_stack=64)
        result = vm.run(image, tmp_path=tmp_path)
        assert result.returncode == 1, (source, result)
        _, _, _, got_name, got_message = parse_error(result.stderr)
        assert got_name == name, source
        if message is not None:
            assert got_message == message, source


def literal(v):
    return repr(v) if v >= 0 or isinstance(v, bool) else f"({v})"


@pytest.mark.parametrize("op", INT_OPS)
def test_int_operators(vm, tmp_path, op):
    sources = [f"{literal(a)} {op} {literal(b)}" for a, b in itertools.product(INTS, INTS)]
    if op == "**":
        sources = [s for s in sources if not s.endswith(("(-1)", "(-2)", "(-3)", "(-7)",
                                                         "(-10)", "(-46341)", "(-2147483648)"))]
    run_cases(vm, tmp_path, sources)


def test_int_unary(any_vm, tmp_path):
    sources = [f"{op}{literal(a)}" for op in ("-", "+", "~", "not ") for a in INTS]
    sources += [f"abs({literal(a)})" for a in INTS]
    run_cases(any_vm, tmp_path, sources)


def test_negative_powers_are_floats(vm, tmp_path):
    # 2 ** -1 is 0.5 and so on: exact in binary32 too.
    run_cases(vm, tmp_path, ["2 ** (-1) == 0.5", "(-2) ** (-3) == -0.125", "4 ** (-2) < 0.07",
                             "0 ** (-1)"])


COMPARABLES = [0, 1, -1, True, False, 2**31 - 1, "", "a", "ab", "b", "é", None, (), (1,),
               (1, 2), (1, "a"), [], [1], [1, 2], ["a"], ((1,),), 1.5, 0.0]


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">=", "in", "not in", "is",
                                "is not"])
def test_comparisons(vm, tmp_path, op):
    sources = [f"{a!r} {op} {b!r}" for a, b in itertools.product(COMPARABLES, COMPARABLES)]
    if op in ("is", "is not"):
        # Identity of equal values is an implementation detail; keep the singletons.
        singles = [None, True, False]
        sources = [f"{a!r} {op} {b!r}" for a, b in itertools.product(singles, singles)]
    run_cases(vm, tmp_path, sources)


def test_strings(any_vm, tmp_path):
    run_cases(any_vm, tmp_path, [
        "'abc' + 'def'", "'' + ''", "'ab' * 3", "3 * 'ab'", "'ab' * 0", "'ab' * (-2)",
        "'x' * True", "'ab' * 'c'", "'ab' * 1.5", "'a' + 1", "1 + 'a'", "'a' - 'b'",
        "'héllo'[1]", "'héllo'[-1]", "'héllo'[5]", "'héllo'[-6]", "'abc'[True]", "'abc'[1.0]",
        "'abc'['a']", "len('')", "len('héllo')", "len('日本語')", "'日本語'[2]",
        "'' in 'abc'", "'bc' in 'abc'", "'cb' in 'abc'", "1 in 'abc'", "'abc' < 'abd'",
        "'abc' < 'ab'", "'Z' < 'a'", "'é' > 'z'", "'a' < 1", "-'a'", "+'a'", "~'a'",
        "not ''", "not 'a'",
    ])


@pytest.mark.parametrize("source", ["'x' * 2147483647", "[0] * 2147483647", "'ab' * 1000000"])
def test_huge_sequences_are_memory_errors(any_vm, tmp_path, source):
    # CPython builds these; a core has 64 KiB.
    image = build(compile_expr(source) + [("RETURN_VALUE",)])
    result = any_vm.run(image, tmp_path=tmp_path)
    assert result.returncode == 1
    assert parse_error(result.stderr)[3] == "MemoryError"


def test_str_builtin(any_vm, tmp_path):
    run_cases(any_vm, tmp_path, [
        "str()", "str(0)", "str(-2147483648)", "str(2147483647)", "str(True)", "str(None)",
        "str('x')", "str((1, 'a', None))", "str([1, [2, (3,)], ''])", "str(())", "str((1,))",
        "str(['it\\'s', 'say \"hi\"', 'both \\' \"', 'tab\\there', 'nl\\n', 'bs\\\\', '\\x00',"
        " '\\x7f', 'é', '\\xa0', '\\x85'])",
    ])


def test_float_text_and_str_formatting_use_the_host(vm, tmp_path):
    # Served through mcvm's host call server (the host's Python, see tests/conftest.py).
    run_cases(vm, tmp_path, ["str(1.5)", "str([1.5, 0.1])", "str((0.0, -0.0))", "'%d' % 1", "str(1e30)",
                             "'%.2f|%s' % (2.0, 'x')", "'%d' % 'x'"])


def test_int_builtin(any_vm, tmp_path):
    run_cases(any_vm, tmp_path, [
        "int()", "int(5)", "int(True)", "int('42')", "int('  -42\\n')", "int('+7')",
        "int('1_000')", "int('_1')", "int('1_')", "int('1__0')", "int('')", "int(' ')",
        "int('-')", "int('abc')", "int('12a')", "int('2147483647')", "int('-2147483648')",
        "int('2147483648')", "int('-2147483649')", "int('99999999999999999999')",
        "int(None)", "int((1,))", "int(2.9)", "int(-2.9)", "int(1e20)",
    ])


def test_len_abs(any_vm, tmp_path):
    run_cases(any_vm, tmp_path, [
        "len(())", "len((1, 2))", "len([1, 2, 3])", "len(5)", "len(None)", "abs(-5)",
        "abs(True)", "abs(-2147483648)", "abs('a')", "abs(None)", "abs(-1.5) == 1.5",
    ])


def test_sequences(any_vm, tmp_path):
    run_cases(any_vm, tmp_path, [
        "(1, 2) + (3,)", "[1] + [2, 3]", "[1] + (2,)", "(1,) + [2]", "[0] * 3", "3 * [0]",
        "(1, 2) * 2", "[1] * 0", "[1] * (-1)", "[] * 5", "[1, 2][1]", "[1, 2][-1]",
        "[1, 2][2]", "[1, 2][-3]", "(1, 2)[5]", "[1]['a']", "(1,)[None]", "5[0]", "None[0]",
        "[1, [2, 3]] == [1, [2, 3]]", "[1, 2] < [1, 3]", "[1, 2] < [1]", "(1, 'a') < (1, 2)",
        "(1, 2) == [1, 2]", "1 in [1, 2]", "'a' in ('a', 'b')", "[1] in [[1], 2]",
        "3 in [1, 2]", "1 in 5", "not []", "not [0]", "not ()", "[[]] * 2",
        "len([1] * 1000)", "((),)", "([],)",
    ])


def test_float_arithmetic(any_vm, tmp_path):
    # Values exact in binary32, so that CPython's doubles print the same.
    run_cases(any_vm, tmp_path, [
        "1.5 + 2 == 3.5", "1.5 - 2.5 == -1.0", "1.5 * 4 == 6.0", "7.0 / 2 == 3.5",
        "7 / 2 == 3.5", "1 / 4 == 0.25", "7.5 // 2 == 3.0", "-7.5 // 2 == -4.0",
        "7.5 % 2 == 1.5", "-7.5 % 2 == 0.5", "7.5 % -2 == -0.5", "2.0 ** 10 == 1024.0",
        "2.0 ** -2 == 0.25", "(-2.0) ** 3 == -8.0", "1.5 < 2", "2 < 1.5", "1.0 == 1",
        "16777217 == 16777216.0", "16777217 > 16777216.0", "2147483647 < 2147483648.0",
        "-2147483648 == -2147483648.0", "0.0 == -0.0", "1.5 > True", "int(1.5) == 1",
        "-1.5 == -(1.5)", "1.0 / 0", "1 / 0", "1.0 // 0.0", "1.0 % 0", "0.0 ** -1",
        "2.0 ** 0.5", "1.5 & 1", "1 << 1.5", "~1.5", "2.0 ** 1000",
    ])


def test_truthiness(any_vm, tmp_path):
    run_cases(any_vm, tmp_path, [f"not {v!r}" for v in
                                 [0, 1, -1, True, False, None, "", "a", (), (0,), [], [0], 0.0,
                                  0.5]])


def test_builtin_values(vm, tmp_path):
    image = build([("LOAD_BUILTIN", "len"), ("LOAD_BUILTIN", "print"),
                   ("CALL_BUILTIN", ("print", 2)), ("RETURN_VALUE",)])
    result = vm.run(image, tmp_path=tmp_path)
    assert result.stdout == "<built-in function len> <built-in function print>\n"


@pytest.mark.parametrize("name, args, message", [
    ("len", 2, "len() takes exactly one argument (2 given)"),
    ("abs", 0, "abs() takes exactly one argument (0 given)"),
    ("str", 2, "str expected at most 1 argument, got 2"),
    ("coreid", 1, "coreid() takes no arguments (1 given)"),
])
def test_builtin_value_arg_count(vm, tmp_path, name, args, message):
    image = build([("LOAD_BUILTIN", name)] + [("LOAD_CONST", 1)] * args +
                  [("CALL_FUNCTION", args), ("RETURN_VALUE",)])
    result = vm.run(image, tmp_path=tmp_path)
    assert result.returncode == 1
    assert parse_error(result.stderr)[3:] == ("TypeError", message)


def test_parallel_builtins(vm, tmp_path):
    image = build([("CALL_BUILTIN", ("coreid", 0)), ("CALL_BUILTIN", ("numcores", 0)),
                   ("CALL_BUILTIN", ("ishost", 0)), ("CALL_BUILTIN", ("isdevice", 0)),
                   ("CALL_BUILTIN", ("print", 4)), ("RETURN_VALUE",)])
    assert vm.run(image, tmp_path=tmp_path).stdout == "0 1 False True\n"
    result = vm.run(image, "--core-id", 5, "--num-cores", 8, "--host", tmp_path=tmp_path)
    assert result.stdout == "5 8 True False\n"


def test_print_forms(any_vm, tmp_path):
    image = build([("CALL_BUILTIN", ("print", 0)), ("LOAD_CONST", "a"), ("LOAD_CONST", 1),
                   ("LOAD_NONE",), ("CALL_BUILTIN", ("print", 3)), ("LOAD_CONST", "x" * 5000),
                   ("CALL_BUILTIN", ("print", 1)), ("RETURN_VALUE",)])
    result = any_vm.run(image, tmp_path=tmp_path)
    assert result.stdout == "\na 1 None\n" + "x" * 5000 + "\n"


def test_self_referential_list(any_vm, tmp_path):
    # a = [1, 2]; a[1] = a; print(a, a == a)
    image = build([
        ("LOAD_CONST", 1), ("LOAD_CONST", 2), ("BUILD_LIST", 2), ("STORE_FAST", 0),
        ("LOAD_FAST", 0), ("LOAD_FAST", 0), ("LOAD_CONST", 1), ("STORE_SUBSCR",),
        ("LOAD_FAST", 0), ("LOAD_FAST", 0), ("LOAD_FAST", 0), ("COMPARE_EQ",),
        ("CALL_BUILTIN", ("print", 2)), ("RETURN_VALUE",)], n_locals=1)
    result = any_vm.run(image, tmp_path=tmp_path)
    assert result.stdout == "[1, [...]] True\n"


def test_deeply_nested_repr_is_recursion_error(vm, tmp_path):
    body = [("LOAD_CONST", 1)] + [("BUILD_LIST", 1)] * 40
    image = build(body + [("CALL_BUILTIN", ("print", 1)), ("RETURN_VALUE",)])
    result = vm.run(image, tmp_path=tmp_path)
    assert result.returncode == 1
    assert parse_error(result.stderr)[3] == "RecursionError"
