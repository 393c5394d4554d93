"""What the code generator emits: names, builtins, imports, control flow, stack depth, lines."""

import pytest

from microcore.bytecode import builtins
from microcore.bytecode.container import Layout
from microcore.bytecode.disasm import instructions
from microcore.compiler import CompileError, compile_source
from microcore.compiler.emitter import Emitter, FunctionTooLarge, InternalCompilerError

from .util import compile_checked, stack_depth

PRINT = builtins.lookup("print").id
COREID = builtins.lookup("coreid", "parallel").id


def ops(image, name=None):
    """``[(opname, operand)]`` of the code object called ``name`` (default: the module)."""
    code = next(c for c in image.code if c.name == (name or "<module>"))
    return [(op.name, arg) for _, op, arg in instructions(code.code)]


def names(image, name=None):
    return [op for op, _ in ops(image, name)]


def code_of(image, name):
    return next(c for c in image.code if c.name == name)


# -- the module and constants ------------------------------------------------------------------

def test_empty_module_returns_none():
    image = compile_checked("")
    assert image.entry == 0 and len(image.code) == 1
    assert ops(image) == [("LOAD_NONE", None), ("RETURN_VALUE", None)]
    assert image.code[0].max_stack == 1 and image.code[0].lines == [(0, 1)]


def test_module_always_ends_with_return_none():
    image = compile_checked("while True:\n    pass\n")
    assert names(image)[-2:] == ["LOAD_NONE", "RETURN_VALUE"]


def test_docstrings_and_ellipsis_statements_emit_nothing():
    image = compile_checked('"""doc"""\n...\n1\ndef f():\n    "doc"\n    ...\n')
    assert "doc" not in image.consts
    assert names(image, "f") == ["LOAD_NONE", "RETURN_VALUE"]


def test_singletons_use_their_own_opcodes():
    image = compile_checked("a = None\nb = True\nc = False\n")
    assert names(image)[:6] == ["LOAD_NONE", "STORE_GLOBAL", "LOAD_TRUE", "STORE_GLOBAL",
                                "LOAD_FALSE", "STORE_GLOBAL"]
    assert not any(isinstance(c, bool) for c in image.consts)


def test_int_limits_and_negative_literals():
    image = compile_checked("a = 2147483647\nb = -2147483648\nc = -5\nd = - 0\n")
    assert {2147483647, -2147483648, -5, 0} <= set(image.consts)
    assert "UNARY_NEG" not in names(image)
    # Only a literal operand is folded; anything else negates at run time (and may overflow).
    image = compile_checked("x = 5\ny = -x\nz = -(-2147483648)\n")
    assert names(image).count("UNARY_NEG") == 2


def test_constants_are_shared():
    image = compile_checked("a = 'x'\nb = 'x'\nc = 1\nd = 1\n")
    assert image.consts.count("x") == 1 and image.consts.count(1) == 1


def test_dunder_name_is_main_and_debug_is_true():
    image = compile_checked("if __name__ == '__main__':\n    print(__debug__)\n")
    assert "__main__" in image.consts and "LOAD_TRUE" in names(image)
    assert "__name__" not in image.globals


# -- names -------------------------------------------------------------------------------------

def test_module_names_are_globals_and_function_names_locals():
    image = compile_checked("""
        g = 1
        def f(a, b):
            c = a + b + g
            return c
        """)
    assert image.globals == ["g", "f"]
    f = code_of(image, "f")
    assert (f.n_args, f.n_locals) == (2, 3)
    assert ops(image, "f") == [("LOAD_FAST", 0), ("LOAD_FAST", 1), ("BINARY_ADD", None),
                               ("LOAD_GLOBAL", 0), ("BINARY_ADD", None), ("STORE_FAST", 2),
                               ("LOAD_FAST", 2), ("RETURN_VALUE", None)]


def test_global_statement():
    image = compile_checked("""
        def f():
            global count
            count = count + 1
        count = 0
        """)
    assert code_of(image, "f").n_locals == 0
    one = image.consts.index(1)
    assert ops(image, "f")[:4] == [("LOAD_GLOBAL", 0), ("LOAD_CONST", one), ("BINARY_ADD", None),
                                   ("STORE_GLOBAL", 0)]
    assert image.globals[0] == "count"


