"""Image validation: the VM refuses every malformed image with exit code 2 and the same reason as
microcore.bytecode.container.Image.from_bytes, and never misbehaves (the ASan/UBSan build runs a
differential fuzzer)."""

import random
import struct
import subprocess

import pytest

from fwasm import Function, build, code_offset, code_record, fix_crc, printing
from microcore.bytecode.container import ConstKind, Image, ImageError, Layout as L
from test_fw_functions import fib_image
from test_fw_opcodes import PROGRAMS

C = "LOAD_CONST"


def python_reason(data):
    try:
        Image.from_bytes(bytes(data))
    except ImageError as e:
        return str(e)
    return None


def vm_reason(vm, data, tmp_path):
    result = vm.run(bytes(data), tmp_path=tmp_path)
    if result.returncode != 2:
        return None, result
    prefix = "error: bad image: "
    assert result.stderr.startswith(prefix) and result.stderr.endswith("\n"), result.stderr
    return result.stderr[len(prefix):-1], result


def base_image():
    f = Function("f", [("line", 7), ("LOAD_FAST", 0), (C, 1), ("BINARY_ADD",),
                       ("RETURN_VALUE",)], n_args=1, n_locals=2, max_stack=2)
    return bytearray(build([("line", 1), ("MAKE_FUNCTION", "f"), (C, 41), ("CALL_FUNCTION", 1),
                            ("STORE_GLOBAL", "g"), ("LOAD_GLOBAL", "g"), ("LOAD_BUILTIN", "len"),
                            ("POP_TOP",), ("CALL_BUILTIN", ("print", 1)), ("POP_TOP",),
                            ("LOAD_NONE",), ("RETURN_VALUE",)], f, globals=["g"],
                           max_stack=3).to_bytes())


def put(data, offset, fmt, value, crc=True):
    struct.pack_into(fmt, data, offset, value)
    return fix_crc(data) if crc else data


def get(data, offset, fmt):
    return struct.unpack_from(fmt, data, offset)[0]


def const_record(data, index):
    return get(data, get(data, 0, "<I") and get(data, L.H_CONSTS_OFF, "<I") + 4 * index, "<I")


def find_const(data, value):
    """Offset of the record of string constant `value`."""
    n = get(data, L.H_N_CONSTS, "<H")
    for i in range(n):
        off = const_record(data, i)
        head = get(data, off, "<I")
        if (head & L.CONST_KIND_MASK == ConstKind.STR and
                data[off + 4:off + 4 + (head >> L.CONST_LEN_SHIFT)] == value.encode()):
            return off
    raise KeyError(value)


def main_code(data, pc):
    return code_offset(data, 0) + pc


