"""The value marshal format, defined once: how a value travels between a core and the host.

Host calls (:mod:`microcore.bytecode.hostcalls`) carry their arguments and results in it, and
the parallel messaging between cores reuses it. A value is one type byte followed by its body;
containers hold their items, each a value again::

    code  type    body
    0x00  None    -
    0x01  False   -
    0x02  True    -
    0x03  int     i32, little-endian
    0x04  float   IEEE-754 binary32, little-endian
    0x05  str     varint n, then n bytes of UTF-8
    0x06  list    varint n, then n values
    0x07  tuple   varint n, then n values
    0x08  dict    varint n, then n (key, value) pairs
    0x09  dict_keys    a dict value (the dict the view belongs to)
    0x0A  dict_values  a dict value
    0x0B  dict_items   a dict value
    0x0C  range   i32 start, i32 stop, i32 step
    0x0D  function     a str value: the function's name
    0x0E  builtin      varint builtin id (bytecode/builtins.py)
    0x0F  exception class  varint exception id (bytecode/exceptions.py)
    0x10  exception    varint exception id, varint message id (0: raised by the program), a
                       value: the argument tuple (of the message, or of the call: () or (arg,))
    0x11  iterator     varint kind (:data:`ITERATORS`)
    0x12  cycle        u8 code of a list, tuple or dict being encoded again ([...], (...), {...})

Codes 0x09 and up travel only from a core to the host (print, str(), repr(), error reports,
host call arguments); the host turns them into the Python objects that print as CPython shows
the VM's values (:mod:`microcore.bytecode.text`). A core decodes codes up to 0x08 (dicts
arrive in parallel messages).

A varint is LEB128: 7 bits per byte, least significant group first, the top bit set on every
byte but the last; at most 5 bytes (a u32). Nesting is limited to :data:`MAX_DEPTH` levels (the
VM raises RecursionError past it), not counting the tuple of a host call's arguments. The firmware's
``mc_marshal.h`` is generated from :class:`Code` and :data:`MAX_DEPTH`;
``firmware/vm/marshal.c`` implements the same format and tests check that both sides agree byte
for byte.
"""

import math
import struct

__all__ = ["Code", "MAX_DEPTH", "MarshalError", "encode", "decode", "to_float32"]

#: Deepest nesting of containers in one value (the VM's C recursion limit).
MAX_DEPTH = 10


class Code:
    """Type codes, the first byte of every marshalled value."""
    NONE = 0x00
    FALSE = 0x01
    TRUE = 0x02
    INT = 0x03
    FLOAT = 0x04
    STR = 0x05
    LIST = 0x06
    TUPLE = 0x07
    DICT = 0x08
    KEYS = 0x09
    VALUES = 0x0A
    ITEMS = 0x0B
    RANGE = 0x0C
    FUNCTION = 0x0D
    BUILTIN = 0x0E
    EXC_CLASS = 0x0F
    EXC = 0x10
    ITER = 0x11
    CYCLE = 0x12


#: Kinds of Code.ITER, by number: the VM's lazy iterators, then other opaque objects shown as
#: ``<kind object>``. The firmware's ``MC_ITER_*`` are generated from this (``mc_marshal.h``).
ITERATORS = ("enumerate", "zip", "reversed", "parallel.Request")


class MarshalError(ValueError):
    """Bytes that are not a marshalled value, or a value that cannot be marshalled."""


_INT_MIN, _INT_MAX = -2 ** 31, 2 ** 31 - 1