def test_assignment_anywhere_in_a_function_makes_a_local():
    image = compile_checked("""
        x = 1
        def f():
            print(x)
            if False:
                x = 2
        """)
    assert ("LOAD_FAST", 0) in ops(image, "f")


def test_unknown_names_are_globals_that_fail_at_run_time():
    image = compile_checked("print(undefined)\n")
    assert image.globals == ["undefined"]


def test_chained_assignment_stores_left_to_right():
    image = compile_checked("a = b = c = 7\n")
    assert ops(image)[:7] == [("LOAD_CONST", 0), ("DUP_TOP", None), ("STORE_GLOBAL", 0),
                              ("DUP_TOP", None), ("STORE_GLOBAL", 1), ("STORE_GLOBAL", 2),
                              ("LOAD_NONE", None)]
    assert image.globals == ["a", "b", "c"]


def test_augmented_assignment():
    image = compile_checked("def f(x):\n    x <<= 2\n    return x\n")
    assert ops(image, "f")[:4] == [("LOAD_FAST", 0), ("LOAD_CONST", 0),
                                   ("BINARY_LSHIFT", None), ("STORE_FAST", 0)]


def test_annotations_are_not_evaluated():
    image = compile_checked("x: Undefined = 1\ny: int\ndef f(a: Nope) -> Nada:\n    z: int\n"
                            "    return a\n")
    assert image.globals == ["x", "f"]
    assert code_of(image, "f").n_locals == 2


def test_subscript_load_and_store():
    image = compile_checked("s = 'abc'\nc = s[1]\nt = (1, 2)\nt[0] = 5\n")
    assert names(image)[2:6] == ["LOAD_GLOBAL", "LOAD_CONST", "BINARY_SUBSCR", "STORE_GLOBAL"]
    # the value first, then the container and the index: TOS1[TOS] = TOS2
    assert names(image)[-6:-2] == ["LOAD_CONST", "LOAD_GLOBAL", "LOAD_CONST", "STORE_SUBSCR"]


def test_tuples():
    image = compile_checked("t = (1, (2, 3), ())\n")
    assert ("BUILD_TUPLE", 2) in ops(image) and ("BUILD_TUPLE", 0) in ops(image)
    assert ops(image)[-4] == ("BUILD_TUPLE", 3)


# -- builtins ----------------------------------------------------------------------------------

def test_builtins_called_directly_use_call_builtin():
    image = compile_checked("print('a', 1)\nprint()\nx = len('ab') + abs(-1)\n")
    calls = [arg for op, arg in ops(image) if op == "CALL_BUILTIN"]
    assert calls == [PRINT | 2 << 8, PRINT, builtins.lookup("len").id | 1 << 8,
                     builtins.lookup("abs").id | 1 << 8]
    assert "LOAD_GLOBAL" not in names(image)


def test_builtins_as_values_use_load_builtin():
    image = compile_checked("p = print\np('x')\n")
    assert ops(image)[:2] == [("LOAD_BUILTIN", PRINT), ("STORE_GLOBAL", 0)]
    assert ("CALL_FUNCTION", 1) in ops(image)


def test_shadowed_builtins_are_ordinary_names():
    image = compile_checked("""
        def str(x):
            return x
        print(str(1))
        def f(len):
            return len(2)
        """)
    assert ("CALL_BUILTIN", PRINT | 1 << 8) in ops(image)
    assert names(image).count("CALL_FUNCTION") == 1
    assert ops(image, "f")[:3] == [("LOAD_FAST", 0), ("LOAD_CONST", image.consts.index(2)),
                                   ("CALL_FUNCTION", 1)]


# -- imports -----------------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "from parallel import coreid\nx = coreid()\n",
    "from parallel import *\nx = coreid()\n",
    "import parallel\nx = parallel.coreid()\n",
    "import parallel as p\nx = p.coreid()\n",
    "from parallel import coreid as cid\nx = cid()\n",
    "def f():\n    from parallel import coreid\n    return coreid()\nx = f()\n",
    "def f():\n    import parallel\n    return parallel.coreid()\nx = f()\n",
])
def test_parallel_imports_compile_to_call_builtin(source):
    image = compile_checked(source)
    every = [pair for c in image.code for pair in ops(image, c.name)]
    assert ("CALL_BUILTIN", COREID) in every
    assert "LOAD_BUILTIN" not in [op for op, _ in every]
    assert image.globals in (["x"], ["f", "x"])


