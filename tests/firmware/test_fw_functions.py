"""Calls, recursion, names, line numbers and memory on the VM (hand-assembled programs)."""

import pytest

from fwasm import Function, build, printing
from pyexpr import parse_error

C = "LOAD_CONST"


def fib_image():
    # def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2); print(fib(20))
    fib = Function("fib", [
        ("line", 2), ("LOAD_FAST", 0), (C, 2), ("COMPARE_LT",), ("POP_JUMP_IF_FALSE", "rec"),
        ("LOAD_FAST", 0), ("RETURN_VALUE",),
        "rec:", ("line", 3), ("LOAD_GLOBAL", "fib"), ("LOAD_FAST", 0), (C, 1), ("BINARY_SUB",),
        ("CALL_FUNCTION", 1), ("LOAD_GLOBAL", "fib"), ("LOAD_FAST", 0), (C, 2),
        ("BINARY_SUB",), ("CALL_FUNCTION", 1), ("BINARY_ADD",), ("RETURN_VALUE",),
    ], n_args=1, max_stack=4)
    main = [("MAKE_FUNCTION", "fib"), ("STORE_GLOBAL", "fib"),
            *printing(("LOAD_GLOBAL", "fib"), (C, 20), ("CALL_FUNCTION", 1))]
    return build(main, fib, globals=["fib"])


def test_recursion(any_vm, tmp_path):
    result = any_vm.run(fib_image(), tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, "6765\n")


def test_unbounded_recursion_is_recursion_error(any_vm, tmp_path):
    # def f(n): return f(n + 1)
    f = Function("f", [("line", 5), ("LOAD_GLOBAL", "f"), ("LOAD_FAST", 0), (C, 1),
                       ("BINARY_ADD",), ("CALL_FUNCTION", 1), ("RETURN_VALUE",)],
                 n_args=1, max_stack=3)
    image = build([("MAKE_FUNCTION", "f"), ("STORE_GLOBAL", "f"), ("LOAD_GLOBAL", "f"), (C, 0),
                   ("CALL_FUNCTION", 1), ("RETURN_VALUE",)], f, globals=["f"])
    result = any_vm.run(image, tmp_path=tmp_path)
    assert result.returncode == 1
    assert parse_error(result.stderr) == (0, 1, 5, "RecursionError",
                                          "maximum recursion depth exceeded")


def test_recursion_depth_scales_with_memory(vm, tmp_path):
    # The VM stack is 8 KiB on a device core, and an eighth of a larger memory.
    def depth_program(n):
        f = Function("f", [("LOAD_FAST", 0), ("POP_JUMP_IF_FALSE", "end"),
                           ("LOAD_GLOBAL", "f"), ("LOAD_FAST", 0), (C, 1), ("BINARY_SUB",),
                           ("CALL_FUNCTION", 1), ("RETURN_VALUE",), "end:", (C, "bottom"),
                           ("RETURN_VALUE",)], n_args=1, max_stack=3)
        return build([("MAKE_FUNCTION", "f"), ("STORE_GLOBAL", "f"),
                      *printing(("LOAD_GLOBAL", "f"), (C, n), ("CALL_FUNCTION", 1))],
                     f, globals=["f"])
    assert vm.run(depth_program(150), tmp_path=tmp_path).stdout == "bottom\n"
    assert vm.run(depth_program(900), "--mem-bytes", 1 << 20,
                  tmp_path=tmp_path).stdout == "bottom\n"


@pytest.mark.parametrize("n_args, given, message", [
    (2, 3, "f() takes 2 positional arguments but 3 were given"),
    (1, 2, "f() takes 1 positional argument but 2 were given"),
    (0, 1, "f() takes 0 positional arguments but 1 was given"),
    (2, 1, "f() missing 1 required positional argument"),
    (3, 0, "f() missing 3 required positional arguments"),
])
def test_argument_count(vm, tmp_path, n_args, given, message):
    f = Function("f", [("LOAD_NONE",), ("RETURN_VALUE",)], n_args=n_args)
    image = build([("line", 9), ("MAKE_FUNCTION", "f")] + [(C, 1)] * given +
                  [("CALL_FUNCTION", given), ("RETURN_VALUE",)], f)
    result = vm.run(image, tmp_path=tmp_path)
    assert result.returncode == 1
    assert parse_error(result.stderr) == (0, 0, 9, "TypeError", message)


