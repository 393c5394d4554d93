"""Cycles per bytecode on the simulated fabric (or a board): how long one instruction takes.

Every row of :data:`ROWS` names one instruction (with the types it works on) and a short
*unit* of instructions that contains it, e.g. ``LOAD_FAST 0; LOAD_FAST 1; BINARY_ADD`` for an
int add. Two functions are assembled by hand into a compiled driver program:

* ``probe``: a common setup (locals 0..3 hold ``3``, ``4``, the list ``[10, 20, 30]`` and an
  empty function), then the unit ``K`` times, then ``return None``;
* ``base``: the same, with the measured instruction left out of every copy of the unit.

The driver calls ``base()`` ``N`` times on core 0 and ``probe()`` ``N`` times on core 1, in the
same loop; each core's cycle counter (``CYCLE_LO``/``CYCLE_HI`` of its control registers, read
by the host when it halts, as :class:`~microcore.monitor.CoreResult` ``cycles``) covers its
whole run. The difference of the two counts is then ``N * K`` times the instruction: the boot,
the loading, the loop, the call and the setup cancel out. What is left over is the branch that
sends core 1 to the other loop (a few instructions, once per run: under 0.05 cycles per
instruction with the default ``N * K = 1024``). Rows whose unit cannot leave out one
instruction alone subtract other rows' results (``minus``): ``CALL_FUNCTION + RETURN_VALUE``
subtracts the callee's ``LOAD_NONE``; ``FOR_ITER`` subtracts the ``POP_TOP`` and ``JUMP`` of its
loop. The frame may end with values left on its operand stack; ``RETURN_VALUE`` drops them.

Adding a row is one line; a float add, say::

    Row("BINARY_ADD (float)", [("LOAD_CONST", 1.5), ("LOAD_CONST", 2.25), ("BINARY_ADD",)]),

``python -m microcore.bench.opcycles`` builds the simulated fabric (cached) and prints the table
that ``docs/language.md`` records. The counts are deterministic: the same firmware and RTL give
the same numbers on every run.
"""

from dataclasses import dataclass, field
import argparse
import sys

from ..bytecode import builtins as _builtins
from ..bytecode import opcodes as _ops
from ..bytecode.container import CodeObject
from ..compiler import compile_source

__all__ = ["Row", "Loop", "ROWS", "Result", "DRIVER", "build_image", "measure", "format_table",
           "main"]

#: Copies of the unit in ``probe``, and calls of ``probe`` per run.
DEFAULT_COPIES = 16
DEFAULT_CALLS = 64

#: The driver program. ``probe`` and ``base`` are replaced by hand-assembled code.
DRIVER = """\
from parallel import coreid
data = [10, 20, 30]
def empty():
    return None
def probe():
    return None
def base():
    return None
def bench(n):
    if coreid() == 0:
        for k in range(n):
            base()
    else:
        for k in range(n):
            probe()
bench({calls})
"""

#: Local slots of ``probe`` and ``base``, set before the measured units run.
SETUP = [("LOAD_CONST", 3), ("STORE_FAST", 0), ("LOAD_CONST", 4), ("STORE_FAST", 1),
         ("LOAD_GLOBAL", "data"), ("STORE_FAST", 2), ("LOAD_GLOBAL", "empty"),
         ("STORE_FAST", 3)]
N_LOCALS = 4


@dataclass(frozen=True)
class Row:
    """One instruction, timed in ``unit`` (the instruction at index ``op`` of it).

    ``unit`` is a list of ``(OPNAME, operand)`` items: LOAD_CONST takes the constant's value,
    LOAD_GLOBAL a global's name of :data:`DRIVER`, CALL_BUILTIN ``(builtin name, nargs)``,
    others the raw operand. ``minus`` names rows whose cycles are subtracted from this one's.
    """
    label: str
    unit: list
    op: int = -1
    minus: tuple = ()

    def code(self, copies, probe):
        """Instructions of ``probe`` (or of ``base`` when ``probe`` is false)."""
        unit = list(self.unit)
        if not probe:
            del unit[self.op]
        return unit * copies

    @property
    def opname(self):
        return self.unit[self.op][0]


