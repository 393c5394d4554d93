"""Helpers shared by the compiler tests: an independent stack checker, and running programs."""

import os
import re
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

from microcore.bytecode import exceptions, opcodes
from microcore.bytecode.container import Image
from microcore.bytecode.disasm import instructions
from microcore.compiler import compile_source

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
MCVM = ROOT / "firmware" / "build" / "native" / "mcvm"

# How each jump changes the depth, as (falls through, taken); written out here rather than taken
# from the compiler so that the check is independent of it.
_JUMPS = {"JUMP": (None, 0), "POP_JUMP_IF_FALSE": (-1, -1), "POP_JUMP_IF_TRUE": (-1, -1),
          "JUMP_IF_FALSE_OR_POP": (-1, 0), "JUMP_IF_TRUE_OR_POP": (-1, 0)}


def compile_checked(source, filename="prog.py"):
    """Compile ``source`` (dedented), round-trip it through bytes and check every code object."""
    image = compile_source(textwrap.dedent(source), filename)
    check_image(image)
    return image


def check_image(image):
    """Assert that ``image`` survives to_bytes/from_bytes and that its stack depths are right."""
    loaded = Image.from_bytes(image.to_bytes())
    assert loaded == image
    for index, code in enumerate(image.code):
        deepest, reached_all = stack_depth(code.code, report_reach=True,
                                           handlers=code.handlers)
        # Unreachable code (after a return, say) counts towards max_stack too: never too small.
        if reached_all:
            assert deepest == code.max_stack, f"code {index} ({code.name})"
        else:
            assert deepest <= code.max_stack, f"code {index} ({code.name})"
    return loaded


def stack_depth(code, report_reach=False, handlers=()):
    """Follow every path through ``code`` and return the maximum operand stack depth.

    Asserts that each instruction is reached with one depth on every path, that nothing pops an
    empty stack, and that every return has a value to return. An
    instruction covered by an exception table entry of ``handlers`` also leads to its handler,
    with the depth cut to the entry's (never below it) plus the exception. With
    ``report_reach``, return ``(depth, whether every instruction is reachable)``.
    """
    decoded = {pc: (op, arg) for pc, op, arg in instructions(code)}
    depth_at = {0: 0}
    work = [0]
    deepest = 0
    while work:
        pc = work.pop()
        op, arg = decoded[pc]
        depth = depth_at[pc]
        successors = []
        nxt = pc + op.length
        for start, end, target, h_depth in handlers:
            if start <= pc < end:
                assert depth >= h_depth, f"pc {pc}: depth {depth} below its handler's {h_depth}"
                successors.append((target, h_depth + 1))
        if op.name == "RETURN_VALUE":
            # (a return inside a for loop leaves the iteration below the value: the frame goes)
            assert depth >= 1, f"pc {pc}: return with an empty stack"
        elif op.name in ("RAISE", "RERAISE"):
            pops = 1 if op.name == "RAISE" else 0
            assert depth >= pops, f"pc {pc}: {op.name} pops {pops} of {depth}"
        elif op.name in _JUMPS:
            fall, taken = _JUMPS[op.name]
            assert depth + min(fall or 0, taken) >= 0, f"pc {pc}: stack underflow"
            successors.append((nxt + arg, depth + taken))
            if fall is not None:
                successors.append((nxt, depth + fall))
        else:
            pops, pushes = opcodes.stack_effect(op, arg or 0)
            assert depth >= pops, f"pc {pc}: {op.name} pops {pops} of {depth}"
            successors.append((nxt, depth - pops + pushes))
        for target, new in successors:
            deepest = max(deepest, new)
            if target in depth_at:
                assert depth_at[target] == new, \
                    f"pc {target} reached with depths {depth_at[target]} and {new}"
            else:
                assert target in decoded, f"pc {pc}: control reaches {target}, not an instruction"
                depth_at[target] = new
                work.append(target)
    if report_reach:
        return deepest, len(depth_at) == len(decoded)
    return deepest


# -- running programs -----------------------------------------------------------------------------