def test_not_callable(vm, tmp_path):
    image = build([(C, 5), ("CALL_FUNCTION", 0), ("RETURN_VALUE",)])
    result = vm.run(image, tmp_path=tmp_path)
    assert parse_error(result.stderr)[3:] == ("TypeError", "'int' object is not callable")


def test_function_repr_and_identity(vm, tmp_path):
    f = Function("myfunc", [("LOAD_NONE",), ("RETURN_VALUE",)])
    image = build(printing(("MAKE_FUNCTION", "myfunc"), ("MAKE_FUNCTION", "myfunc"),
                           ("COMPARE_EQ",), ("MAKE_FUNCTION", "myfunc"), n=2), f)
    assert vm.run(image, tmp_path=tmp_path).stdout == "True <function myfunc>\n"


def test_locals_are_per_frame(any_vm, tmp_path):
    # def g(a, b): c = a * 10; return c + b   -- called twice, nested in an expression
    g = Function("g", [("LOAD_FAST", 0), (C, 10), ("BINARY_MUL",), ("STORE_FAST", 2),
                       ("LOAD_FAST", 2), ("LOAD_FAST", 1), ("BINARY_ADD",), ("RETURN_VALUE",)],
                 n_args=2, n_locals=3, max_stack=2)
    image = build(printing(("MAKE_FUNCTION", "g"), (C, 1), ("MAKE_FUNCTION", "g"), (C, 2),
                           (C, 3), ("CALL_FUNCTION", 2), ("CALL_FUNCTION", 2)), g)
    assert any_vm.run(image, tmp_path=tmp_path).stdout == "33\n"


def test_unbound_local(vm, tmp_path):
    image = build([("line", 4), ("LOAD_FAST", 0), ("RETURN_VALUE",)], n_locals=1)
    result = vm.run(image, tmp_path=tmp_path)
    assert parse_error(result.stderr)[2:4] == (4, "NameError")


def test_undefined_global(vm, tmp_path):
    image = build([("line", 3), ("LOAD_GLOBAL", "spam"), ("RETURN_VALUE",)],
                  globals=["spam"])
    result = vm.run(image, tmp_path=tmp_path)
    assert parse_error(result.stderr) == (0, 0, 3, "NameError", "name 'spam' is not defined")


def test_line_of_the_failing_instruction(vm, tmp_path):
    image = build([("line", 1), (C, 1), ("POP_TOP",), ("line", 2), (C, 1), (C, 0),
                   ("line", 3), ("BINARY_FLOORDIV",), ("line", 4), ("RETURN_VALUE",)])
    result = vm.run(image, "--core-id", 3, tmp_path=tmp_path)
    assert parse_error(result.stderr) == (3, 0, 3, "ZeroDivisionError",
                                          "integer division or modulo by zero")


# -- Memory ----------------------------------------------------------------------------------------

def churn(n, make_garbage):
    """Items: a loop of n iterations around `make_garbage` (which leaves nothing), local 0."""
    return [(C, 0), ("STORE_FAST", 0),
            "churn:", ("LOAD_FAST", 0), (C, n), ("COMPARE_LT",), ("POP_JUMP_IF_FALSE", "churned"),
            *make_garbage,
            ("LOAD_FAST", 0), (C, 1), ("BINARY_ADD",), ("STORE_FAST", 0), ("JUMP", "churn"),
            "churned:"]