@dataclass(frozen=True)
class Loop(Row):
    """``FOR_ITER`` over ``range(copies)`` in ``probe``, over ``range(0)`` in ``base``."""
    unit: list = field(default_factory=list)

    def code(self, copies, probe):
        return [("LOAD_CONST", copies if probe else 0), ("CALL_BUILTIN", ("range", 1)),
                ("GET_ITER",), "top:", ("FOR_ITER", "end"), ("POP_TOP",), ("JUMP", "top"),
                "end:"]

    @property
    def opname(self):
        return "FOR_ITER"


ROWS = [
    Row("LOAD_FAST", [("LOAD_FAST", 0)]),
    Row("LOAD_CONST", [("LOAD_CONST", 7)]),
    Row("LOAD_GLOBAL", [("LOAD_GLOBAL", "data")]),
    Row("LOAD_NONE", [("LOAD_NONE",)]),
    Row("STORE_FAST", [("LOAD_FAST", 0), ("STORE_FAST", 1)]),
    Row("POP_TOP", [("LOAD_FAST", 0), ("POP_TOP",)]),
    Row("BINARY_ADD (int)", [("LOAD_FAST", 0), ("LOAD_FAST", 1), ("BINARY_ADD",)]),
    Row("BINARY_MUL (int)", [("LOAD_FAST", 0), ("LOAD_FAST", 1), ("BINARY_MUL",)]),
    Row("BINARY_FLOORDIV (int)", [("LOAD_FAST", 1), ("LOAD_FAST", 0), ("BINARY_FLOORDIV",)]),
    Row("INPLACE_ADD (int)", [("LOAD_FAST", 0), ("LOAD_FAST", 1), ("INPLACE_ADD",)]),
    Row("BINARY_ADD (str)", [("LOAD_CONST", "ab"), ("LOAD_CONST", "cd"), ("BINARY_ADD",)]),
    Row("BINARY_SUBSCR (list)", [("LOAD_FAST", 2), ("LOAD_CONST", 1), ("BINARY_SUBSCR",)]),
    Row("STORE_SUBSCR (list)", [("LOAD_FAST", 0), ("LOAD_FAST", 2), ("LOAD_CONST", 1),
                                ("STORE_SUBSCR",)]),
    Row("COMPARE_LT (int)", [("LOAD_FAST", 0), ("LOAD_FAST", 1), ("COMPARE_LT",)]),
    Row("COMPARE_EQ (int)", [("LOAD_FAST", 0), ("LOAD_FAST", 1), ("COMPARE_EQ",)]),
    Row("POP_JUMP_IF_FALSE (falls through)", [("LOAD_TRUE",), ("POP_JUMP_IF_FALSE", 0)]),
    Row("POP_JUMP_IF_FALSE (jumps)", [("LOAD_FALSE",), ("POP_JUMP_IF_FALSE", 0)]),
    Row("JUMP", [("JUMP", 0)]),
    Row("CALL_FUNCTION + RETURN_VALUE", [("LOAD_FAST", 3), ("CALL_FUNCTION", 0)],
        minus=("LOAD_NONE",)),
    Row("CALL_BUILTIN (len of a list)", [("LOAD_FAST", 2), ("CALL_BUILTIN", ("len", 1))]),
    Loop("FOR_ITER (range)", minus=("POP_TOP", "JUMP")),
]


def _builtin_id(name):
    for b in _builtins.BUILTINS:
        if b.name == name:
            return b.id
    raise KeyError(f"no builtin {name!r}")


def _assemble(items, image):
    """Bytes of ``items`` (instructions and ``"label:"`` strings) for ``image``, and the deepest
    operand stack a straight run through them reaches."""
    labels, places, fixups = {}, [], []
    code = bytearray()
    depth = deepest = 0
    for item in items:
        if isinstance(item, str):
            labels[item.rstrip(":")] = len(code)
            continue
        name, *rest = item
        op = _ops.BY_NAME[name]
        arg = rest[0] if rest else 0
        if name == "LOAD_CONST":
            arg = image.const(arg)
        elif name == "LOAD_GLOBAL":
            arg = image.globals.index(arg)
        elif name == "CALL_BUILTIN":
            arg = _ops.call_builtin_operand(_builtin_id(arg[0]), arg[1])
        start = len(code)
        code.append(op.number)
        length = _ops.instruction_length(op.number)
        if op.format == _ops.Format.JUMP and isinstance(arg, str):
            fixups.append((start, arg))
            arg = 0
        if length == 2:
            code.append(arg)
        elif length == 3:
            code += (arg & 0xFFFF).to_bytes(2, "little")
        places.append(start)
        pops, pushes = _ops.stack_effect(op, arg)
        depth += pushes - pops
        deepest = max(deepest, depth)
    for start, label in fixups:
        offset = labels[label] - (start + 3)
        code[start + 1:start + 3] = (offset & 0xFFFF).to_bytes(2, "little")
    return bytes(code), deepest


