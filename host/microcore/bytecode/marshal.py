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
    0x08  dict    varint n, then n (key, value) pairs, in insertion order

A varint is LEB128: 7 bits per byte, least significant group first, the top bit set on every
byte but the last; at most 5 bytes (a u32). Nesting is limited to :data:`MAX_DEPTH` levels (the
VM raises RecursionError past it), so a cyclic list cannot be sent. The firmware's
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


def decode(data, float_type=float):
    """The value marshalled in ``data`` (which must hold exactly one value).

    Floats are made with ``float_type`` (a subclass of float, e.g. one that prints as float32).
    """
    data = bytes(data)
    value, end = _decode(data, 0, 0, float_type)
    if end != len(data):
        raise MarshalError(f"{len(data) - end} bytes after the value")
    return value


def decode_prefix(data, pos=0, float_type=float):
    """``(value, end)``: the value marshalled at ``data[pos:]`` and where it ends."""
    return _decode(bytes(data), pos, 0, float_type)


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


def _decode(data, pos, depth, float_type):
    _need(data, pos, 1)
    code = data[pos]
    pos += 1
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
        if depth == MAX_DEPTH:
            raise MarshalError("value nested too deeply")
        n, pos = _read_varint(data, pos)
        items = []
        for _ in range(n * (2 if code == Code.DICT else 1)):
            item, pos = _decode(data, pos, depth + 1, float_type)
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