def test_rebound_imported_name_gets_a_slot():
    image = compile_checked("from parallel import coreid\nprint(coreid())\ncoreid = 5\n")
    assert ops(image)[:2] == [("LOAD_BUILTIN", COREID), ("STORE_GLOBAL", 0)]
    assert ("LOAD_GLOBAL", 0) in ops(image) and ("CALL_FUNCTION", 0) in ops(image)


def test_module_attribute_as_a_value():
    image = compile_checked("import parallel\nf = parallel.ishost\n")
    assert ops(image)[0] == ("LOAD_BUILTIN", builtins.lookup("ishost", "parallel").id)


def test_future_imports_are_accepted():
    image = compile_checked("from __future__ import annotations\nx: int = 1\n")
    assert image.globals == ["x"]


# -- functions ---------------------------------------------------------------------------------

def test_functions_are_code_objects_made_at_run_time():
    image = compile_checked("""
        def fib(n):
            if n < 2:
                return n
            return fib(n - 1) + fib(n - 2)
        print(fib(10))
        """)
    assert [c.name for c in image.code] == ["<module>", "fib"]
    assert ops(image)[:2] == [("MAKE_FUNCTION", 1), ("STORE_GLOBAL", 0)]
    assert ("LOAD_GLOBAL", 0) in ops(image, "fib")


def test_function_returns_none_when_falling_off_the_end():
    image = compile_checked("def f(x):\n    if x:\n        return 1\ndef g():\n    return 2\n")
    assert names(image, "f")[-2:] == ["LOAD_NONE", "RETURN_VALUE"]
    assert names(image, "g") == ["LOAD_CONST", "RETURN_VALUE"]


def test_nested_function_without_captures():
    image = compile_checked("""
        def outer(a):
            def inner(b):
                return b * 2
            return inner(a)
        """)
    assert [c.name for c in image.code] == ["<module>", "outer", "inner"]
    assert ops(image, "outer")[:2] == [("MAKE_FUNCTION", 2), ("STORE_FAST", 1)]
    # inner may use globals and builtins, and names its enclosing function imports
    compile_checked("""
        from parallel import coreid
        def outer():
            from parallel import numcores
            def inner():
                return coreid() + numcores() + len('x')
            return inner
        """)


def test_nested_function_can_use_globals_declared_in_the_enclosing_function():
    image = compile_checked("""
        def outer():
            global g
            g = 1
            def inner():
                return g
            return inner
        """)
    assert ops(image, "inner")[0] == ("LOAD_GLOBAL", image.globals.index("g"))


def test_unreachable_code_is_harmless():
    image = compile_checked("""
        def f(x):
            return x
            x = 1
            while x:
                break
        def g():
            while True:
                pass
            y = 2
        def h(a):
            if a:
                return 1
            else:
                return 2
        """)
    assert names(image, "h")[-1] == "RETURN_VALUE"
    assert names(image, "g")[-2:] == ["LOAD_NONE", "RETURN_VALUE"]


# -- control flow ------------------------------------------------------------------------------

def test_while_true_has_no_test():
    image = compile_checked("while 1:\n    x = 1\n    break\n")
    assert names(image) == ["LOAD_CONST", "STORE_GLOBAL", "JUMP", "LOAD_NONE", "RETURN_VALUE"]
    image = compile_checked("while True:\n    x = 1\n")
    assert names(image) == ["LOAD_CONST", "STORE_GLOBAL", "JUMP", "LOAD_NONE", "RETURN_VALUE"]


def test_conditions_jump_directly():
    image = compile_checked("if not a and b:\n    pass\n")
    assert names(image) == ["LOAD_GLOBAL", "POP_JUMP_IF_TRUE", "LOAD_GLOBAL",
                            "POP_JUMP_IF_FALSE", "LOAD_NONE", "RETURN_VALUE"]


def test_and_or_keep_the_deciding_value():
    image = compile_checked("x = a and b or c\n")
    assert names(image)[:6] == ["LOAD_GLOBAL", "JUMP_IF_FALSE_OR_POP", "LOAD_GLOBAL",
                                "JUMP_IF_TRUE_OR_POP", "LOAD_GLOBAL", "STORE_GLOBAL"]


