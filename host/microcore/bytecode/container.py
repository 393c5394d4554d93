"""The bytecode image ("MCBC" container): the layout, a writer and a validating reader.

An image is what the host writes into a core's RAM at the boot block's ``PROG_BASE``. All
fields are little-endian; every table and record starts on a 4-byte boundary::

    +0   u32 magic "MCBC"          +16 u16 n_consts   +18 u16 n_code
    +4   u16 version (BC_VERSION)  +20 u16 n_globals  +22 u16 entry (code index of the module)
    +6   u16 flags (0)             +24 u32 consts_off   -> n_consts x u32 record offsets
    +8   u32 image_bytes           +28 u32 code_off     -> n_code x CodeRecord
    +12  u32 crc32 of [16, image_bytes)                 +32 u32 globals_off -> n_globals x u16
    +36  u32 reserved (0)                                   (name constant of each global)

    constant record:  u32 kind | length << 8, then `length` bytes (STR: UTF-8 plus a NUL),
                      padded to 4.  INT: i32.  FLOAT: IEEE-754 binary32.
    CodeRecord (28):  u32 code_off, u32 code_len, u32 lines_off, u16 n_lines, u16 n_args,
                      u16 n_locals, u16 max_stack, u16 name_const, u16 file_const,
                      u16 n_handlers, u16 reserved (0)
    line table:       n_lines x (u16 pc, u16 line), ascending pc; an instruction's line is
                      that of the last entry whose pc is <= its own.
    exception table:  right after the line table, n_handlers x (u16 start, u16 end, u16 target,
                      u16 depth), ascending and disjoint [start, end) ranges of instructions.
                      An exception raised by an instruction in a range (or propagating out of
                      a call it makes) cuts the frame's operand stack to `depth` values, pushes
                      the exception and continues at `target`; outside every range it leaves
                      the frame. Zero-cost: nothing runs when a try block is entered.

The layout constants below are exported to the firmware's generated header; the reader here
checks everything the VM's validator checks, so tests can show the two agree.
"""

from dataclasses import dataclass, field
import struct
import zlib

from . import opcodes as _ops
from . import builtins as _builtins
from . import exceptions as _exceptions

__all__ = ["Layout", "ConstKind", "CodeObject", "Image", "ImageError"]


class Layout:
    MAGIC = 0x4342_434D       # "MCBC"
    HEADER_BYTES = 40
    H_MAGIC, H_VERSION, H_FLAGS, H_IMAGE_BYTES, H_CRC = 0, 4, 6, 8, 12
    H_N_CONSTS, H_N_CODE, H_N_GLOBALS, H_ENTRY = 16, 18, 20, 22
    H_CONSTS_OFF, H_CODE_OFF, H_GLOBALS_OFF = 24, 28, 32
    CRC_START = 16
    CODE_RECORD_BYTES = 28
    C_CODE_OFF, C_CODE_LEN, C_LINES_OFF, C_N_LINES = 0, 4, 8, 12
    C_N_ARGS, C_N_LOCALS, C_MAX_STACK, C_NAME, C_FILE = 14, 16, 18, 20, 22
    C_N_HANDLERS, C_RESERVED = 24, 26
    LINE_ENTRY_BYTES = 4
    HANDLER_ENTRY_BYTES = 8
    CONST_KIND_MASK = 0xFF    # a constant record's head word: kind | length << CONST_LEN_SHIFT
    CONST_LEN_SHIFT = 8
    MAX_LOCALS = 255          # LOAD_FAST has a u8 operand


class ConstKind:
    INT = 1
    FLOAT = 2
    STR = 3


class ImageError(ValueError):
    """A bytecode image failed validation."""


@dataclass
class CodeObject:
    name: str
    file: str
    code: bytes
    lines: list           # [(pc, line), ...] ascending pc
    n_args: int = 0
    n_locals: int = 0
    max_stack: int = 0
    handlers: list = field(default_factory=list)  # [(start, end, target, depth)], ascending