_PARALLEL_STUB = '''\
"""CPython stand-in for microcore's parallel module (core and world from the environment)."""
import os


def coreid():
    return int(os.environ.get("MC_STUB_COREID", "0"))


def numcores():
    return int(os.environ.get("MC_STUB_NUMCORES", "1"))


def ishost():
    return False


def isdevice():
    return True
'''


def write_parallel_stub(directory):
    """Write ``parallel.py`` for CPython into ``directory``; return the directory."""
    directory = Path(directory)
    (directory / "parallel.py").write_text(_PARALLEL_STUB)
    return directory


def run_cpython(path, stub_dir, core_id=0, num_cores=1):
    """Run ``path`` under this Python with the stub; return the CompletedProcess."""
    env = dict(os.environ, PYTHONPATH=str(stub_dir), MC_STUB_COREID=str(core_id),
               MC_STUB_NUMCORES=str(num_cores), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True, env=env,
                          timeout=120)


def run_mcvm(image_path, core_id=0, num_cores=1):
    """Run an image file under the native VM; return the CompletedProcess."""
    return subprocess.run([str(MCVM), str(image_path), "--core-id", str(core_id),
                           "--num-cores", str(num_cores)], capture_output=True, text=True,
                          timeout=120)


def cpython_exception(stderr):
    """``(exception name, line)`` of the uncaught exception in a CPython traceback, or None."""
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    if not lines or "Traceback" not in stderr:
        return None
    name = lines[-1].split(":")[0].strip()
    # The program's innermost frame: frames in the standard library (random.choice raising for
    # the program) are skipped.
    stdlib = sysconfig.get_paths()["stdlib"]
    frames = [int(line) for file, line in re.findall(r'File "(.*)", line (\d+)', stderr)
              if not file.startswith(stdlib)]
    return name, frames[-1] if frames else None


def exception_id(name):
    """The VM's id for exception class ``name``."""
    return exceptions.BY_NAME[name].id


def marked_exception(path):
    """``(name, line)`` from the ``# raises NAME`` marker of the program at ``path``, or None."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        match = re.search(r"#\s*raises\s+(\w+)", line)
        if match:
            return match.group(1), number
    return None


# -- comparing output with floats (docs/language.md, "Comparing floats with CPython") -------------

#: A float as Python prints it: digits with a point or an exponent, inf, nan (with a sign).
FLOAT_TOKEN = re.compile(r"(?<![\w.])-?(?:\d+\.\d*(?:e[-+]\d+)?|\d+e[-+]\d+|inf|nan)(?![\w.])")
#: Largest distance, in binary32 units in the last place, between a float microcore prints and
#: the binary32 nearest to the one CPython prints.
FLOAT_ULPS = 4


def _f32_order(x):
    """``x`` rounded to binary32, as an integer that counts ulps (monotonic in x)."""
    import math
    import struct
    try:
        bits = struct.unpack("<i", struct.pack("<f", x))[0]
    except OverflowError:
        bits = struct.unpack("<i", struct.pack("<f", math.copysign(math.inf, x)))[0]
    return bits if bits >= 0 else -(bits & 0x7FFFFFFF)


def float_tokens_match(cpython, microcore):
    """Whether two float tokens agree under the float32 rule."""
    import math
    a, b = float(cpython), float(microcore)
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or math.isinf(b):
        return cpython == microcore
    if a == 0 or b == 0:
        return cpython.startswith("-") == microcore.startswith("-") and \
            abs(_f32_order(a) - _f32_order(b)) <= FLOAT_ULPS
    return abs(_f32_order(a) - _f32_order(b)) <= FLOAT_ULPS


def same_output(cpython, microcore):
    """Whether microcore's output matches CPython's: the same text around the floats, and each
    float within :data:`FLOAT_ULPS` binary32 ulps of the binary32 nearest to CPython's."""
    if cpython == microcore:
        return True
    split_a, split_b = FLOAT_TOKEN.split(cpython), FLOAT_TOKEN.split(microcore)
    floats_a, floats_b = FLOAT_TOKEN.findall(cpython), FLOAT_TOKEN.findall(microcore)
    return (split_a == split_b and len(floats_a) == len(floats_b) and
            all(float_tokens_match(a, b) for a, b in zip(floats_a, floats_b)))