def test_chained_comparison_evaluates_each_operand_once():
    image = compile_checked("x = a < b() <= c\n")
    assert names(image) == ["LOAD_GLOBAL", "LOAD_GLOBAL", "CALL_FUNCTION", "DUP_TOP",
                            "ROT_THREE", "COMPARE_LT", "JUMP_IF_FALSE_OR_POP", "LOAD_GLOBAL",
                            "COMPARE_LE", "JUMP", "ROT_TWO", "POP_TOP", "STORE_GLOBAL",
                            "LOAD_NONE", "RETURN_VALUE"]
    assert image.globals.count("b") == 1


@pytest.mark.parametrize("op, opname", [
    ("==", "COMPARE_EQ"), ("!=", "COMPARE_NE"), ("<", "COMPARE_LT"), ("<=", "COMPARE_LE"),
    (">", "COMPARE_GT"), (">=", "COMPARE_GE"), ("is", "COMPARE_IS"),
    ("is not", "COMPARE_IS_NOT"), ("in", "COMPARE_IN"), ("not in", "COMPARE_NOT_IN")])
def test_comparison_operators(op, opname):
    assert opname in names(compile_checked(f"x = a {op} b\n"))


@pytest.mark.parametrize("op, opname", [
    ("+", "BINARY_ADD"), ("-", "BINARY_SUB"), ("*", "BINARY_MUL"), ("//", "BINARY_FLOORDIV"),
    ("%", "BINARY_MOD"), ("**", "BINARY_POW"), ("<<", "BINARY_LSHIFT"), (">>", "BINARY_RSHIFT"),
    ("&", "BINARY_AND"), ("|", "BINARY_OR"), ("^", "BINARY_XOR")])
def test_binary_operators(op, opname):
    ops = names(compile_checked(f"x = a {op} b\na {op}= b\n"))
    # += and *= act in place on lists; the others are the plain operator.
    inplace = {"+": "INPLACE_ADD", "*": "INPLACE_MUL"}.get(op)
    assert ops.count(opname) == (1 if inplace else 2)
    assert inplace is None or ops.count(inplace) == 1


@pytest.mark.parametrize("op, opname", [("-", "UNARY_NEG"), ("+", "UNARY_POS"),
                                        ("~", "UNARY_INVERT"), ("not ", "UNARY_NOT")])
def test_unary_operators(op, opname):
    assert opname in names(compile_checked(f"x = {op}a\n"))


def test_break_and_continue_target_the_innermost_loop():
    image = compile_checked("""
        while a:
            while b:
                if c:
                    break
                continue
            break
        """)
    jumps = [(pc, pc + op.length + arg) for pc, op, arg in instructions(image.code[0].code)
             if op.name == "JUMP"]
    # inner break -> after the inner loop (24); continue -> the inner test (6);
    # outer break -> the end (27)
    assert jumps == [(18, 24), (21, 6), (24, 27)]


# -- stack depth -------------------------------------------------------------------------------

def test_max_stack_of_a_deep_expression():
    depth = 50
    source = "x = " + "(1 + " * depth + "1" + ")" * depth + "\n"
    image = compile_checked(source)
    assert image.code[0].max_stack == depth + 1
    right = "x = " + " + ".join(["1"] * 50) + "\n"     # left-associative: stays shallow
    assert compile_checked(right).code[0].max_stack == 2


def test_max_stack_of_calls_and_comparisons():
    image = compile_checked("def f(a, b, c):\n    return a\nx = f(1, f(2, 3, 4), 5) < 1 < 2\n")
    assert image.code[0].max_stack == stack_depth(image.code[0].code) == 6


def test_max_stack_with_many_arguments():
    image = compile_checked(f"print({', '.join(['1'] * 200)})\n")
    assert image.code[0].max_stack == 200


# -- line table --------------------------------------------------------------------------------

def test_line_table_has_an_entry_per_change_of_line():
    image = compile_checked("""\
        a = 1

        b = (a +
             2)
        print(a,
              b)
        """)
    lines = image.code[0].lines
    assert [line for _, line in lines] == [1, 3, 4, 3, 5, 6, 5]
    assert all(p < q for (p, _), (q, _) in zip(lines, lines[1:]))
    pcs = {pc: line for pc, line in lines}
    # the call is on the line of the call, the argument on its own line
    call_pc = next(pc for pc, op, _ in instructions(image.code[0].code)
                   if op.name == "CALL_BUILTIN")
    assert image.line_of(0, call_pc) == 5 and pcs


