"""The VM's error messages, defined once: an id, the exception class, CPython's text.

A core raises an error as a message id and up to :data:`MAX_ARGS` typed arguments (values the
VM holds anyway, or small ints); the host makes the text (:func:`format_message`) when it must
be shown: in the report of an uncaught exception (``abi.ErrorRecord``), or when a program asks
for ``str()``/``repr()`` of an exception it caught. The firmware's ``mc_messages.h`` is generated
from :data:`MESSAGES` as ``MC_MESSAGE(NAME, packed_id)`` rows, where the packed id (what travels)
is ``index << 8 | exception id << 3 | number of arguments``: the C raise needs neither a table
of classes nor of argument counts.

Placeholders in a text are ``str.format`` fields over the arguments:

    ``{i}``       str of argument i         ``{i!r}``   its repr
    ``{i:t}``     type name: the argument is a marshal type code (``Code``) | a sub id << 8
                  (the exception id of an instance, the kind of an iterator)
    ``{i:s}``     "s" unless the int argument is 1      ``{i:was}``  "was" or "were"
    ``{i:b}``     the name of builtin id i              ``{i:e}``    the name of exception id i
    ``{i:op}``    the operator symbol of opcode i

A message whose text is None gives the exception its arguments as they are (``KeyError(key)``).
"""

from dataclasses import dataclass
import string

from . import builtins as _builtins
from . import exceptions as _exceptions
from . import marshal as _marshal
from . import opcodes as _opcodes

__all__ = ["Message", "MESSAGES", "BY_NAME", "BY_ID", "MAX_ARGS", "format_message", "type_name",
           "unpack"]

#: Most arguments a message takes.
MAX_ARGS = 4


@dataclass(frozen=True)
class Message:
    index: int
    name: str
    exc: str        # exception class name (exceptions.py)
    text: str       # CPython's text with placeholders; None: the arguments are the exception's
    nargs: int

    @property
    def id(self):
        """The packed id a core sends: index << 8 | exception id << 3 | number of arguments."""
        return self.index << 8 | _exceptions.BY_NAME[self.exc].id << 3 | self.nargs


def _m(index, name, exc, text, nargs=0):
    return Message(index, name, exc, text, nargs)