CASES = {
    "empty": lambda d: bytearray(),
    "short header": lambda d: d[:L.HEADER_BYTES - 1],
    "bad magic": lambda d: put(d, L.H_MAGIC, "<I", 0x12345678),
    "bad version": lambda d: put(d, L.H_VERSION, "<H", 99, crc=False),
    "flags": lambda d: put(d, L.H_FLAGS, "<H", 1, crc=False),
    "truncated file": lambda d: d[:-4],
    "unaligned size": lambda d: put(d, L.H_IMAGE_BYTES, "<I", len(d) - 2, crc=False),
    "size below header": lambda d: put(d, L.H_IMAGE_BYTES, "<I", 8, crc=False),
    "checksum": lambda d: put(d, len(d) - 1, "<B", d[-1] ^ 0x40, crc=False),
    "constant table": lambda d: put(d, L.H_CONSTS_OFF, "<I", len(d)),
    "constant table unaligned": lambda d: put(d, L.H_CONSTS_OFF, "<I",
                                              get(d, L.H_CONSTS_OFF, "<I") + 2),
    "constant table in header": lambda d: put(d, L.H_CONSTS_OFF, "<I", 4),
    "code table": lambda d: put(d, L.H_N_CODE, "<H", 1000),
    "globals table": lambda d: put(d, L.H_GLOBALS_OFF, "<I", 0xFFFFFFF0),
    "entry": lambda d: put(d, L.H_ENTRY, "<H", 2),
    "constant offset": lambda d: put(d, get(d, L.H_CONSTS_OFF, "<I"), "<I", len(d) - 2),
    "constant offset unaligned": lambda d: put(d, get(d, L.H_CONSTS_OFF, "<I"), "<I", 41),
    "constant length": lambda d: put(d, const_record(d, 0), "<I", 3 | 0xFFFFFF << 8),
    "constant kind": lambda d: put(d, const_record(d, 0), "<I", 9 | 4 << 8),
    "int length": lambda d: put(d, find_int(d, 41), "<I", 1 | 8 << 8),
    "string unterminated": lambda d: put(d, find_const(d, "<module>") + 4 + 8, "<B", 0x41),
    "string not utf-8": lambda d: put(d, find_const(d, "<module>") + 4, "<B", 0xFF),
    "string overlong": lambda d: put(d, find_const(d, "<module>") + 4, "<H", 0x80C0),
    "string surrogate": lambda d: put(d, find_const(d, "<module>") + 4, "<I",
                                      0x3EA0ED | get(d, find_const(d, "<module>") + 4, "<I")
                                      & 0xFF000000),
    "global name": lambda d: put(d, get(d, L.H_GLOBALS_OFF, "<I"), "<H", find_int_index(d, 41)),
    "global name missing": lambda d: put(d, get(d, L.H_GLOBALS_OFF, "<I"), "<H", 500),
    "code bounds": lambda d: put(d, code_record(d, 1) + L.C_CODE_LEN, "<I", len(d)),
    "code empty": lambda d: put(d, code_record(d, 1) + L.C_CODE_LEN, "<I", 0),
    "line table bounds": lambda d: put(d, code_record(d, 1) + L.C_N_LINES, "<H", 5000),
    "line table unaligned": lambda d: put(d, code_record(d, 1) + L.C_LINES_OFF, "<I",
                                          get(d, code_record(d, 1) + L.C_LINES_OFF, "<I") + 2),
    "line table order": lambda d: descending_lines(d),
    "local counts": lambda d: put(d, code_record(d, 1) + L.C_N_ARGS, "<H", 3),
    "too many locals": lambda d: put(d, code_record(d, 1) + L.C_N_LOCALS, "<H", 256),
    "unknown opcode": lambda d: put(d, main_code(d, 0), "<B", 0x3F),
    "truncated instruction": lambda d: put(d, code_record(d, 1) + L.C_CODE_LEN, "<I",
                                           get(d, code_record(d, 1) + L.C_CODE_LEN, "<I") - 3),
    "no such local": lambda d: put(d, code_offset(d, 1) + 1, "<B", 2),
    "no such constant": lambda d: put(d, main_code(d, 4), "<H", 200),
    "no such code object": lambda d: put(d, main_code(d, 1), "<H", 2),
    "no such global": lambda d: put(d, main_code(d, 10), "<H", 1),
    "no such builtin": lambda d: put(d, main_code(d, 15), "<B", 99),
    "no such called builtin": lambda d: put(d, main_code(d, 18), "<H", 99 | 1 << 8),
    "builtin argument count": lambda d: put(d, main_code(d, 18), "<H", 3 | 2 << 8),
    "jump into an instruction": lambda d: jump(d, 1),
    "jump past the end": lambda d: jump(d, 100),
    "jump before the start": lambda d: jump(d, -100),
    "falls off the end": lambda d: put(d, main_code(d, 22), "<B", 0x00),
    "code name": lambda d: put(d, code_record(d, 1) + L.C_NAME, "<H", find_int_index(d, 41)),
    "code file": lambda d: put(d, code_record(d, 0) + L.C_FILE, "<H", 999),
}


def find_int_index(data, value):
    for i in range(get(data, L.H_N_CONSTS, "<H")):
        off = const_record(data, i)
        if get(data, off, "<I") == (1 | 4 << 8) and get(data, off + 4, "<i") == value:
            return i
    raise KeyError(value)


def find_int(data, value):
    return const_record(data, find_int_index(data, value))


def descending_lines(data):
    f = Function("f", [("line", 5), ("LOAD_NONE",), ("line", 4), ("RETURN_VALUE",)])
    image = build(printing((C, 1)), f).to_bytes()
    d = bytearray(image)
    lines = get(d, code_record(d, 1) + L.C_LINES_OFF, "<I")
    put(d, lines + 4, "<H", 0)   # second entry's pc: 1 -> 0
    return d


def jump(data, offset):
    """Replace the main code's first instruction (MAKE_FUNCTION, 3 bytes) by JUMP offset."""
    struct.pack_into("<Bh", data, main_code(data, 0), 0xC0, offset)
    return fix_crc(data)


def test_base_image_runs(vm, tmp_path):
    result = vm.run(bytes(base_image()), tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, "42\n")


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_like_python(any_vm, tmp_path, case):
    data = CASES[case](base_image())
    want = python_reason(data)
    assert want is not None, f"{case}: Python accepts the image"
    got, result = vm_reason(any_vm, data, tmp_path)
    assert got == want, (case, result)


def verifier_image(body, max_stack=4, n_locals=0):
    return bytearray(build(body, max_stack=max_stack, n_locals=n_locals).to_bytes())