def test_function_lines():
    image = compile_checked("def f():\n    x = 1\n\n    return x\n")
    assert code_of(image, "f").lines == [(0, 2), (5, 4)]
    assert image.code[0].lines == [(0, 1)]


def test_line_numbers_beyond_the_table_are_an_error():
    with pytest.raises(CompileError, match=r"^prog\.py:65536:1: line number exceeds 65535$"):
        compile_source("\n" * 65535 + "x = 1\n", "prog.py")


# -- the emitter -------------------------------------------------------------------------------

def test_emitter_checks_depth_at_labels():
    em = Emitter()
    target = em.label()
    em.emit("LOAD_NONE")
    em.emit_jump("POP_JUMP_IF_FALSE", target)
    em.emit("LOAD_NONE")
    with pytest.raises(InternalCompilerError, match="expects 0"):
        em.bind(target)


def test_emitter_checks_underflow_and_final_depth():
    em = Emitter()
    with pytest.raises(InternalCompilerError, match="underflow"):
        em.emit("POP_TOP")
    em = Emitter()
    em.emit("LOAD_NONE")
    em.emit("LOAD_NONE")
    em.emit("RETURN_VALUE")
    with pytest.raises(InternalCompilerError, match="stack depth 1 at the end"):
        em.finish()


def test_emitter_rejects_bad_operands():
    em = Emitter()
    with pytest.raises(InternalCompilerError, match="out of range"):
        em.emit("LOAD_FAST", 256)
    with pytest.raises(InternalCompilerError, match="emit_jump"):
        em.emit("JUMP", 0)


def test_emitter_jump_offsets_are_relative_to_the_next_instruction():
    em = Emitter()
    top = em.label()
    em.bind(top)
    end = em.label()
    em.emit("LOAD_TRUE")                     # pc 0
    em.emit_jump("POP_JUMP_IF_FALSE", end)   # pc 1..3
    em.emit_jump("JUMP", top)                # pc 4..6
    em.bind(end)                             # pc 7
    em.emit("LOAD_NONE")
    em.emit("RETURN_VALUE")
    code, lines, max_depth = em.finish()
    assert code[1:4] == bytes([0xC1, 3, 0]) and code[4:7] == bytes([0xC0]) + (-7).to_bytes(
        2, "little", signed=True)
    assert max_depth == 1 and lines == [(0, 1)]


def test_emitter_reports_jumps_out_of_range():
    em = Emitter()
    end = em.label()
    em.emit_jump("JUMP", end)
    for _ in range(0x8000):
        em.emit("NOP")
    em.bind(end)
    em.emit("LOAD_NONE")
    em.emit("RETURN_VALUE")
    with pytest.raises(FunctionTooLarge):
        em.finish()


def test_every_image_fits_the_layout():
    image = compile_checked("def f(a):\n    return a\n")
    assert all(c.n_locals <= Layout.MAX_LOCALS for c in image.code)


# -- exceptions ----------------------------------------------------------------------------------

def table(image, name=None):
    return code_of(image, name or "<module>").handlers


def test_try_except_protects_only_its_body():
    image = compile_checked("""\
        try:
            x = 1
        except ValueError:
            x = 2
        else:
            x = 3
        """)
    (start, end, target, depth), cleanup = table(image)
    code = ops(image)
    assert (start, depth) == (0, 0)
    # the body is protected, the else body (LOAD_CONST 3) is not
    pcs = [pc for pc, _, _ in instructions(code_of(image, "<module>").code)]
    assert code[pcs.index(end)] == ("LOAD_CONST", image.consts.index(3))
    assert code[pcs.index(target)][0] == "PUSH_EXC_INFO"
    assert ("LOAD_EXC_CLASS", 4) in code and "CHECK_EXC_MATCH" in names(image)
    # the clause matching code is protected by the cleanup, which restores the handled one
    assert cleanup[3] == 1 and names(image)[pcs.index(cleanup[2]):][:3] == \
        ["ROT_TWO", "POP_EXCEPT", "RAISE"]