def build_image(row, copies=DEFAULT_COPIES, calls=DEFAULT_CALLS):
    """The driver image with ``probe`` and ``base`` assembled for ``row``."""
    image = compile_source(DRIVER.format(calls=calls), "opcycles.py")
    for index, obj in enumerate(image.code):
        if obj.name in ("probe", "base"):
            body = SETUP + row.code(copies, obj.name == "probe") + [("LOAD_NONE",),
                                                                    ("RETURN_VALUE",)]
            code, deepest = _assemble(body, image)
            image.code[index] = CodeObject(obj.name, obj.file, code, [(0, obj.lines[0][1])],
                                           n_args=0, n_locals=N_LOCALS, max_stack=deepest)
    return image


@dataclass
class Result:
    label: str
    opname: str
    cycles: float           # cycles per instruction
    raw: float              # before subtracting ``minus`` rows
    minus: tuple


def _run(image, bus):
    """Cycles of cores 0 and 1 running ``image`` on ``bus``."""
    from ..device import Device
    from ..firmware import load_firmware
    from ..monitor import LineSink, Monitor

    firmware = load_firmware()
    device = Device(bus)
    ids = [0, 1]
    device.load(ids, firmware, image.to_bytes(), world_size=2)
    monitor = Monitor(device, ids, image, LineSink())
    device.release(ids)
    results = monitor.run(timeout=600)
    for k in ids:
        if not results[k].ok:
            raise RuntimeError(f"core {k} did not finish the benchmark: {results[k]}")
    return results[0].cycles, results[1].cycles


def measure(rows=None, copies=DEFAULT_COPIES, calls=DEFAULT_CALLS, bus=None, progress=None):
    """Measure ``rows`` (default :data:`ROWS`) and return ``[Result]`` in the same order.

    Runs on ``bus`` (an open transport with at least 2 cores), or on a simulated fabric opened
    for the purpose. ``progress`` is called with each :class:`Result` as it comes.
    """
    rows = ROWS if rows is None else rows
    own_bus = bus is None
    if own_bus:
        from ..backends import open_bus
        bus = open_bus("sim", 2)
    raw = {}
    try:
        needed = {label for row in rows for label in row.minus}
        extra = [r for r in ROWS if r.label in needed and r not in rows]
        for row in list(rows) + extra:
            base, probe = _run(build_image(row, copies, calls), bus)
            raw[row.label] = (probe - base) / (copies * calls)
    finally:
        if own_bus:
            bus.close()
    results = []
    for row in rows:
        value = raw[row.label] - sum(raw[m] for m in row.minus)
        result = Result(row.label, row.opname, value, raw[row.label], row.minus)
        results.append(result)
        if progress:
            progress(result)
    return results


def format_table(results):
    """A Markdown table of ``results``."""
    lines = ["| instruction | cycles | measured as |", "|---|---:|---|"]
    for r in results:
        how = "alone" if not r.minus else \
            f"{r.raw:.1f} minus {' and '.join(r.minus)}"
        lines.append(f"| `{r.label}` | {r.cycles:.1f} | {how} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m microcore.bench.opcycles",
                                     description="Cycles per bytecode on the simulated fabric.")
    parser.add_argument("--copies", type=int, default=DEFAULT_COPIES,
                        help="copies of each unit per call (default %(default)s)")
    parser.add_argument("--calls", type=int, default=DEFAULT_CALLS,
                        help="calls of the probe per run (default %(default)s)")
    parser.add_argument("--only", action="append", default=[],
                        help="measure only rows whose label starts with this (repeatable)")
    args = parser.parse_args(argv)
    rows = [r for r in ROWS if not args.only or any(r.label.startswith(p) for p in args.only)]
    results = measure(rows, args.copies, args.calls,
                      progress=lambda r: print(f"{r.label}: {r.cycles:.1f}", file=sys.stderr))
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
