"""Keep the numbers in ``docs/*.md`` generated from the single source of truth.

A document marks each generated table with a pair of HTML comments::

    <!-- generated: host-map -->
    ...replaced...
    <!-- end generated -->

``python -m microcore.docgen docs/architecture.md`` rewrites every marked block;
``--check`` exits 1 if any block is stale (the test suite runs this).
"""

import argparse
import re
import sys
from pathlib import Path

from . import abi
from .bytecode import opcodes, builtins, exceptions, container, marshal, messages

__all__ = ["TABLES", "render", "update"]


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _hex(value, width=8):
    return f"`0x{value:0{width}x}`"


def _regions(regions):
    rows = []
    for r in regions.values():
        repeat = f"{r.count} × every {_hex(r.stride, 0)}" if r.count > 1 else ""
        rows.append((f"`{r.name}`", _hex(r.base), _hex(r.size, 0), repeat, r.doc))
    return _table(("region", "base", "size", "repeats", "contents"), rows)


def _registers(block):
    return _table(("offset", "register", "access", "meaning"),
                  [(_hex(r.offset, 2), f"`{r.name}`", r.access, r.doc) for r in block.registers])


def _enum(enum, fmt=hex):
    return _table(("name", "value"), [(f"`{k}`", f"`{fmt(v)}`") for k, v in abi.members(enum)])


def _opcodes():
    rows = []
    for op in opcodes.OPCODES:
        pops, pushes = op.pops, op.pushes
        rows.append((f"`{op.number:#04x}`", f"`{op.name}`", opcodes.Format.NAMES[op.format],
                     f"{pops} → {pushes}", op.doc))
    return _table(("number", "name", "operand", "stack", "effect"), rows)


TABLES = {
    "constants": lambda: _table(("constant", "value"), [
        ("ABI version", ".".join(map(str, abi.ABI_VERSION))),
        ("ABI hash (this contract)", _hex(abi.ABI_HASH)),
        ("fabric ID (`FABRIC_MAGIC`)", _hex(abi.FABRIC_MAGIC)),
        ("firmware magic", _hex(abi.FIRMWARE_MAGIC)),
        ("cores", f"1 – {abi.MAX_CORES}"),
        ("RAM per core", f"{abi.MIN_MEM_BYTES // 1024} – {abi.MAX_MEM_BYTES // 1024} KiB"),
        ("host window", f"2^{abi.HOST_WINDOW_BITS} bytes"),
        ("reset vector / IRQ vector", f"{_hex(abi.RESET_VECTOR)} / {_hex(abi.IRQ_VECTOR)}"),
        ("bytecode version", opcodes.BC_VERSION)]),
    "host-map": lambda: _regions(abi.HOST_MAP),
    "core-map": lambda: _regions(abi.CORE_MAP),
    "global-regs": lambda: _registers(abi.GLOBAL_REGS),
    "core-regs": lambda: _registers(abi.CORE_CTRL_REGS),
    "tile-csrs": lambda: _registers(abi.TILE_CSRS),
    "ctrl": lambda: _enum(abi.Ctrl),
    "mbox-host": lambda: _enum(abi.MboxHost),
    "status": lambda: _enum(abi.Status),
    "fault-cause": lambda: _enum(abi.FaultCause, str),
    "features": lambda: _enum(abi.Feature),
    "irq": lambda: _enum(abi.Irq),
    "dma-regs": lambda: _registers(abi.DMA_REGS),
    "dma-start": lambda: _enum(abi.DmaStart),
    "dma-status": lambda: _enum(abi.DmaStatus),
    "slot": lambda: _enum(abi.Slot),
    "services": lambda: _table(("direction", "tag", "name"), [
        *(("core → host", v, f"`{k}`") for k, v in abi.Service.items()),
        *(("host → core", v, f"`{k}`") for k, v in abi.HostTag.items()),
        *(("core → core", v, f"`{k}`") for k, v in abi.CoreTag.items())]),
    "error-record": lambda: _enum(abi.ErrorRecord, str),
    "boot-block": lambda: _enum(abi.BootBlock),
    "exit-codes": lambda: _enum(abi.ExitCode, str),
    "container": lambda: _enum(container.Layout),
    "opcodes": _opcodes,
    "builtins": lambda: _table(("id", "module", "name", "arguments"), [
        (b.id, b.module, f"`{b.name}`",
         f"{b.min_args}+" if b.max_args < 0 else
         (str(b.min_args) if b.min_args == b.max_args else f"{b.min_args}–{b.max_args}"))
        for b in builtins.BUILTINS]),
    "exceptions": lambda: _table(("id", "exception", "base"), [
        (e.id, f"`{e.name}`", exceptions.BY_ID[e.base].name if e.base else "—")
        for e in exceptions.EXCEPTIONS]),
    "marshal-codes": lambda: _enum(marshal.Code),
    "messages": lambda: _table(("index", "packed id", "name", "exception", "text"), [
        (m.index, _hex(m.id, 4), f"`{m.name}`", m.exc,
         "the arguments are the exception's" if m.text is None
         else "`" + m.text.replace("|", "\\|") + "`")
        for m in messages.MESSAGES]),
}

_BLOCK = re.compile(r"(<!-- generated: ([\w-]+) -->\n)(.*?)(<!-- end generated -->)", re.S)


def render(text):
    """Return ``text`` with every generated block refreshed."""
    def fill(match):
        name = match.group(2)
        if name not in TABLES:
            raise KeyError(f"unknown generated block {name!r}")
        return f"{match.group(1)}{TABLES[name]()}\n{match.group(4)}"
    return _BLOCK.sub(fill, text)


def update(path, check=False):
    """Refresh ``path``; with ``check``, only report whether it is stale. Returns True if stale."""
    path = Path(path)
    text = path.read_text()
    new = render(text)
    if new != text and not check:
        path.write_text(new)
    return new != text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = [f for f in args.files if update(f, args.check)]
    for f in stale:
        print(f"{f}: generated tables {'are stale' if args.check else 'updated'}",
              file=sys.stderr)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