def test_entering_a_try_block_emits_nothing():
    image = compile_checked("try:\n    x = 1\nexcept:\n    pass\n")
    assert names(image)[:2] == ["LOAD_CONST", "STORE_GLOBAL"]


def test_handler_depth_counts_the_values_of_enclosing_loops():
    image = compile_checked("""\
        for i in range(3):
            try:
                x = 1 // i
            except ZeroDivisionError:
                continue
        """)
    assert table(image)[0][3] == 2      # the for loop's iterable and position stay


def test_except_as_name_is_unbound_after_the_handler():
    image = compile_checked("""\
        def f():
            try:
                pass
            except KeyError as e:
                print(e)
            return 1
        """)
    code = names(image, "f")
    # once on the way out, once in the cleanup when the handler body raises
    assert code.count("DELETE_FAST") == 2


def test_return_through_finally_runs_the_body_inline_unprotected():
    image = compile_checked("""\
        def f():
            try:
                return 1
            finally:
                print("fin")
        """)
    code = ops(image, "f")
    pcs = [pc for pc, _, _ in instructions(code_of(image, "f").code)]
    first_return = [n for n, _ in code].index("RETURN_VALUE")
    # the value, the finally body, then the return
    assert [n for n, _ in code[:first_return + 1]] == [
        "LOAD_CONST", "LOAD_CONST", "CALL_BUILTIN", "POP_TOP", "RETURN_VALUE"]
    (start, end, _, _), *_ = table(image, "f")
    assert (start, end) == (0, pcs[1])      # only `1` is protected


def test_break_in_handler_restores_the_handled_exception():
    image = compile_checked("""\
        while True:
            try:
                pass
            except:
                break
        """)
    code = names(image)
    i = code.index("PUSH_EXC_INFO")
    assert code[i + 1:i + 4] == ["POP_TOP", "POP_EXCEPT", "JUMP"]


def test_raise_and_bare_raise():
    image = compile_checked("raise ValueError('x')\n")
    assert names(image)[:4] == ["LOAD_EXC_CLASS", "LOAD_CONST", "CALL_FUNCTION", "RAISE"]
    assert names(compile_checked("def f():\n    raise\n"), "f") == ["RERAISE"]


def test_function_ending_in_raise_needs_no_return():
    image = compile_checked("def f():\n    raise KeyError\n")
    assert names(image, "f") == ["LOAD_EXC_CLASS", "RAISE"]


def test_assert_evaluates_the_message_only_on_failure():
    image = compile_checked("assert x, y\n")
    assert names(image)[:7] == ["LOAD_GLOBAL", "POP_JUMP_IF_TRUE", "LOAD_EXC_CLASS",
                                "LOAD_GLOBAL", "CALL_FUNCTION", "RAISE", "LOAD_NONE"]
    assert ("LOAD_EXC_CLASS", 13) in ops(image)


def test_exception_names_shadowed_by_the_program_are_globals():
    # the global starts out holding the class, as CPython's fallback to the builtins
    image = compile_checked("ValueError = 3\nprint(ValueError)\n")
    assert names(image)[:5] == ["LOAD_EXC_CLASS", "STORE_GLOBAL", "LOAD_CONST", "STORE_GLOBAL",
                                "LOAD_GLOBAL"]


def test_unbinding_a_shadowing_except_name_uncovers_the_builtin():
    image = compile_checked("try:\n    pass\nexcept KeyError as KeyError:\n    pass\n")
    assert "DELETE_GLOBAL" not in names(image)
    assert names(image).count("LOAD_EXC_CLASS") == 3   # predefined, and two unbindings


@pytest.mark.parametrize("source", [
    "try:\n    pass\nexcept:\n    pass\n",
    "try:\n    pass\nfinally:\n    pass\n",
    "try:\n    pass\nexcept (KeyError, IndexError) as e:\n    pass\nelse:\n    pass\n"
    "finally:\n    pass\n",
    "for i in range(2):\n    try:\n        try:\n            continue\n        finally:\n"
    "            break\n    finally:\n        pass\n",
    "def f():\n    for i in []:\n        try:\n            pass\n        except:\n"
    "            for j in []:\n                return j\n    return 0\n",
    "def f():\n    try:\n        pass\n    finally:\n        for j in []:\n            return j\n",
])
def test_try_forms_verify(source):
    compile_checked(source)     # depths on every path, handler edges included