@dataclass
class Image:
    consts: list = field(default_factory=list)    # int | float | str (bools/None are opcodes)
    code: list = field(default_factory=list)      # [CodeObject]
    globals: list = field(default_factory=list)   # [name]
    entry: int = 0

    # -- building --------------------------------------------------------------------------------

    def const(self, value):
        """Return the index of ``value`` in the pool, adding it if needed."""
        def key(v):     # floats by their bits: 0.0 and -0.0 are different constants
            return (float, struct.pack("<f", v)) if type(v) is float else (type(v), v)
        for i, c in enumerate(self.consts):
            if key(c) == key(value):
                return i
        self.consts.append(value)
        return len(self.consts) - 1

    def to_bytes(self):
        out = bytearray(Layout.HEADER_BYTES)

        def align():
            out.extend(b"\0" * (-len(out) % 4))

        # The name and file of every code object, and every global's name, are constants.
        names = [(self.const(c.name), self.const(c.file)) for c in self.code]
        global_names = [self.const(g) for g in self.globals]

        const_offsets = []
        for value in self.consts:
            align()
            const_offsets.append(len(out))
            if isinstance(value, bool) or value is None:
                raise TypeError(f"constant pool cannot hold {value!r}")
            if isinstance(value, int):
                out += struct.pack("<Ii", _const_head(ConstKind.INT, 4), value)
            elif isinstance(value, float):
                out += struct.pack("<If", _const_head(ConstKind.FLOAT, 4), value)
            elif isinstance(value, str):
                data = value.encode()
                out += struct.pack("<I", _const_head(ConstKind.STR, len(data))) + data + b"\0"
            else:
                raise TypeError(f"constant pool cannot hold {value!r}")
        align()
        consts_off = len(out)
        out += struct.pack(f"<{len(const_offsets)}I", *const_offsets)

        code_places = []
        for c in self.code:
            align()
            code_off = len(out)
            out += c.code
            align()
            lines_off = len(out)
            for pc, line in c.lines:
                out += struct.pack("<HH", pc, line)
            for entry in c.handlers:
                out += struct.pack("<HHHH", *entry)
            code_places.append((code_off, lines_off))
        align()
        code_off = len(out)
        for c, (c_off, l_off), (name, file) in zip(self.code, code_places, names):
            out += struct.pack("<IIIHHHHHHHH", c_off, len(c.code), l_off, len(c.lines), c.n_args,
                               c.n_locals, c.max_stack, name, file, len(c.handlers), 0)
        align()
        globals_off = len(out)
        out += struct.pack(f"<{len(global_names)}H", *global_names)
        align()

        struct.pack_into("<IHHIIHHHHIIII", out, 0, Layout.MAGIC, _ops.BC_VERSION, 0, len(out), 0,
                         len(self.consts), len(self.code), len(self.globals), self.entry,
                         consts_off, code_off, globals_off, 0)
        struct.pack_into("<I", out, Layout.H_CRC, zlib.crc32(out[Layout.CRC_START:]))
        image = bytes(out)
        Image.from_bytes(image)   # never emit an image the VM would refuse
        return image

    # -- reading ---------------------------------------------------------------------------------

    @classmethod
    def from_bytes(cls, data):
        """Parse and validate an image; raise :class:`ImageError` naming the first problem."""
        data = bytes(data)

        def need(cond, what):
            if not cond:
                raise ImageError(what)

        need(len(data) >= Layout.HEADER_BYTES, "image shorter than its header")
        (magic, version, flags, size, crc, n_consts, n_code, n_globals, entry, consts_off,
         code_off, globals_off, _) = struct.unpack_from("<IHHIIHHHHIIII", data)
        need(magic == Layout.MAGIC, f"bad magic {magic:#010x}")
        need(version == _ops.BC_VERSION,
             f"bytecode version {version}, but this VM runs version {_ops.BC_VERSION}")
        need(flags == 0, f"unknown flags {flags:#x}")
        need(size <= len(data) and size % 4 == 0 and size >= Layout.HEADER_BYTES,
             f"image_bytes {size} does not fit the {len(data)} bytes given")
        data = data[:size]
        need(zlib.crc32(data[Layout.CRC_START:]) == crc, "checksum mismatch")

        def table(off, count, width, what):
            need(off % 4 == 0 and Layout.HEADER_BYTES <= off and off + count * width <= size,
                 f"{what} table out of bounds")

        table(consts_off, n_consts, 4, "constant")
        table(code_off, n_code, Layout.CODE_RECORD_BYTES, "code")
        table(globals_off, n_globals, 2, "globals")
        need(entry < n_code, f"entry code object {entry} does not exist")

        image = cls(entry=entry)
        for i in range(n_consts):
            (off,) = struct.unpack_from("<I", data, consts_off + 4 * i)
            need(off % 4 == 0 and off + 4 <= size, f"constant {i} out of bounds")
            (head,) = struct.unpack_from("<I", data, off)
            kind, length = head & Layout.CONST_KIND_MASK, head >> Layout.CONST_LEN_SHIFT
            need(off + 4 + length <= size, f"constant {i} out of bounds")
            if kind == ConstKind.INT and length == 4:
                image.consts.append(struct.unpack_from("<i", data, off + 4)[0])
            elif kind == ConstKind.FLOAT and length == 4:
                image.consts.append(struct.unpack_from("<f", data, off + 4)[0])
            elif kind == ConstKind.STR:
                need(off + 5 + length <= size and data[off + 4 + length] == 0,
                     f"string constant {i} is not terminated")
                try:
                    image.consts.append(data[off + 4:off + 4 + length].decode())
                except UnicodeDecodeError:
                    raise ImageError(f"string constant {i} is not UTF-8") from None
            else:
                raise ImageError(f"constant {i} has unknown kind {kind} or length {length}")

        def str_const(index, what):
            need(index < n_consts and isinstance(image.consts[index], str),
                 f"{what} is not a string constant")
            return image.consts[index]

        for i in range(n_globals):
            (name,) = struct.unpack_from("<H", data, globals_off + 2 * i)
            image.globals.append(str_const(name, f"name of global {i}"))

        for i in range(n_code):
            (c_off, c_len, l_off, n_lines, n_args, n_locals, max_stack, name, file, n_handlers,
             reserved) = struct.unpack_from("<IIIHHHHHHHH", data,
                                            code_off + i * Layout.CODE_RECORD_BYTES)
            need(c_off + c_len <= size and c_len > 0, f"code object {i} out of bounds")
            need(l_off % 4 == 0 and l_off + n_lines * 4 + n_handlers * 8 <= size and
                 reserved == 0, f"line table {i} out of bounds")
            need(n_args <= n_locals <= Layout.MAX_LOCALS, f"code object {i} has bad local counts")
            code = data[c_off:c_off + c_len]
            lines = [struct.unpack_from("<HH", data, l_off + 4 * k) for k in range(n_lines)]
            need(all(a[0] < b[0] for a, b in zip(lines, lines[1:])),
                 f"line table {i} is not ascending")
            h_off = l_off + 4 * n_lines
            handlers = [struct.unpack_from("<HHHH", data, h_off + 8 * k)
                        for k in range(n_handlers)]
            starts = _validate_code(code, i, n_locals, n_consts, n_globals, n_code, need)
            _validate_handlers(handlers, starts, len(code), max_stack, i, need)
            image.code.append(CodeObject(str_const(name, f"name of code {i}"),
                                         str_const(file, f"file of code {i}"), code, lines,
                                         n_args, n_locals, max_stack, handlers))
        return image

    def line_of(self, code_index, pc):
        """The source line of the instruction at ``pc`` in code object ``code_index``."""
        line = 0
        for start, ln in self.code[code_index].lines:
            if start > pc:
                break
            line = ln
        return line


