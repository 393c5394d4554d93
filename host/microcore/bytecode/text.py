"""The text of the VM's values, computed on the host.

A core does not format values: ``print`` sends its arguments marshalled (``abi.Service.PRINT``,
see :func:`print_text`), ``str()``, ``repr()``, ``format()``, f-strings and ``%`` of anything
but a str or an int are host calls (:mod:`.hostcalls`), and an error message is a message id
with its arguments (:mod:`.messages`). This module turns the marshalled values into Python
objects that CPython prints exactly as the VM's values must print: real dicts, dict views,
ranges and exception instances; small stand-ins for functions, builtins and iterators (which
CPython shows with an address the VM does not have).
"""

import builtins as _py

from . import builtins as _builtins
from . import exceptions as _exceptions
from . import marshal as _marshal

__all__ = ["make_object", "type_name", "decode", "print_text", "print_payload", "error_message",
           "encode_exception"]

_Code = _marshal.Code


def _stand_in(type_name, text):
    """A class named ``type_name`` (so host messages name the VM's type) printing as ``text``."""
    def __repr__(self):
        return text.format(self.name)
    return type(type_name, (), {"__init__": lambda self, name: setattr(self, "name", name),
                                "__repr__": __repr__, "__slots__": ("name",)})


_Function = _stand_in("function", "<function {}>")
_Builtin = _stand_in("builtin_function_or_method", "<built-in function {}>")
_ITERATORS = {name: _stand_in(name, "<" + name + " object>") for name in _marshal.ITERATORS}
_CYCLES = {_Code.LIST: "[...]", _Code.TUPLE: "(...)", _Code.DICT: "{...}"}


class _Cycle:
    """A container met again while it was being sent: CPython shows it as ``[...]``."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def exception_class(exc_id):
    """The Python class of VM exception ``exc_id``."""
    return _exceptions.python_class(exc_id)


def make_object(code, body):
    """The Python object of a marshalled value of code 0x09 and up (``marshal.decode``)."""
    if code in (_Code.KEYS, _Code.VALUES, _Code.ITEMS):
        (d,) = body
        return {_Code.KEYS: d.keys, _Code.VALUES: d.values, _Code.ITEMS: d.items}[code]()
    if code == _Code.RANGE:
        return range(*body)
    if code == _Code.FUNCTION:
        return _Function(body[0])
    if code == _Code.BUILTIN:
        row = _builtins.BY_ID.get(body[0])
        return _Builtin(row.name if row else f"#{body[0]}")
    if code == _Code.EXC_CLASS:
        return exception_class(body[0])
    if code == _Code.EXC:
        exc_id, message, args = body
        from . import messages
        row = messages.BY_INDEX.get(message >> 8) if message else None
        if message and (row is None or row.text is not None):
            return exception_class(exc_id)(messages.format_message(message, args))
        return exception_class(exc_id)(*args)
    if code == _Code.ITER:
        kind = _marshal.ITERATORS[body[0]] if body[0] < len(_marshal.ITERATORS) else "iterator"
        return _ITERATORS.get(kind, _ITERATORS["enumerate"])(None)
    if code == _Code.CYCLE:
        return _Cycle(_CYCLES.get(body[0], "[...]"))
    raise _marshal.MarshalError(f"unknown type code {code:#04x}")


def type_name(value):
    """Python's name of the type of a decoded value, as in TypeError messages."""
    return type(value).__name__


def decode(data, float_type, arguments=False):
    """Decode marshalled ``data`` with every type code, floats made with ``float_type``."""
    return _marshal.decode(data, float_type=float_type, objects=make_object, arguments=arguments)


def error_message(data, float_type):
    """The message of an uncaught exception from the marshalled exception of its ErrorRecord:
    its ``str()``, as CPython's traceback shows it."""
    return _py.str(decode(data, float_type))


def print_text(payload, float_type):
    """The text of one ``print`` call from its ``Service.PRINT`` payload.

    The payload is the marshalled ``sep``, the marshalled ``end`` (each a str, or None for the
    default), then the marshalled arguments, one after the other: the text is what CPython's
    ``print(*args, sep=sep, end=end)`` writes.
    """
    data = bytes(payload)
    values, pos = [], 0
    while pos < len(data):
        value, pos = _marshal.decode_prefix(data, pos, float_type=float_type,
                                            objects=make_object)
        values.append(value)
    if len(values) < 2:
        raise _marshal.MarshalError("print payload without sep and end")
    sep, end, *args = values
    sep = " " if sep is None else sep
    end = "\n" if end is None else end
    return sep.join(map(_py.str, args)) + end


def print_payload(*args, sep=None, end=None):
    """The ``Service.PRINT`` payload of ``print(*args, sep=sep, end=end)`` for plain values
    (None, bool, int, float, str, list, tuple, dict), as a core sends it."""
    return b"".join(_marshal.encode(v) for v in (sep, end) + args)


def encode_exception(exc_id, message_id=0, args=()):
    """A marshalled exception (``Code.EXC``) as a core sends it in an ErrorRecord: class
    ``exc_id``, message ``message_id`` (0: ``args`` are the exception's own) and ``args``."""
    return (bytes([_Code.EXC]) + _marshal._varint(exc_id) + _marshal._varint(message_id) +
            _marshal.encode(tuple(args)))