def to_float32(x):
    """``x`` rounded to the nearest IEEE binary32 (to nearest even; overflow gives infinity)."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def _varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def encode(value):
    """The marshalled bytes of ``value``; :class:`MarshalError` if it cannot travel.

    An int must fit in 32 bits; a float is rounded to binary32.
    """
    out = bytearray()
    _encode(value, out, 0)
    return bytes(out)


def _encode(value, out, depth):
    if value is None:
        out.append(Code.NONE)
    elif value is True or value is False:
        out.append(Code.TRUE if value else Code.FALSE)
    elif isinstance(value, int):
        if not _INT_MIN <= value <= _INT_MAX:
            raise OverflowError("Python int too large to convert to C int")
        out.append(Code.INT)
        out += struct.pack("<i", value)
    elif isinstance(value, float):
        out.append(Code.FLOAT)
        out += struct.pack("<f", to_float32(value))
    elif isinstance(value, str):
        data = value.encode("utf-8", errors="surrogatepass")
        out.append(Code.STR)
        out += _varint(len(data)) + data
    elif type(value) in (list, tuple, dict):
        if depth == MAX_DEPTH:
            raise RecursionError("maximum recursion depth exceeded while marshalling a value")
        code = {list: Code.LIST, tuple: Code.TUPLE, dict: Code.DICT}[type(value)]
        out.append(code)
        out += _varint(len(value))
        items = value.items() if code == Code.DICT else ((v,) for v in value)
        for pair in items:
            for v in pair:
                _encode(v, out, depth + 1)
    else:
        raise MarshalError(f"cannot marshal a value of type {type(value).__name__!r}")


def decode(data, float_type=float, objects=None, arguments=False):
    """The value marshalled in ``data`` (which must hold exactly one value).

    Floats are made with ``float_type`` (a subclass of float, e.g. one that prints as float32).
    ``objects(code, body)`` makes the value of a code from 0x09 up (``body``: its decoded parts,
    a tuple); without it those codes are malformed. ``arguments``: ``data`` holds a host call's
    argument tuple, which does not count as a level of nesting.
    """
    data = bytes(data)
    value, end = _decode(data, 0, -1 if arguments else 0, float_type, objects)
    if end != len(data):
        raise MarshalError(f"{len(data) - end} bytes after the value")
    return value


def decode_prefix(data, pos=0, float_type=float, objects=None):
    """``(value, end)``: the value marshalled at ``data[pos:]`` and where it ends."""
    return _decode(bytes(data), pos, 0, float_type, objects)


def _need(data, pos, n):
    if pos + n > len(data):
        raise MarshalError("truncated value")


def _read_varint(data, pos):
    n = shift = 0
    for _ in range(5):
        _need(data, pos, 1)
        byte = data[pos]
        pos += 1
        n |= (byte & 0x7F) << shift
        if not byte & 0x80:
            if n > 0xFFFF_FFFF:
                break
            return n, pos
        shift += 7
    raise MarshalError("bad length")


def _decode(data, pos, depth, float_type, objects=None):
    _need(data, pos, 1)
    code = data[pos]
    pos += 1
    if code > Code.DICT and objects is not None:
        return _decode_object(data, pos, code, depth, float_type, objects)
    if code in (Code.NONE, Code.FALSE, Code.TRUE):
        return (None, False, True)[code], pos
    if code == Code.INT:
        _need(data, pos, 4)
        return struct.unpack_from("<i", data, pos)[0], pos + 4
    if code == Code.FLOAT:
        _need(data, pos, 4)
        return float_type(struct.unpack_from("<f", data, pos)[0]), pos + 4
    if code == Code.STR:
        n, pos = _read_varint(data, pos)
        _need(data, pos, n)
        try:
            return data[pos:pos + n].decode("utf-8", errors="surrogatepass"), pos + n
        except UnicodeDecodeError:
            raise MarshalError("bad UTF-8 in a string") from None
    if code in (Code.LIST, Code.TUPLE, Code.DICT):
        if depth >= MAX_DEPTH:
            raise MarshalError("value nested too deeply")
        n, pos = _read_varint(data, pos)
        items = []
        for _ in range(n * (2 if code == Code.DICT else 1)):
            item, pos = _decode(data, pos, depth + 1, float_type, objects)
            items.append(item)
        if code == Code.LIST:
            return items, pos
        if code == Code.TUPLE:
            return tuple(items), pos
        try:
            return dict(zip(items[::2], items[1::2])), pos
        except TypeError:
            raise MarshalError("unhashable dict key") from None
    raise MarshalError(f"unknown type code {code:#04x}")


def _decode_object(data, pos, code, depth, float_type, objects):
    if code in (Code.KEYS, Code.VALUES, Code.ITEMS, Code.FUNCTION):
        value, pos = _decode(data, pos, depth, float_type, objects)
        return objects(code, (value,)), pos
    if code == Code.RANGE:
        _need(data, pos, 12)
        return objects(code, struct.unpack_from("<3i", data, pos)), pos + 12
    if code in (Code.BUILTIN, Code.EXC_CLASS, Code.ITER):
        n, pos = _read_varint(data, pos)
        return objects(code, (n,)), pos
    if code == Code.EXC:
        exc_id, pos = _read_varint(data, pos)
        message, pos = _read_varint(data, pos)
        args, pos = _decode(data, pos, depth, float_type, objects)
        return objects(code, (exc_id, message, args)), pos
    if code == Code.CYCLE:
        _need(data, pos, 1)
        return objects(code, (data[pos],)), pos + 1
    raise MarshalError(f"unknown type code {code:#04x}")