@pytest.mark.parametrize("body, max_stack, reason", [
    ([("POP_TOP",), ("LOAD_NONE",), ("RETURN_VALUE",)], 4,
     "code 0 pc 0: stack underflow (0 values, POP_TOP needs 1)"),
    ([("RETURN_VALUE",)], 4, "code 0 pc 0: stack underflow (0 values, RETURN_VALUE needs 1)"),
    ([(C, 1), (C, 2), (C, 3), ("BUILD_TUPLE", 3), ("RETURN_VALUE",)], 2,
     "code 0 pc 6: stack depth 3 exceeds max_stack 2"),
    ([(C, 1), ("BUILD_LIST", 2), ("RETURN_VALUE",)], 4,
     "code 0 pc 3: stack underflow (1 values, BUILD_LIST needs 2)"),
    ([(C, 1), ("POP_JUMP_IF_FALSE", "x"), (C, 2), "x:", ("LOAD_NONE",), ("RETURN_VALUE",)], 4,
     "code 0 pc 9: stack depth 1 differs from 0 on another path"),
    ([(C, 0), ("JUMP_IF_FALSE_OR_POP", "x"), ("LOAD_NONE",), ("LOAD_NONE",), "x:",
      ("RETURN_VALUE",)], 4, "code 0 pc 8: stack depth 2 differs from 1 on another path"),
    ([("LOAD_NONE",), ("RETURN_VALUE",)], 0xFFFF, "code 0: max_stack 65535 is too large"),
])
def test_stack_verifier(any_vm, tmp_path, body, max_stack, reason):
    data = verifier_image(body, max_stack)
    assert python_reason(data) is None
    assert vm_reason(any_vm, data, tmp_path)[0] == reason


def test_verifier_accepts_unreachable_code(vm, tmp_path):
    # Code after an unconditional jump is never run, whatever it would do to the stack.
    data = verifier_image([(C, 5), ("JUMP", "end"), ("POP_TOP",), ("POP_TOP",), "end:",
                           ("CALL_BUILTIN", ("print", 1)), ("RETURN_VALUE",)], max_stack=1)
    assert vm.run(bytes(data), tmp_path=tmp_path).stdout == "5\n"


def test_loops_reach_a_fixed_point(vm, tmp_path):
    # A backward jump to code first reached only through the jump.
    data = verifier_image([("JUMP", "b"), "a:", (C, 2), ("CALL_BUILTIN", ("print", 1)),
                           ("RETURN_VALUE",), "b:", (C, 1), ("CALL_BUILTIN", ("print", 1)),
                           ("POP_TOP",), ("JUMP", "a")], max_stack=1)
    assert vm.run(bytes(data), tmp_path=tmp_path).stdout == "1\n2\n"


def test_image_larger_than_memory(vm, tmp_path):
    result = vm.run(bytes(base_image()), "--mem-bytes", 64, tmp_path=tmp_path)
    assert result.returncode == 2


def test_code_too_large_to_verify(vm, tmp_path):
    body = [("NOP",)] * 3000 + [("LOAD_NONE",), ("RETURN_VALUE",)]
    data = verifier_image(body)
    result = vm.run(bytes(data), "--mem-bytes", len(data) + 2048, tmp_path=tmp_path)
    assert result.returncode == 2
    assert "too large to verify" in result.stderr


# -- Differential fuzzing --------------------------------------------------------------------------

VERIFIER_ONLY = ("stack underflow", "exceeds max_stack", "on another path", "is too large",
                 "too large to verify")


def seeds():
    images = [bytes(base_image()), fib_image().to_bytes()]
    images += [PROGRAMS[name][0].to_bytes() for name in ("STORE_SUBSCR", "LOAD_FAST",
                                                         "JUMP_IF_TRUE_OR_POP", "CALL_FUNCTION")]
    return images


def mutate(rng, data):
    d = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        if kind < 0.6:
            i = rng.randrange(L.CRC_START, len(d))
            d[i] = rng.randrange(256)
        elif kind < 0.8:
            i = rng.randrange(L.CRC_START, len(d) - 1) & ~1
            struct.pack_into("<H", d, i, rng.choice([0, 1, 2, 0xFF, 0xFFFF, 0x8000, 0x7FFF,
                                                      get(d, i, "<H") + 1, get(d, i, "<H") - 1])
                             & 0xFFFF)
        else:
            i = rng.randrange(len(d))
            d[i] ^= 1 << rng.randrange(8)
    if rng.random() < 0.9:
        fix_crc(d)
    return d


@pytest.mark.parametrize("seed", range(8))
def test_fuzz_validator(asan_vm, tmp_path, seed):
    rng = random.Random(seed)
    for data in seeds():
        for _ in range(40):
            d = mutate(rng, data)
            want = python_reason(d)
            try:
                result = asan_vm.run(bytes(d), tmp_path=tmp_path, timeout=5)
            except subprocess.TimeoutExpired:
                assert want is None, want     # an accepted image may loop forever
                continue
            assert result.returncode in (0, 1, 2), (result, d.hex())
            if want is not None:
                assert result.returncode == 2, (want, result, d.hex())
                assert result.stderr == f"error: bad image: {want}\n"
            elif result.returncode == 2:
                assert any(s in result.stderr for s in VERIFIER_ONLY), (result, d.hex())