MESSAGES = (
    # A str from the host or the platform (host call exceptions, transport failures).
    _m(1, "TEXT", "Exception", "{0}", 1),
    _m(2, "KEY", "KeyError", None, 1),
    _m(3, "OVERFLOW", "OverflowError", "int result does not fit in 32 bits"),
    _m(4, "MEMORY", "MemoryError", "out of memory"),
    _m(5, "STACK_MEMORY", "MemoryError", "no room for the VM stack"),
    _m(6, "GLOBALS_MEMORY", "MemoryError", "no room for the program's constants and globals"),
    _m(7, "SEQ_TOO_LONG", "MemoryError", "sequence too long"),
    _m(8, "STR_TOO_LONG", "MemoryError", "string too long"),
    _m(9, "DICT_TOO_LARGE", "MemoryError", "dict too large"),
    _m(10, "RECURSION", "RecursionError", "maximum recursion depth exceeded"),
    _m(11, "RECURSION_COMPARE", "RecursionError",
       "maximum recursion depth exceeded in comparison"),
    _m(12, "RECURSION_MARSHAL", "RecursionError",
       "maximum recursion depth exceeded while marshalling a value"),
    _m(13, "BINARY_TYPES", "TypeError",
       "unsupported operand type(s) for {0:op}: '{1:t}' and '{2:t}'", 3),
    _m(14, "CONCAT", "TypeError", 'can only concatenate {0:t} (not "{1:t}") to {0:t}', 2),
    _m(15, "MUL_SEQ", "TypeError", "can't multiply sequence by non-int of type '{0:t}'", 1),
    _m(16, "ORDER_TYPES", "TypeError",
       "'{0:op}' not supported between instances of '{1:t}' and '{2:t}'", 3),
    _m(17, "IN_STRING", "TypeError", "'in <string>' requires string as left operand, not {0:t}",
       1),
    _m(18, "NOT_CONTAINER", "TypeError", "argument of type '{0:t}' is not iterable", 1),
    _m(19, "UNARY_TYPE", "TypeError", "bad operand type for unary {0:op}: '{1:t}'", 2),
    _m(20, "NO_LEN", "TypeError", "object of type '{0:t}' has no len()", 1),
    _m(21, "RANGE_INDEX", "IndexError", "range object index out of range"),
    _m(22, "NOT_SUBSCRIPTABLE", "TypeError", "'{0:t}' object is not subscriptable", 1),
    _m(23, "STR_INDEX_TYPE", "TypeError", "string indices must be integers, not '{0:t}'", 1),
    _m(24, "INDEX_TYPE", "TypeError", "{0:t} indices must be integers or slices, not {1:t}", 2),
    _m(25, "INDEX_RANGE", "IndexError", "{0:t} index out of range", 1),
    _m(26, "NO_ITEM_ASSIGN", "TypeError", "'{0:t}' object does not support item assignment", 1),
    _m(27, "ASSIGN_INDEX_RANGE", "IndexError", "list assignment index out of range"),
    _m(28, "NO_ITEM_DELETE", "TypeError", "'{0:t}' object doesn't support item deletion", 1),
    _m(29, "NO_KEYWORDS", "TypeError", "{0:b}() takes no keyword arguments", 1),
    _m(30, "NOT_CALLABLE", "TypeError", "'{0:t}' object is not callable", 1),
    _m(31, "POSITIONAL_RANGE", "TypeError",
       "{0}() takes from {1} to {2} positional arguments but {3} were given", 4),
    _m(32, "POSITIONAL", "TypeError",
       "{0}() takes {1} positional argument{1:s} but {2} {2:was} given", 3),
    _m(33, "MULTIPLE_VALUES", "TypeError", "{0}() got multiple values for argument '{1}'", 2),
    _m(34, "UNEXPECTED_KEYWORD", "TypeError", "{0}() got an unexpected keyword argument '{1}'",
       2),
    _m(35, "MISSING", "TypeError", "{0}() missing {1} required positional argument{1:s}", 2),
    _m(36, "NO_RERAISE", "RuntimeError", "No active exception to reraise"),
    _m(37, "UNBOUND_LOCAL", "NameError",
       "cannot access local variable where it is not associated with a value"),
    _m(38, "UNDEFINED", "NameError", "name '{0}' is not defined", 1),
    _m(39, "FLOAT_DIV_ZERO", "ZeroDivisionError", "float division by zero"),
    _m(40, "FLOAT_FLOORDIV_ZERO", "ZeroDivisionError", "float floor division by zero"),
    _m(41, "FLOAT_MOD_ZERO", "ZeroDivisionError", "float modulo"),
    _m(42, "DIV_ZERO", "ZeroDivisionError", "division by zero"),
    _m(43, "INT_DIV_ZERO", "ZeroDivisionError", "integer division or modulo by zero"),
    _m(44, "INT_MOD_ZERO", "ZeroDivisionError", "integer modulo by zero"),
    _m(45, "NEGATIVE_SHIFT", "ValueError", "negative shift count"),
    _m(46, "FLOAT_NAN_INT", "ValueError", "cannot convert float NaN to integer"),
    _m(47, "FLOAT_INF_INT", "OverflowError", "cannot convert float infinity to integer"),
    _m(48, "MATH_DOMAIN", "ValueError", "math domain error"),
    _m(49, "NOT_INTEGER", "TypeError", "'{0:t}' object cannot be interpreted as an integer", 1),
    _m(50, "RANGE_STEP_ZERO", "ValueError", "range() arg 3 must not be zero"),
    _m(51, "NOT_ITERABLE", "TypeError", "'{0:t}' object is not iterable", 1),
    _m(52, "UNPACK_NON_ITERABLE", "TypeError", "cannot unpack non-iterable {0:t} object", 1),
    _m(53, "UNPACK_FEW", "ValueError", "not enough values to unpack (expected {0}, got {1})", 2),
    _m(54, "UNPACK_MANY", "ValueError", "too many values to unpack (expected {0})", 1),
    _m(55, "SLICE_INDEX_TYPE", "TypeError",
       "slice indices must be integers or None or have an __index__ method"),
    _m(56, "SLICE_STEP_ZERO", "ValueError", "slice step cannot be zero"),
    _m(57, "ASSIGN_ITERABLE", "TypeError", "can only assign an iterable"),
    _m(58, "ASSIGN_EXTENDED_ITERABLE", "TypeError", "must assign iterable to extended slice"),
    _m(59, "EXTENDED_SLICE_SIZE", "ValueError",
       "attempt to assign sequence of size {0} to extended slice of size {1}", 2),
    _m(60, "UNHASHABLE", "TypeError", "unhashable type: '{0:t}'", 1),
    _m(61, "DICT_CHANGED", "RuntimeError", "dictionary changed size during iteration"),
    _m(62, "NOT_REVERSIBLE", "TypeError", "'{0:t}' object is not reversible", 1),
    _m(63, "MALFORMED", "ValueError", "malformed marshalled value"),
    _m(64, "EXC_ARGS", "TypeError", "{0:e} expected at most 1 argument, got {1}", 2),
    _m(65, "NOT_EXCEPTION", "TypeError", "exceptions must derive from BaseException"),
    _m(66, "CATCH_NOT_EXCEPTION", "TypeError",
       "catching classes that do not inherit from BaseException is not allowed"),
    _m(67, "JOIN_ITEM", "TypeError", "expected str instance, {0:t} found", 1),
    _m(68, "STR_INDEX_RANGE", "IndexError", "string index out of range"),
    _m(69, "HOST_TEXT_TYPE", "TypeError", "the host sent a '{0:t}' for a value's text", 1),
    _m(70, "ONE_ARGUMENT", "TypeError", "{0:b}() takes exactly one argument ({1} given)", 2),
    _m(71, "NO_ARGUMENTS", "TypeError", "{0:b}() takes no arguments ({1} given)", 2),
    _m(72, "AT_LEAST", "TypeError", "{0:b} expected at least {1} argument{1:s}, got {2}", 3),
    _m(73, "AT_MOST", "TypeError", "{0:b} expected at most {1} argument{1:s}, got {2}", 3),
    _m(74, "SEP_TYPE", "TypeError", "sep must be None or a string, not {0:t}", 1),
    _m(75, "INT_LITERAL", "ValueError", "invalid literal for int() with base 10: {0!r}", 1),
    _m(76, "INT_ARG", "TypeError",
       "int() argument must be a string, a bytes-like object or a real number, not '{0:t}'", 1),
    _m(77, "ABS_TYPE", "TypeError", "bad operand type for abs(): '{0:t}'", 1),
    _m(78, "FLOAT_ARG", "TypeError",
       "float() argument must be a string or a real number, not '{0:t}'", 1),
    _m(79, "REAL_NUMBER", "TypeError", "must be real number, not {0:t}", 1),
    _m(80, "NO_HOST", "RuntimeError", "no host serves host calls here"),
    _m(81, "HOST_FAILED", "RuntimeError", "the host failed to serve a host call"),
    _m(82, "NO_ATTRIBUTE", "AttributeError", "'{0:t}' object has no attribute '{1:b}'", 2),
    _m(83, "POP_EMPTY", "IndexError", "pop from empty list"),
    _m(84, "POP_RANGE", "IndexError", "pop index out of range"),
    _m(85, "NOT_IN_LIST", "ValueError", "{0!r} is not in list", 1),
    _m(86, "NOT_IN_TUPLE", "ValueError", "tuple.index(x): x not in tuple"),
    _m(87, "EMPTY_SEQUENCE", "ValueError", "{0:b}() arg is an empty sequence", 1),
    _m(88, "SUM_STRINGS", "TypeError", "sum() can't sum strings [use ''.join(seq) instead]"),
    _m(89, "DIVMOD_TYPES", "TypeError",
       "unsupported operand type(s) for divmod(): '{0:t}' and '{1:t}'", 2),
    _m(90, "ISINSTANCE_TYPE", "TypeError",
       "isinstance() arg 2 must be a type, a tuple of types, or a union"),
    _m(91, "END_TYPE", "TypeError", "end must be None or a string, not {0:t}", 1),
    _m(92, "KEYWORD_NOT_STR", "TypeError", "keywords must be strings"),
    _m(93, "EMPTY_RANDRANGE", "ValueError", "empty range for randrange()"),
    _m(94, "SEED_TYPE", "TypeError", "only int seeds are supported, not '{0:t}'", 1),
    _m(95, "ZERO_STEP_RANDRANGE", "ValueError", "zero step for randrange()"),
    _m(96, "CHOICE_EMPTY", "IndexError", "Cannot choose from an empty sequence"),
    _m(97, "CORE_ID_TYPE", "TypeError", "core id must be an int, not '{0:t}'", 1),
    _m(98, "NO_SUCH_CORE", "ValueError", "core {0} does not exist (numcores() is {1})", 2),
    _m(99, "REDUCE_OP", "ValueError",
       "reduce op must be 'sum', 'prod', 'min', 'max' or a function, not {0!r}", 1),
    _m(100, "CANNOT_SEND", "TypeError", "cannot send a '{0:t}' object to another core", 1),
)

