"""A stable, human-readable listing of a bytecode image.

The listing starts with a summary of the image, its constant pool and its global slots, then
lists each code object: a header with its name, file, argument and local counts and maximum stack
depth, then one instruction per row::

    code 1 fib (fib.py) args=1 locals=1 max_stack=4 bytes=36
     line      pc  instruction
        3       0  LOAD_FAST                 0
                2  LOAD_CONST                0 (2)
                5  COMPARE_LT
                6  POP_JUMP_IF_FALSE        +3 (to 12)
        4       9  LOAD_FAST                 0
               11  RETURN_VALUE
        5 >>   12  LOAD_GLOBAL               0 (fib)

The line number appears where it changes; ``>>`` marks jump targets and exception handlers; the
parenthesised comment resolves the operand (constant, global, builtin, exception class, code
object, jump target). A code object with an exception table ends with it, one row per entry::

    exception table:
        4 to 18 -> 21 [0]

(instructions from pc 4 up to 18 are handled at pc 21, with the operand stack cut to 0 values).
The format is what the compiler's golden tests compare, so keep it stable.

Run ``python -m microcore.bytecode.disasm FILE`` to compile a Python file (or read an ``MCBC``
image file) and print its listing.
"""

import struct
import sys

from . import builtins as _builtins
from . import exceptions as _exceptions
from . import opcodes as _ops
from .container import Image, ImageError, Layout

__all__ = ["disassemble", "disassemble_code", "instructions", "main"]


def instructions(code):
    """Decode ``code`` (bytes) into ``(pc, opcode, operand)`` triples.

    ``opcode`` is the :class:`~microcore.bytecode.opcodes.Opcode`, or None for an unknown byte;
    ``operand`` is None for instructions without one, and signed for jumps.
    """
    pc = 0
    while pc < len(code):
        op = _ops.BY_NUMBER.get(code[pc])
        if op is None or pc + op.length > len(code):
            yield pc, None, code[pc]
            pc += 1
            continue
        operand = None
        if op.format == _ops.Format.U8:
            operand = code[pc + 1]
        elif op.format == _ops.Format.U16:
            operand = code[pc + 1] | code[pc + 2] << 8
        elif op.format == _ops.Format.JUMP:
            operand = int.from_bytes(code[pc + 1:pc + 3], "little", signed=True)
        yield pc, op, operand
        pc += op.length


def _builtin_name(builtin_id):
    b = _builtins.BY_ID.get(builtin_id)
    if b is None:
        return f"<builtin {builtin_id}>"
    return b.name if b.module == "builtins" else f"{b.module}.{b.name}"


def _comment(image, op, operand, pc):
    name = op.name
    if name == "LOAD_CONST":
        return repr(image.consts[operand]) if operand < len(image.consts) else "?"
    if name == "LOAD_EXC_CLASS":
        exc = _exceptions.BY_ID.get(operand)
        return exc.name if exc else "?"
    if name in ("LOAD_GLOBAL", "STORE_GLOBAL", "DELETE_GLOBAL"):
        return image.globals[operand] if operand < len(image.globals) else "?"
    if name == "LOAD_BUILTIN":
        return _builtin_name(operand)
    if name in ("CALL_BUILTIN", "CALL_BUILTIN_KW"):
        builtin_id, n = _ops.split_call_builtin(operand)
        return f"{_builtin_name(builtin_id)}, {n} arg{'s' * (n != 1)}"
    if name == "CALL_FUNCTION_KW":
        return f"{operand & 0xFF} positional, {operand >> 8} keyword"
    if name in ("MAKE_FUNCTION", "MAKE_FUNCTION_EX"):
        return image.code[operand].name if operand < len(image.code) else "?"
    if op.format == _ops.Format.JUMP:
        return f"to {pc + op.length + operand}"
    return None


def disassemble_code(image, index):
    """Return the listing of code object ``index`` of ``image`` as a list of lines."""
    c = image.code[index]
    out = [f"code {index} {c.name} ({c.file}) args={c.n_args} locals={c.n_locals} "
           f"max_stack={c.max_stack} bytes={len(c.code)}",
           " line      pc  instruction"]
    decoded = list(instructions(c.code))
    targets = {pc + op.length + arg for pc, op, arg in decoded
               if op is not None and op.format == _ops.Format.JUMP}
    targets.update(target for _, _, target, _ in c.handlers)
    line = None
    for pc, op, operand in decoded:
        new_line = image.line_of(index, pc)
        shown = f"{new_line:5d}" if new_line != line else "     "
        line = new_line
        mark = ">>" if pc in targets else "  "
        if op is None:
            out.append(f"{shown} {mark}{pc:5d}  <bad opcode {operand:#04x}>")
            continue
        text = f"{shown} {mark}{pc:5d}  {op.name:<20}"
        if operand is not None:
            text += f" {operand:+6d}" if op.format == _ops.Format.JUMP else f" {operand:6d}"
        comment = _comment(image, op, operand, pc) if operand is not None else None
        if comment is not None:
            text += f" ({comment})"
        out.append(text.rstrip())
    if c.handlers:
        out.append(" exception table:")
        out.extend(f"    {start} to {end} -> {target} [{depth}]"
                   for start, end, target, depth in c.handlers)
    return out


def disassemble(image):
    """Return a listing of every code object of ``image``.

    Parameters
    ----------
    image : microcore.bytecode.container.Image
        A compiled or loaded image.

    Returns
    -------
    str
        The listing, ending with a newline.
    """
    def count(n, noun):
        return f"{n} {noun}{'s' * (n != 1)}"

    out = [f"; MCBC version {_ops.BC_VERSION}: {count(len(image.code), 'code object')}, "
           f"entry {image.entry}, {count(len(image.consts), 'constant')}, "
           f"{count(len(image.globals), 'global')}"]
    for i, value in enumerate(image.consts):
        out.append(f"; const {i:3d}: {value!r}")
    for i, name in enumerate(image.globals):
        out.append(f"; global {i:3d}: {name}")
    for index in range(len(image.code)):
        out.append("")
        out.extend(disassemble_code(image, index))
    return "\n".join(out) + "\n"


def main(argv=None):
    """Print the listing of a Python file (compiled first) or of an image file.

    Returns the process exit status: 0, or 1 if the file does not compile or load.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m microcore.bytecode.disasm",
        description="Compile a Python file for microcore (or read an MCBC image) and print "
                    "its bytecode listing.")
    parser.add_argument("file", help="a .py source file, or a bytecode image")
    args = parser.parse_args(argv)

    from ..compiler import CompileError, compile_file

    try:
        with open(args.file, "rb") as f:
            head = f.read(4)
        if len(head) == 4 and struct.unpack("<I", head)[0] == Layout.MAGIC:
            with open(args.file, "rb") as f:
                image = Image.from_bytes(f.read())
        else:
            image = compile_file(args.file)
    except CompileError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (OSError, ImageError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(disassemble(image))
    return 0


if __name__ == "__main__":
    sys.exit(main())
