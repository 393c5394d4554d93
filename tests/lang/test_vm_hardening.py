"""Regression tests for what the fuzzer (``firmware/fuzz``, ``test_fuzz.py``) found in the VM.

Each runs a hand-assembled image that the validator accepts (its stack depths are consistent)
but that no compiler would emit, on a virtual core (libmcvm).
"""

import sys
from pathlib import Path

from microcore import abi
from microcore.virtual import run_image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "firmware"))
from fwasm import build  # noqa: E402

import differential  # noqa: E402


def run(image):
    sink = differential._Lines()
    result = run_image(image, 1, sink=sink, library=differential.library())[0]
    return result, sink.lines


def test_for_iter_without_get_iter_over_an_int():
    # Found by the fuzzer: a jump into FOR_ITER past GET_ITER left an int where the iterable
    # belongs, and FOR_ITER read it as a list (UBSan: misaligned access in mc_seq_items).
    image = build([("LOAD_CONST", 10250), ("LOAD_CONST", 0), "top:", ("FOR_ITER", "end"),
                   ("POP_TOP",), ("JUMP", "top"), "end:", ("LOAD_NONE",), ("RETURN_VALUE",)])
    result, lines = run(image)
    assert result.exit_code == abi.ExitCode.EXCEPTION, result
    assert (result.error.exc_name, result.error.message) == \
        ("TypeError", "'int' object is not iterable")
    assert lines == []


def test_for_iter_stores_its_position_as_an_int():
    # Without GET_ITER the position slot may hold any value; FOR_ITER used to advance that
    # value's payload in place (a heap reference, had it been one) and keep its tag.
    image = build([("LOAD_CONST", 10), ("LOAD_CONST", 20), ("BUILD_LIST", 2), ("LOAD_NONE",),
                   "top:", ("FOR_ITER", "end"), ("POP_TOP",), ("DUP_TOP",),
                   ("CALL_BUILTIN", ("print", 1)), ("POP_TOP",), ("JUMP", "top"), "end:",
                   ("LOAD_NONE",), ("RETURN_VALUE",)])
    result, lines = run(image)
    assert result.ok, result
    assert lines == ["1", "2"]


def test_in_range_is_constant_time_for_every_type():
    # Found by the fuzzer (a unit that took minutes): `x in range(...)` scanned the whole range
    # for anything but an int. Only an int, a bool or a whole float can equal an item.
    big = ("CALL_BUILTIN", ("range", 3))
    image = build([
        ("LOAD_CONST", 5.605193857299268e-45), ("LOAD_CONST", 0), ("LOAD_CONST", 2147483647),
        ("LOAD_CONST", 1), big, ("COMPARE_IN",),
        ("LOAD_CONST", "x"), ("LOAD_CONST", -2147483647), ("LOAD_CONST", 2147483647),
        ("LOAD_CONST", 1), big, ("COMPARE_IN",),
        ("LOAD_NONE",), ("LOAD_CONST", 0), ("LOAD_CONST", 2147483647), ("LOAD_CONST", 1), big,
        ("COMPARE_IN",),
        ("LOAD_CONST", 4.0), ("LOAD_CONST", 0), ("LOAD_CONST", 10), ("LOAD_CONST", 2), big,
        ("COMPARE_IN",),
        ("LOAD_CONST", 3.0), ("LOAD_CONST", 0), ("LOAD_CONST", 10), ("LOAD_CONST", 2), big,
        ("COMPARE_IN",),
        ("LOAD_CONST", 2.5), ("LOAD_CONST", 0), ("LOAD_CONST", 10), ("LOAD_CONST", 1), big,
        ("COMPARE_IN",),
        ("LOAD_TRUE",), ("LOAD_CONST", 1), ("LOAD_CONST", 2), ("LOAD_CONST", 1), big,
        ("COMPARE_IN",),
        ("CALL_BUILTIN", ("print", 7)), ("POP_TOP",), ("LOAD_NONE",), ("RETURN_VALUE",)],
        max_stack=12)
    sink = differential._Lines()
    result = run_image(image, 1, sink=sink, timeout=20, library=differential.library())[0]
    assert not result.timed_out
    assert result.ok, result
    assert sink.lines == ["False False False True False False True"]
