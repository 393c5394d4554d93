"""A tiny assembler for hand-written test images, on top of microcore.bytecode.container.

A program is a list of items:

- ``("OPNAME", arg)`` or ``("OPNAME",)``. For LOAD_CONST the argument is the constant's value;
  for LOAD_GLOBAL/STORE_GLOBAL a global's name; for LOAD_BUILTIN a builtin's name; for
  CALL_BUILTIN, CALL_METHOD and CALL_BUILTIN_KW ``(name, nargs)``; for MAKE_FUNCTION and
  MAKE_FUNCTION_EX a function's name; for jumps a label. Other
  operands are raw integers. ``("RAW", bytes)`` inserts bytes as they are.
- ``"name:"``: a label.
- ``("line", n)``: the following instructions are on source line n.

A Function's ``handlers`` are exception table entries ``(start, end, target, depth)`` whose
first three items are labels (or raw offsets). LOAD_EXC_CLASS takes an exception's name.
"""

from microcore.bytecode import builtins as B
from microcore.bytecode import exceptions as X
from microcore.bytecode import opcodes as O
from microcore.bytecode.container import CodeObject, Image


def builtin_id(name):
    for b in B.BUILTINS:
        if b.name == name:
            return b.id
    raise KeyError(name)


class Function:
    def __init__(self, name, body, n_args=0, n_locals=None, max_stack=16, file="test.py",
                 handlers=()):
        self.name = name
        self.handlers = list(handlers)
        self.body = body
        self.n_args = n_args
        self.n_locals = n_args if n_locals is None else n_locals
        self.max_stack = max_stack
        self.file = file


def assemble(body, image, functions, global_names):
    code = bytearray()
    labels, fixups, lines = {}, [], []
    for item in body:
        if isinstance(item, str):
            labels[item.rstrip(":")] = len(code)
            continue
        name, *args = item
        if name == "line":
            lines.append((len(code), args[0]))
            continue
        if name == "RAW":
            code += args[0]
            continue
        op = O.BY_NAME[name]
        code.append(op.number)
        arg = args[0] if args else 0
        if name == "LOAD_CONST":
            arg = image.const(arg)
        elif name in ("LOAD_GLOBAL", "STORE_GLOBAL", "DELETE_GLOBAL"):
            arg = global_names.index(arg)
        elif name == "LOAD_EXC_CLASS" and isinstance(arg, str):
            arg = X.BY_NAME[arg].id
        elif name == "LOAD_BUILTIN":
            arg = builtin_id(arg)
        elif name in ("CALL_BUILTIN", "CALL_METHOD", "CALL_BUILTIN_KW"):
            arg = builtin_id(arg[0]) | arg[1] << 8
        elif name in ("MAKE_FUNCTION", "MAKE_FUNCTION_EX"):
            arg = functions.index(arg)
        if op.format == O.Format.U8:
            code.append(arg)
        elif op.format == O.Format.U16:
            code += arg.to_bytes(2, "little")
        elif op.format == O.Format.JUMP:
            fixups.append((len(code), arg))
            code += b"\0\0"
    for at, label in fixups:
        target = labels[label] if isinstance(label, str) else label
        code[at:at + 2] = (target - (at + 2)).to_bytes(2, "little", signed=True)
    return bytes(code), lines or [(0, 1)], labels


def build(main, *functions, globals=(), max_stack=16, n_locals=0, handlers=()):
    """An Image whose entry is `main` (a body), with more code objects `functions`."""
    image = Image()
    funcs = [Function("<module>", main, n_locals=n_locals, max_stack=max_stack,
                      handlers=handlers)] + list(functions)
    names = [f.name for f in funcs]
    global_names = list(globals)
    image.globals = global_names
    for f in funcs:
        code, lines, labels = assemble(f.body, image, names, global_names)
        table = [tuple(labels[x.rstrip(":")] if isinstance(x, str) else x for x in h[:3]) +
                 (h[3],) for h in f.handlers]
        image.code.append(CodeObject(f.name, f.file, code, lines, f.n_args, f.n_locals,
                                     f.max_stack, table))
    image.entry = 0
    return image


def printing(*items, n=1):
    """Body items that print the n values the items push, then end the program."""
    return [*items, ("CALL_BUILTIN", ("print", n)), ("POP_TOP",), ("LOAD_NONE",),
            ("RETURN_VALUE",)]


# -- Patching image bytes --------------------------------------------------------------------------

import struct as _struct
import zlib as _zlib

from microcore.bytecode.container import Layout as _L


def fix_crc(data):
    """Recompute the checksum of image bytes (a bytearray, changed in place); return it."""
    size = _struct.unpack_from("<I", data, _L.H_IMAGE_BYTES)[0]
    size = min(size, len(data))
    _struct.pack_into("<I", data, _L.H_CRC, _zlib.crc32(bytes(data[_L.CRC_START:size])))
    return data


def code_record(data, index):
    """Offset of code record `index` in image bytes."""
    code_off = _struct.unpack_from("<I", data, _L.H_CODE_OFF)[0]
    return code_off + index * _L.CODE_RECORD_BYTES


def code_offset(data, index):
    """Offset of the bytecode of code object `index` in image bytes."""
    return _struct.unpack_from("<I", data, code_record(data, index) + _L.C_CODE_OFF)[0]
