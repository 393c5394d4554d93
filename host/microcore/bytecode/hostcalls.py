"""Host calls, defined once: what a core asks the host to compute, and how it is answered.

A core sends ``abi.Service.CALL`` with the payload ``u8 function id`` followed by the arguments
as one marshalled tuple (:mod:`microcore.bytecode.marshal`). The host answers through the
core's HOST_IN slot with ``abi.HostTag.CALL_REPLY`` and a :func:`reply` payload::

    u8 status 0, then the marshalled result
    u8 status 1, u16 exception id (exceptions.py), then the UTF-8 message

and the VM returns the result or raises the exception as if it had been raised on the core.
``input()`` uses the same reply format on ``Service.INPUT``/``HostTag.INPUT_REPLY`` (the request
payload is the prompt text).

Device cores are served by the monitor (:mod:`microcore.monitor`), virtual cores by
``libmcvm``'s call callback (:mod:`microcore.virtual`); both run :func:`serve`, so both print the
same bytes. Ids of functions that serve a builtin row of :mod:`.builtins` wholly on the host
(``str.split``, ``math.exp``, ``format``) are that builtin's id; the others are 192 and up. The
firmware's ``mc_hostcalls.h`` is generated from :data:`HOST_FUNCTIONS` as
``MC_HOSTCALL(NAME, id)`` rows.

Floats arrive as :class:`Float32` (a float that prints as the shortest text that round-trips to
the same binary32, as the VM's floats do); float results are rounded to binary32.
"""

from dataclasses import dataclass
import math
import struct
import builtins as _py

from . import builtins as _builtins
from . import exceptions as _exceptions
from . import marshal as _marshal
from . import text as _text

__all__ = ["HostFunction", "HOST_FUNCTIONS", "BY_ID", "BY_NAME", "Float32", "float32_repr",
           "reply", "exception_reply", "serve_call", "serve_input", "interactive", "print_text",
           "error_message", "Status"]


class Status:
    """First byte of a reply."""
    OK = 0
    EXCEPTION = 1


def float32_repr(x):
    """CPython's ``repr`` rules applied to the shortest digits that round-trip to binary32 ``x``.

    ``0.1``, ``5.0``, ``1e+30``, ``inf``, ``nan``, ``-0.0``: for each precision p from 1 to 9,
    the text ``'%.{p}g' % x`` is the decimal of p digits nearest to x; the first one that reads
    back as the same binary32 is the shortest, and ``repr`` of its float64 (which is exactly that
    text, since a decimal of at most 9 digits round-trips in binary64) lays it out as CPython does.
    """
    x = float(x)
    if not math.isfinite(x):
        return repr(x)
    for p in range(1, 10):
        text = "%.*g" % (p, x)
        if _marshal.to_float32(float(text)) == x:
            return repr(float(text))
    return repr(x)      # unreachable: 9 significant digits always round-trip a binary32


class Float32(float):
    """A float holding a binary32 value, shown as the VM shows it (see :func:`float32_repr`).

    ``format`` with a spec that has neither a precision nor a presentation type (``f"{x:8}"``)
    lays out the short text; every other spec formats the exact value, as CPython does.
    """

    def __repr__(self):
        return float32_repr(self)

    __str__ = __repr__

    def __format__(self, spec):
        if spec and spec[-1] not in "bcdeEfFgGnosxX%" and "." not in spec:
            return format(float(float32_repr(self)), spec)
        if not spec:
            return float32_repr(self)
        return format(float(self), spec)


def _f32(x):
    """A result as the VM holds it: floats rounded to binary32."""
    if isinstance(x, float):
        return Float32(_marshal.to_float32(x))
    return x


def _as_float(x):
    if isinstance(x, (int, float)):
        return float(x)
    raise TypeError(f"must be real number, not {type(x).__name__}")


def _math(fn):
    def call(*args):
        return _f32(fn(*(_as_float(a) for a in args)))
    call.__name__ = fn.__name__
    return call


def _float_parse(s):
    """``float(s)`` for a str ``s``, rounded to binary32."""
    return _f32(_py.float(s))


def _round_n(x, n):
    if not isinstance(n, int) and n is not None:
        raise TypeError(f"'{type(n).__name__}' object cannot be interpreted as an integer")
    if isinstance(x, float):
        return _f32(_py.round(float(x), n))
    return _py.round(x, n)


def _pow(a, b):
    r = a ** b
    if isinstance(r, complex):
        raise ValueError("negative number cannot be raised to a fractional power")
    return _f32(float(r))


def _str_mod(fmt, args):
    return fmt % args


def _method(name):
    def call(receiver, *args):
        return getattr(receiver, name)(*args)
    call.__name__ = name
    return call


@dataclass(frozen=True)
class HostFunction:
    id: int
    name: str
    min_args: int
    max_args: int
    fn: object

    @property
    def c_name(self):
        return self.name.upper().replace(".", "_")


