"""Exceptions on the native VM: catching what the VM raises when memory or stack run out, the
report of uncaught exceptions, and the validation of exception tables (both validators refuse a
corrupt table for the same reason, and the stack verifier follows handler edges)."""

import struct

import pytest

from fwasm import build, code_record, fix_crc
from microcore.bytecode.container import Layout as L
from microcore.compiler import compile_source
from pyexpr import parse_error
from test_fw_image import python_reason, vm_reason


def run_source(vm, tmp_path, source, *args):
    return vm.run(compile_source(source, "prog.py"), *args, tmp_path=tmp_path)


def test_memory_error_is_caught_and_the_heap_stays_intact(any_vm, tmp_path):
    source = """\
chunks = []
n = 0
try:
    while True:
        chunks.append([n] * 50)
        n += 1
except MemoryError:
    print("caught")
ok = len(chunks) == n and n > 10
for i in range(n):
    if chunks[i][0] != i or chunks[i][49] != i or len(chunks[i]) != 50:
        ok = False
print(ok)
# fill the last holes with small objects: the handler is entered even when nothing is left
small = []
try:
    while True:
        small.append((n,))
except MemoryError:
    print("caught again")
chunks = None
small = None
again = [7] * 2000
print(len(again), again[1999])
"""
    result = run_source(any_vm, tmp_path, source, "--mem-bytes", 65536)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "caught\nTrue\ncaught again\n2000 7\n"


def test_recursion_error_is_caught_and_frees_the_frames(any_vm, tmp_path):
    source = """\
deepest = 0
def down(n):
    global deepest
    deepest = n
    return down(n + 1)
def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1
reached = []
for i in range(50):
    try:
        down(0)
    except RecursionError as e:
        last = str(e)
    reached.append(deepest)
print(last)
print(reached == [reached[0]] * 50, reached[0] > 100)
print(depth(reached[0] - 1) == reached[0] - 1)
"""
    result = run_source(any_vm, tmp_path, source)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "maximum recursion depth exceeded\nTrue True\nTrue\n"


def test_overflow_error_is_caught(vm, tmp_path):
    source = """\
x = 2147483647
try:
    x = x + 1
except OverflowError as e:
    print("OverflowError", x)
try:
    y = -2147483647 - 1
    print(-y)
except ArithmeticError:
    print("arith")
"""
    result = run_source(vm, tmp_path, source)
    assert result.stdout == "OverflowError 2147483647\narith\n"


@pytest.mark.parametrize("source, report", [
    # the re-raised instance reports where it was first raised: line 2, in f (code 1)
    ("def f():\n    raise ValueError(5)\ntry:\n    f()\nexcept ValueError as e:\n"
     "    x = e\nraise x\n", (1, 2, "ValueError", "5")),
    ("try:\n    [][1]\nexcept IndexError:\n    raise\n",
     (0, 2, "IndexError", "list index out of range")),
    # raised while handling another: the last one is reported
    ("try:\n    1 // 0\nexcept ZeroDivisionError:\n    raise KeyError('k')\n",
     (0, 4, "KeyError", "'k'")),
    ("try:\n    raise TypeError\nfinally:\n    print('f')\n", (0, 2, "TypeError", "")),
    ("raise 3\n", (0, 1, "TypeError", "exceptions must derive from BaseException")),
    ("raise\n", (0, 1, "RuntimeError", "No active exception to reraise")),
    ("assert 1 == 2, [1, 'a']\n", (0, 1, "AssertionError", "[1, 'a']")),
])
def test_uncaught_report(vm, tmp_path, source, report):
    result = run_source(vm, tmp_path, source)
    assert result.returncode == 1
    assert parse_error(result.stderr)[1:] == report


def test_long_message_is_reported_whole(vm, tmp_path):
    # The core sends the exception's argument, not a text cut to a buffer: the host makes it.
    result = run_source(vm, tmp_path, "raise ValueError('x' * 1000)\n")
    assert parse_error(result.stderr)[4] == "x" * 1000


# -- the exception table in the image ----------------------------------------------------------

def table_image():
    # try: x = 1 // 0  except: print("caught")
    return build([
        "try:", ("LOAD_CONST", 1), ("LOAD_CONST", 0), ("BINARY_FLOORDIV",), ("POP_TOP",),
        "end:", ("LOAD_NONE",), ("RETURN_VALUE",),
        "handler:", ("POP_TOP",), ("LOAD_CONST", "caught"), ("CALL_BUILTIN", ("print", 1)),
        ("POP_TOP",), ("LOAD_NONE",), ("RETURN_VALUE",)],
        max_stack=2, handlers=[("try", "end", "handler", 0)])