BY_NAME = {m.name: m for m in MESSAGES}
BY_INDEX = {m.index: m for m in MESSAGES}
BY_ID = {m.id: m for m in MESSAGES}
assert len(BY_NAME) == len(BY_INDEX) == len(MESSAGES)
assert all(m.nargs <= MAX_ARGS and m.id < 1 << 16 for m in MESSAGES)

_TYPE_NAMES = {
    _marshal.Code.NONE: "NoneType", _marshal.Code.FALSE: "bool", _marshal.Code.TRUE: "bool",
    _marshal.Code.INT: "int", _marshal.Code.FLOAT: "float", _marshal.Code.STR: "str",
    _marshal.Code.LIST: "list", _marshal.Code.TUPLE: "tuple", _marshal.Code.DICT: "dict",
    _marshal.Code.KEYS: "dict_keys", _marshal.Code.VALUES: "dict_values",
    _marshal.Code.ITEMS: "dict_items", _marshal.Code.RANGE: "range",
    _marshal.Code.FUNCTION: "function", _marshal.Code.BUILTIN: "builtin_function_or_method",
    _marshal.Code.EXC_CLASS: "type",
}

_OPERATORS = {
    "BINARY_ADD": "+", "BINARY_SUB": "-", "BINARY_MUL": "*", "BINARY_TRUEDIV": "/",
    "BINARY_FLOORDIV": "//", "BINARY_MOD": "%", "BINARY_POW": "** or pow()",
    "BINARY_LSHIFT": "<<", "BINARY_RSHIFT": ">>", "BINARY_AND": "&", "BINARY_OR": "|",
    "BINARY_XOR": "^", "INPLACE_ADD": "+=", "INPLACE_MUL": "*=",
    "COMPARE_LT": "<", "COMPARE_LE": "<=", "COMPARE_GT": ">", "COMPARE_GE": ">=",
    "UNARY_NEG": "-", "UNARY_POS": "+", "UNARY_INVERT": "~",
}
OPERATORS = {_opcodes.BY_NAME[name].number: symbol for name, symbol in _OPERATORS.items()}


