"""Text on the host: marshalled values become objects that print as CPython's, print payloads,
and error messages made from a message id and its arguments (bytecode/text.py, messages.py)."""

import re
import struct
from pathlib import Path

import pytest

from microcore.bytecode import builtins, exceptions, hostcalls, marshal, messages, text
from microcore.bytecode.marshal import Code

FIRMWARE = Path(__file__).resolve().parents[1] / "firmware"


def decode(data):
    return text.decode(bytes(data), hostcalls.Float32)


def test_objects_print_as_cpython_shows_them():
    d = bytes([Code.DICT, 1, Code.INT]) + struct.pack("<i", 1) + marshal.encode([2.5])
    assert repr(decode(bytes([Code.KEYS]) + d)) == "dict_keys([1])"
    assert repr(decode(bytes([Code.VALUES]) + d)) == "dict_values([[2.5]])"
    assert repr(decode(bytes([Code.ITEMS]) + d)) == "dict_items([(1, [2.5])])"
    assert repr(decode(bytes([Code.RANGE]) + struct.pack("<3i", 1, 9, 2))) == "range(1, 9, 2)"
    assert repr(decode(bytes([Code.FUNCTION]) + marshal.encode("f"))) == "<function f>"
    assert repr(decode(bytes([Code.BUILTIN, builtins.lookup("len").id]))) == \
        "<built-in function len>"
    value_error = exceptions.BY_NAME["ValueError"].id
    assert decode(bytes([Code.EXC_CLASS, value_error])) is ValueError
    assert repr(decode(text.encode_exception(value_error, 0, ("x",)))) == "ValueError('x')"
    assert repr(decode(bytes([Code.ITER, 1]))) == "<zip object>"
    cyclic = bytes([Code.LIST, 2, Code.NONE, Code.CYCLE, Code.LIST])
    assert repr(decode(cyclic)) == "[None, [...]]"
    # A type name in a host message is the VM's.
    with pytest.raises(TypeError, match="expected str instance, function found"):
        "".join([decode(bytes([Code.FUNCTION]) + marshal.encode("f"))])


def test_objects_are_only_decoded_by_the_host():
    with pytest.raises(marshal.MarshalError, match="unknown type code 0x0c"):
        marshal.decode(bytes([Code.RANGE]) + bytes(12))


def test_print_text_is_cpythons():
    payload = text.print_payload(1, "a", [0.1, "b"], None)
    assert hostcalls.print_text(payload) == "1 a [0.1, 'b'] None\n"
    assert hostcalls.print_text(text.print_payload(1, 2, sep="-", end="!")) == "1-2!"
    assert hostcalls.print_text(text.print_payload()) == "\n"
    with pytest.raises(marshal.MarshalError):
        hostcalls.print_text(marshal.encode(None))


def test_message_ids_pack_class_and_argument_count():
    m = messages.BY_NAME["BINARY_TYPES"]
    assert m.id == m.index << 8 | exceptions.BY_NAME["TypeError"].id << 3 | 3
    assert messages.unpack(m.id) == (m, exceptions.BY_NAME["TypeError"].id, 3)
    add = 0x10      # BINARY_ADD
    assert messages.format_message(m.id, (add, Code.INT, Code.STR)) == \
        "unsupported operand type(s) for +: 'int' and 'str'"
    pos = messages.BY_NAME["POSITIONAL"]
    assert messages.format_message(pos.id, ("f", 1, 2)) == \
        "f() takes 1 positional argument but 2 were given"
    assert messages.format_message(pos.id, ("f", 2, 1)) == \
        "f() takes 2 positional arguments but 1 was given"
    exc_type = Code.EXC | exceptions.BY_NAME["KeyError"].id << 8
    assert messages.format_message(messages.BY_NAME["NOT_CALLABLE"].id, (exc_type,)) == \
        "'KeyError' object is not callable"


def test_every_message_formats_and_is_raised_by_the_firmware():
    sources = "".join(p.read_text() for p in FIRMWARE.glob("*/*.c"))
    raised = set(re.findall(r"MC_MSG_(\w+)", sources))
    for m in messages.MESSAGES:
        args = tuple(range(1, m.nargs + 1))
        if m.text is not None:
            assert "{" not in messages.format_message(m.id, args), m.name
        assert m.name in raised, f"message {m.name} is never raised"


def test_uncaught_error_message_is_made_by_the_host():
    key_error = exceptions.BY_NAME["KeyError"].id
    data = text.encode_exception(key_error, messages.BY_NAME["KEY"].id, ("k",))
    assert hostcalls.error_message(data) == "'k'"
    text_id = messages.BY_NAME["TEXT"].id
    assert hostcalls.error_message(text.encode_exception(4, text_id, ("bad",))) == "bad"