def test_garbage_is_collected(any_vm, tmp_path):
    garbage = [("LOAD_FAST", 0), ("CALL_BUILTIN", ("str", 1)), (C, 20), ("BINARY_MUL",),
               (C, 1), ("BUILD_LIST", 2), ("BUILD_TUPLE", 1), ("POP_TOP",)]
    image = build(churn(20000, garbage) + printing(("LOAD_FAST", 0)), n_locals=1)
    result = any_vm.run(image, "--mem-bytes", 16384, tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, "20000\n")


def test_live_objects_survive_collections(any_vm, tmp_path):
    # keep = [0] * 64; for k in range(64): keep[k] = [str(k) * 3, (k,)]; churn; print(keep)
    # 64 inner lists are more than the mark stack holds, so this also covers its overflow.
    build_keep = [
        (C, 0), ("BUILD_LIST", 1), (C, 64), ("BINARY_MUL",), ("STORE_FAST", 1),
        (C, 0), ("STORE_FAST", 2),
        "fill:", ("LOAD_FAST", 2), (C, 64), ("COMPARE_LT",), ("POP_JUMP_IF_FALSE", "filled"),
        ("LOAD_FAST", 2), ("CALL_BUILTIN", ("str", 1)), (C, 3), ("BINARY_MUL",),
        ("LOAD_FAST", 2), ("BUILD_TUPLE", 1), ("BUILD_LIST", 2),
        ("LOAD_FAST", 1), ("LOAD_FAST", 2), ("STORE_SUBSCR",),
        ("LOAD_FAST", 2), (C, 1), ("BINARY_ADD",), ("STORE_FAST", 2), ("JUMP", "fill"),
        "filled:"]
    garbage = [("LOAD_FAST", 0), ("CALL_BUILTIN", ("str", 1)), (C, 9), ("BINARY_MUL",),
               ("POP_TOP",)]
    image = build(build_keep + churn(5000, garbage) + printing(("LOAD_FAST", 1)), n_locals=3)
    result = any_vm.run(image, "--mem-bytes", 20000, tmp_path=tmp_path)
    keep = [[str(k) * 3, (k,)] for k in range(64)]
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{keep}\n", "")


def test_exhaustion_is_memory_error(any_vm, tmp_path):
    # s = "x"; while True: s = s + s
    image = build([("line", 1), (C, "x"), ("STORE_FAST", 0),
                   "top:", ("line", 2), ("LOAD_FAST", 0), ("LOAD_FAST", 0), ("BINARY_ADD",),
                   ("STORE_FAST", 0), ("JUMP", "top")], n_locals=1)
    result = any_vm.run(image, tmp_path=tmp_path)
    assert result.returncode == 1
    assert parse_error(result.stderr)[2:] == (2, "MemoryError", "out of memory")


def test_memory_too_small_for_the_program(vm, tmp_path):
    image = build(printing((C, 1)))
    data = image.to_bytes()
    result = vm.run(data, "--mem-bytes", len(data) + 64, tmp_path=tmp_path)
    assert result.returncode == 1
    assert parse_error(result.stderr)[3] == "MemoryError"


def test_depth_limit(vm, tmp_path):
    # Plenty of memory: the MC_VM_MAX_DEPTH limit (1000 calls) stops the recursion.
    f = Function("f", [("line", 2), ("LOAD_GLOBAL", "f"), ("LOAD_FAST", 0), (C, 1),
                       ("BINARY_ADD",), ("CALL_FUNCTION", 1), ("RETURN_VALUE",)],
                 n_args=1, max_stack=3)
    image = build([("MAKE_FUNCTION", "f"), ("STORE_GLOBAL", "f"), ("LOAD_GLOBAL", "f"), (C, 0),
                   ("CALL_FUNCTION", 1), ("RETURN_VALUE",)], f, globals=["f"])
    result = vm.run(image, "--mem-bytes", 8 << 20, tmp_path=tmp_path)
    assert parse_error(result.stderr)[2:] == (2, "RecursionError",
                                              "maximum recursion depth exceeded")