def type_name(code):
    """The type name of a ``{i:t}`` argument: a marshal type code with a sub id above bit 8."""
    base, sub = code & 0xFF, code >> 8
    if base == _marshal.Code.EXC:
        exc = _exceptions.BY_ID.get(sub)
        return exc.name if exc else "Exception"
    if base == _marshal.Code.ITER:
        return _marshal.ITERATORS[sub] if sub < len(_marshal.ITERATORS) else "iterator"
    return _TYPE_NAMES.get(base, "object")


def _plural(n, one, many):
    return one if n == 1 else many


class _Formatter(string.Formatter):
    def format_field(self, value, spec):
        if spec == "t":
            return type_name(value)
        if spec == "s":
            return _plural(value, "", "s")
        if spec == "was":
            return _plural(value, "was", "were")
        if spec == "b":
            row = _builtins.BY_ID.get(value)
            return row.name if row else f"#{value}"
        if spec == "e":
            exc = _exceptions.BY_ID.get(value)
            return exc.name if exc else "Exception"
        if spec == "op":
            return OPERATORS.get(value, "?")
        return super().format_field(value, spec)


_FORMATTER = _Formatter()


def unpack(message_id):
    """``(Message or None, exception id, number of arguments)`` of a packed message id."""
    return BY_INDEX.get(message_id >> 8), message_id >> 3 & 0x1F, message_id & 7


def format_message(message_id, args):
    """The text of packed message ``message_id`` with ``args`` (a tuple of decoded values)."""
    message = BY_INDEX.get(message_id >> 8)
    if message is None:
        return f"<message {message_id}>" + "".join(f" {a!r}" for a in args)
    if message.text is None:
        return str(args[0]) if len(args) == 1 else str(args)
    return _FORMATTER.format(message.text, *args)