def _const_head(kind, length):
    return kind | length << Layout.CONST_LEN_SHIFT


def _validate_code(code, index, n_locals, n_consts, n_globals, n_code, need):
    starts = set()
    jumps = []
    pc = 0
    while pc < len(code):
        starts.add(pc)
        number = code[pc]
        op = _ops.BY_NUMBER.get(number)
        need(op is not None, f"code {index} pc {pc}: unknown opcode {number:#04x}")
        need(pc + op.length <= len(code), f"code {index} pc {pc}: truncated instruction")
        fmt = op.format
        arg = 0
        if fmt == _ops.Format.U8:
            arg = code[pc + 1]
        elif fmt == _ops.Format.U16:
            arg = code[pc + 1] | code[pc + 2] << 8
        elif fmt == _ops.Format.JUMP:
            arg = int.from_bytes(code[pc + 1:pc + 3], "little", signed=True)
            jumps.append((pc, pc + op.length + arg))
        where = f"code {index} pc {pc}: {op.name} {arg}"
        if op.name in ("LOAD_FAST", "STORE_FAST", "DELETE_FAST"):
            need(arg < n_locals, f"{where}: no such local")
        elif op.name == "LOAD_CONST":
            need(arg < n_consts, f"{where}: no such constant")
        elif op.name in ("LOAD_GLOBAL", "STORE_GLOBAL", "DELETE_GLOBAL"):
            need(arg < n_globals, f"{where}: no such global")
        elif op.name in ("MAKE_FUNCTION", "MAKE_FUNCTION_EX"):
            need(arg < n_code, f"{where}: no such code object")
        elif op.name == "LOAD_EXC_CLASS":
            need(arg in _exceptions.BY_ID, f"{where}: no such exception")
        elif op.name in ("LOAD_BUILTIN", "CALL_BUILTIN", "CALL_METHOD", "CALL_BUILTIN_KW"):
            calls = op.name != "LOAD_BUILTIN"
            builtin_id, n = _ops.split_call_builtin(arg) if calls else (arg, 0)
            b = _builtins.BY_ID.get(builtin_id)
            method = op.name == "CALL_METHOD"
            if op.name == "CALL_BUILTIN_KW":
                # Functions and methods alike; the keyword slots come after the arguments.
                need(b is not None and b.keywords, f"{where}: no such builtin with keywords")
                method = _builtins.is_method_id(builtin_id)
                n -= len(b.keywords)
            need(b is not None and _builtins.is_method_id(builtin_id) == method,
                 f"{where}: no such {'method' if method else 'builtin'}")
            if calls:
                need(n >= b.min_args and (b.max_args < 0 or n <= b.max_args),
                     f"{where}: wrong argument count for {b.name}")
        pc += op.length
    for src, dst in jumps:
        need(dst in starts, f"code {index} pc {src}: jump to {dst} is not an instruction")
    last = _ops.BY_NUMBER[code[max(starts)]]
    need(last.name in _ops.TERMINATORS,
         f"code {index}: falls off the end (last instruction {last.name})")
    return starts


def _validate_handlers(handlers, starts, code_len, max_stack, index, need):
    """Exception table entries: disjoint ascending ranges of whole instructions, a target that
    is an instruction, and room for the exception above the depth."""
    end_before = 0
    for k, (start, end, target, depth) in enumerate(handlers):
        need(end_before <= start < end <= code_len and start in starts and
             (end in starts or end == code_len) and target in starts and depth < max_stack,
             f"code {index} handler {k}: bad entry ({start}, {end}, {target}, {depth})")
        end_before = end
