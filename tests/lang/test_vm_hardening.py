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