def _served_builtin(b):
    """The host function of builtin row ``b`` served wholly by the host: same id and argument
    counts; CPython's function of the same name (a ``math`` function on the doubles of the
    arguments, rounded to binary32), or the receiver's own method."""
    if b.module == _builtins.METHOD:
        return HostFunction(b.id, f"str.{b.name}", b.min_args, b.max_args, _method(b.name))
    if b.module == "math":
        return HostFunction(b.id, f"math.{b.name}", b.min_args, b.max_args,
                            _math(getattr(math, b.name)))
    return HostFunction(b.id, b.name, b.min_args, b.max_args, getattr(_py, b.name))


HOST_FUNCTIONS = (
    # Builtins served wholly by the host: the rows of bytecode/builtins.py marked host=True.
    *(_served_builtin(b) for b in _builtins.BUILTINS if b.host),
    # Parts of operations whose cheap cases run on the core.
    HostFunction(192, "float_repr", 1, 1, float32_repr),
    HostFunction(193, "float_parse", 1, 1, _float_parse),
    HostFunction(194, "round_n", 2, 2, _round_n),
    HostFunction(195, "str_mod", 2, 2, _str_mod),
    HostFunction(196, "float_pow", 2, 2, _pow),
    # Text of values (bytecode/text.py): the core keeps only str of a str and of an int.
    HostFunction(197, "str", 1, 1, _py.str),
    HostFunction(198, "repr", 1, 1, _py.repr),
)

BY_ID = {f.id: f for f in HOST_FUNCTIONS}
BY_NAME = {f.name: f for f in HOST_FUNCTIONS}
assert len(BY_ID) == len(HOST_FUNCTIONS) and all(0 <= f.id < 256 for f in HOST_FUNCTIONS)


def reply(value):
    """The reply payload carrying result ``value``."""
    return bytes([Status.OK]) + _marshal.encode(value)


def exception_reply(exc):
    """The reply payload raising ``exc`` on the core: the nearest class the VM knows.

    A class missing from exceptions.py is sent as its closest base that is there (EOFError as
    Exception), with its own message.
    """
    exc_id = _exceptions.BY_NAME["Exception"].id
    for cls in type(exc).__mro__:
        entry = _exceptions.BY_NAME.get(cls.__name__)
        if entry is not None and getattr(_py, cls.__name__, None) is cls:
            exc_id = entry.id
            break
    return bytes([Status.EXCEPTION]) + struct.pack("<H", exc_id) + str(exc).encode(
        "utf-8", errors="replace")


def interactive(stream=None):
    """Whether ``input()`` reads ``stream`` (default ``sys.stdin``) from a person at a terminal:
    the prompt is then shown before reading (on its core's line), not kept for the output."""
    import sys
    stream = stream or sys.stdin
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def serve_input(stream=None):
    """Read one line for ``input()`` from ``stream`` (default ``sys.stdin``); the reply payload.

    At the end of the input the reply raises EOFError (sent as its nearest known base).
    """
    import sys
    line = (stream or sys.stdin).readline()
    if not line:
        return exception_reply(EOFError("EOF when reading a line"))
    return reply(line[:-1] if line.endswith("\n") else line)


def serve_call(payload):
    """Serve one ``Service.CALL`` request payload; return the reply payload.

    The caller's Python exceptions (from the function) become exception replies; a malformed
    request raises :class:`~microcore.bytecode.marshal.MarshalError` or ``KeyError``.
    """
    if not payload:
        raise _marshal.MarshalError("empty host call request")
    function = BY_ID.get(payload[0])
    if function is None:
        raise _marshal.MarshalError(f"unknown host function {payload[0]}")
    args = _text.decode(payload[1:], Float32, arguments=True)
    if not isinstance(args, tuple):
        raise _marshal.MarshalError("host call arguments are not a tuple")
    try:
        result = function.fn(*args)
        return reply(result)
    except Exception as exc:  # noqa: BLE001 - every error is the program's, raised on the core
        return exception_reply(exc)


def print_text(payload):
    """The text a ``Service.PRINT`` payload prints (see :func:`microcore.bytecode.text.print_text`)."""
    return _text.print_text(payload, Float32)


def error_message(data):
    """The message of an uncaught exception from its ErrorRecord's marshalled exception."""
    return _text.error_message(data, Float32)


def main():
    """Serve host calls over stdin/stdout for ``mcvm`` (see ``firmware/native/main.c``).

    Each request is ``u32 service, u32 length, payload``, each reply ``u32 length, payload``;
    ``input()`` reads lines from file descriptor 3 (mcvm's own stdin). A ``Service.PRINT``
    request (a print payload) is answered with the UTF-8 text to write, as is; a
    ``Service.ERROR`` request (an ErrorRecord's marshalled exception) with the message.
    """
    import sys
    from .. import abi
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    lines = None
    while True:
        head = requests.read(8)
        if len(head) < 8:
            return
        service, n = struct.unpack("<II", head)
        payload = requests.read(n)
        if service == abi.Service.INPUT:
            lines = lines or open(3, encoding="utf-8", closefd=False)
            answer = serve_input(lines)
        elif service == abi.Service.ERROR:
            answer = error_message(payload).encode("utf-8", errors="surrogatepass")
        elif service == abi.Service.PRINT:
            answer = print_text(payload).encode("utf-8", errors="surrogatepass")
        else:
            answer = serve_call(payload)
        replies.write(struct.pack("<I", len(answer)) + answer)
        replies.flush()


if __name__ == "__main__":
    main()