def entry_offset(data, k=0):
    rec = code_record(data, 0)
    lines_off, n_lines = struct.unpack_from("<IH", data, rec + L.C_LINES_OFF)
    return lines_off + n_lines * L.LINE_ENTRY_BYTES + k * L.HANDLER_ENTRY_BYTES


def test_table_image_runs(any_vm, tmp_path):
    result = any_vm.run(table_image(), tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, "caught\n")


@pytest.mark.parametrize("field, value, reason", [
    (0, 1, "code 0 handler 0: bad entry (1, 8, 10, 0)"),        # start inside an instruction
    (0, 8, "code 0 handler 0: bad entry (8, 8, 10, 0)"),        # empty range
    (1, 5, "code 0 handler 0: bad entry (0, 5, 10, 0)"),        # end inside an instruction
    (1, 200, "code 0 handler 0: bad entry (0, 200, 10, 0)"),    # end past the code
    (2, 12, "code 0 handler 0: bad entry (0, 8, 12, 0)"),       # target inside an instruction
    (2, 4000, "code 0 handler 0: bad entry (0, 8, 4000, 0)"),   # target past the code
    (3, 2, "code 0 handler 0: bad entry (0, 8, 10, 2)"),        # no room for the exception
])
def test_corrupt_entry_is_refused_like_python(any_vm, tmp_path, field, value, reason):
    data = bytearray(table_image().to_bytes())
    struct.pack_into("<H", data, entry_offset(data) + 2 * field, value)
    fix_crc(data)
    assert python_reason(data) == reason
    assert vm_reason(any_vm, data, tmp_path)[0] == reason


def test_overlapping_entries_are_refused(vm, tmp_path):
    image = build([
        "a:", ("LOAD_CONST", 1), "b:", ("POP_TOP",), "c:", ("LOAD_NONE",), ("RETURN_VALUE",),
        "h:", ("POP_TOP",), ("LOAD_NONE",), ("RETURN_VALUE",)],
        handlers=[("a", "c", "h", 0), ("b", "c", "h", 0)])
    # to_bytes refuses it (it validates what it writes)
    with pytest.raises(ValueError, match=r"^code 0 handler 1: bad entry \(3, 4, 6, 0\)$"):
        image.to_bytes()


def test_table_past_the_image_is_refused(vm, tmp_path):
    data = bytearray(table_image().to_bytes())
    struct.pack_into("<H", data, code_record(data, 0) + L.C_N_HANDLERS, 5000)
    fix_crc(data)
    assert python_reason(data) == "line table 0 out of bounds"
    assert vm_reason(vm, data, tmp_path)[0] == "line table 0 out of bounds"


@pytest.mark.parametrize("body, handlers, reason", [
    # the handler would keep a value the protected code does not have
    ([("LOAD_NONE",), ("RETURN_VALUE",), "h:", ("POP_TOP",), ("POP_TOP",), ("LOAD_NONE",),
      ("RETURN_VALUE",)], [(0, 1, "h", 1)],
     "code 0 pc 0: stack depth 0 below handler depth 1"),
    # the handler's code pops more than it has
    ([("LOAD_NONE",), ("RETURN_VALUE",), "h:", ("POP_TOP",), ("POP_TOP",), ("LOAD_NONE",),
      ("RETURN_VALUE",)], [(0, 1, "h", 0)],
     "code 0 pc 3: stack underflow (0 values, POP_TOP needs 1)"),
])
def test_stack_verifier_follows_handlers(any_vm, tmp_path, body, handlers, reason):
    data = build(body, max_stack=4, handlers=handlers).to_bytes()
    assert python_reason(data) is None
    assert vm_reason(any_vm, data, tmp_path)[0] == reason


def test_matching_a_value_that_is_no_exception_is_safe(any_vm, tmp_path):
    # only a hand-made image can do this: no match, and no wild read
    image = build([("LOAD_CONST", 1234567), ("LOAD_EXC_CLASS", "Exception"),
                   ("CHECK_EXC_MATCH",), ("CALL_BUILTIN", ("print", 2)), ("RETURN_VALUE",)])
    result = any_vm.run(image, tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, "1234567 False\n")
