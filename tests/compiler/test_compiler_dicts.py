"""Code generation for dicts, del, defaults and keyword calls, lambda and comprehensions."""

import pytest

from microcore.bytecode import builtins
from microcore.compiler import CompileError, compile_source

from .test_compiler_codegen import code_of, names, ops
from .util import compile_checked

PRINT = builtins.lookup("print").id


def test_dict_display_builds_then_adds_each_pair():
    image = compile_checked("d = {'a': 1, 2: 3}\n")
    assert names(image)[:7] == ["BUILD_MAP", "LOAD_CONST", "LOAD_CONST", "MAP_ADD",
                                "LOAD_CONST", "LOAD_CONST", "MAP_ADD"]
    assert ("MAP_ADD", 0) in ops(image)


def test_comprehension_variables_are_hidden_module_slots():
    image = compile_checked("x = 5\nr = [x for x in range(3)]\nprint(x)\n")
    assert image.globals == ["x", "r"]
    module = code_of(image, "<module>")
    assert module.n_locals == 1
    assert ("STORE_FAST", 0) in ops(image) and ("LOAD_FAST", 0) in ops(image)
    assert ("LIST_APPEND", 2) in ops(image)


def test_comprehension_in_a_function_uses_its_locals_without_a_closure():
    image = compile_checked("def f(n):\n    k = 2\n    return {i: k * i for i in range(n) if i}\n")
    f = code_of(image, "f")
    assert f.n_locals == 3          # n, k and the hidden i
    assert len(image.code) == 2     # no code object for the comprehension
    assert ("MAP_ADD", 2) in ops(image, "f")


def test_nested_generators_append_below_every_iteration():
    image = compile_checked("r = [(a, b) for a in 'xy' for b in 'z' if a]\n")
    assert ("LIST_APPEND", 4) in ops(image)
    assert names(image).count("FOR_ITER") == 2


def test_defaults_make_a_function_object_with_names():
    image = compile_checked("def f(a, b=1, c=[]):\n    return a\n")
    assert names(image)[:5] == ["LOAD_CONST", "BUILD_LIST", "BUILD_TUPLE", "LOAD_CONST",
                                "MAKE_FUNCTION_EX"]
    assert "a b c" in image.consts


def test_functions_without_defaults_stay_plain_unless_called_with_keywords():
    plain = compile_checked("def f(a):\n    return a\nprint(f(1), end='')\n")
    assert "MAKE_FUNCTION" in names(plain) and "MAKE_FUNCTION_EX" not in names(plain)
    keyed = compile_checked("def f(a):\n    return a\nprint(f(a=1))\n")
    assert "MAKE_FUNCTION_EX" in names(keyed)


def test_keyword_call_pushes_name_value_pairs():
    image = compile_checked("def f(a, b):\n    return a\nf(1, b=2)\n")
    operand = dict(ops(image))["CALL_FUNCTION_KW"]
    assert operand == 1 | 1 << 8


def test_builtin_keywords_fill_every_slot_in_table_order():
    image = compile_checked("print(1, end='!')\nprint(2, end='', sep='-')\n")
    calls = [arg for op, arg in ops(image) if op == "CALL_BUILTIN_KW"]
    assert calls == [PRINT | 3 << 8, PRINT | 3 << 8]
    # the second call evaluates end then sep (source order), then swaps them
    assert "ROT_TWO" in names(image)


def test_builtin_keyword_naming_a_positional_parameter():
    image = compile_checked("x = enumerate('ab', start=3)\n")
    assert ("CALL_BUILTIN", builtins.lookup("enumerate").id | 2 << 8) in ops(image)


def test_lambda_is_a_code_object():
    image = compile_checked("f = lambda x, y=2: x + y\n")
    assert code_of(image, "<lambda>").n_args == 2
    assert "MAKE_FUNCTION_EX" in names(image)


def test_del_of_each_target_kind():
    image = compile_checked("a = [1]\ndel a[0], a[:]\ndel a\ndef f():\n    v = 1\n    del v\n")
    assert {"DELETE_SUBSCR", "DELETE_SLICE", "DELETE_GLOBAL"} <= set(names(image))
    assert ("DELETE_FAST", 0) in ops(image, "f")


@pytest.mark.parametrize("source, message", [
    ("print(1, flush=True)\n", "'flush' is an invalid keyword argument for print()"),
    ("sorted([1], key=len)\n", "'key' is an invalid keyword argument for sorted()"),
    ("len('a', x=1)\n", "len() takes no keyword arguments"),
    ("d = {**e}\n", "unsupported ** in dict display"),
    ("x = {i for i in 'a'}\n", "unsupported set comprehension"),
    ("del x.y\n", "unsupported attribute deletion"),
])
def test_rejected(source, message):
    with pytest.raises(CompileError, match=r"^prog\.py:\d+:\d+: " + message.replace("(", r"\(")
                       .replace(")", r"\)").replace("*", r"\*") + "$"):
        compile_source(source, "prog.py")
