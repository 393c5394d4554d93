"""Builtin functions the VM implements natively, defined once.

Each row is ``(id, name, module, min_args, max_args)``; ``max_args`` of -1 means any number.
``keywords`` lists the keyword-only parameters a call may name, with the value the compiler
passes when the call leaves one out; a call naming any of them compiles to ``CALL_BUILTIN_KW``,
which passes every keyword slot, in this order, after the positional arguments. ``posnames``
names positional parameters a call may also pass by keyword (``enumerate(x, start=1)``). The
compiler resolves a call to one of these names (and ``from parallel import ...``) at compile
time to ``CALL_BUILTIN`` (see ``opcodes.CallBuiltin``) or ``LOAD_BUILTIN id``; the firmware's
``mc_builtins.h`` is generated from this table as ``MC_BUILTIN(NAME, "name", id, min, max, n_kw)``
rows (``n_kw`` is the number of keyword slots).
"""

from dataclasses import dataclass
import math as _math

from .opcodes import CallBuiltin as _CallBuiltin

__all__ = ["Builtin", "BUILTINS", "BY_ID", "lookup", "lookup_method", "is_method_id", "METHOD",
           "MODULES", "MODULE_CONSTANTS"]

#: The ``module`` of rows that are methods (``lst.append(x)``): never importable, looked up by
#: :func:`lookup_method`, and called with ``CALL_METHOD``.
METHOD = "method"


@dataclass(frozen=True)
class Builtin:
    id: int
    name: str
    module: str     # "builtins" or the module it is imported from
    min_args: int
    max_args: int   # -1: variadic
    host: bool = False      # served wholly by the host function of the same id (hostcalls.py)
    keywords: tuple = ()    # ((name, default), ...): keyword-only slots
    posnames: tuple = ()    # names of the positional parameters, where a call may use them

    @property
    def c_name(self):
        return self.name.upper() if self.module == "builtins" else \
            f"{self.module}_{self.name}".upper()


BUILTINS = (
    Builtin(0, "print", "builtins", 0, -1, keywords=(("sep", None), ("end", None))),
    Builtin(1, "str", "builtins", 0, 1),
    Builtin(2, "int", "builtins", 0, 1),
    Builtin(3, "len", "builtins", 1, 1),
    Builtin(4, "abs", "builtins", 1, 1),
    Builtin(5, "range", "builtins", 1, 3),
    Builtin(6, "list", "builtins", 0, 1),
    Builtin(7, "tuple", "builtins", 0, 1),
    Builtin(8, "sorted", "builtins", 1, 1, keywords=(("reverse", False),)),
    Builtin(9, "float", "builtins", 0, 1),
    Builtin(10, "bool", "builtins", 0, 1),
    Builtin(11, "min", "builtins", 1, -1),
    Builtin(12, "max", "builtins", 1, -1),
    Builtin(13, "sum", "builtins", 1, 2, posnames=("iterable", "start")),
    Builtin(14, "enumerate", "builtins", 1, 2, posnames=("iterable", "start")),
    Builtin(15, "zip", "builtins", 0, -1),
    Builtin(16, "divmod", "builtins", 2, 2),
    Builtin(17, "round", "builtins", 1, 2),
    Builtin(18, "isinstance", "builtins", 2, 2),
    Builtin(19, "reversed", "builtins", 1, 1),
    Builtin(20, "dict", "builtins", 0, 1),
    Builtin(21, "input", "builtins", 0, 1),
    Builtin(22, "format", "builtins", 1, 2, host=True),
    Builtin(23, "repr", "builtins", 1, 1),
    Builtin(32, "coreid", "parallel", 0, 0),
    Builtin(33, "numcores", "parallel", 0, 0),
    Builtin(34, "ishost", "parallel", 0, 0),
    Builtin(35, "isdevice", "parallel", 0, 0),
    # Messages between cores (firmware/vm/par.c, docs/parallel.md).
    Builtin(36, "send", "parallel", 2, 2),
    Builtin(37, "recv", "parallel", 1, 1),
    Builtin(38, "probe", "parallel", 1, 1),
    Builtin(39, "sendrecv", "parallel", 2, 2),
    Builtin(40, "sqrt", "math", 1, 1),
    Builtin(41, "floor", "math", 1, 1),
    Builtin(42, "ceil", "math", 1, 1),
    Builtin(43, "fabs", "math", 1, 1),
    Builtin(44, "pow", "math", 2, 2, host=True),
    Builtin(45, "exp", "math", 1, 1, host=True),
    Builtin(46, "log", "math", 1, 2, host=True),
    Builtin(47, "log10", "math", 1, 1, host=True),
    Builtin(48, "sin", "math", 1, 1, host=True),
    Builtin(49, "cos", "math", 1, 1, host=True),
    Builtin(50, "tan", "math", 1, 1, host=True),
    Builtin(51, "asin", "math", 1, 1, host=True),
    Builtin(52, "acos", "math", 1, 1, host=True),
    Builtin(53, "atan", "math", 1, 1, host=True),
    Builtin(54, "atan2", "math", 2, 2, host=True),
    Builtin(60, "seed", "random", 0, 1),
    Builtin(61, "random", "random", 0, 0),
    Builtin(62, "randint", "random", 2, 2),
    Builtin(63, "randrange", "random", 1, 3),
    Builtin(128, "uniform", "random", 2, 2),
    Builtin(129, "choice", "random", 1, 1),
    Builtin(136, "isend", "parallel", 2, 2),
    Builtin(137, "bcast", "parallel", 2, 2),
    Builtin(138, "reduce", "parallel", 2, 2),
    Builtin(139, "sync", "parallel", 0, 0),
    Builtin(140, "allgather", "parallel", 1, 1),
    Builtin(141, "cycles", "parallel", 0, 0),
    # Methods, called with CALL_METHOD; the receiver is the first argument and is counted.
    Builtin(64, "append", METHOD, 2, 2),
    Builtin(65, "pop", METHOD, 1, 3),
    Builtin(66, "insert", METHOD, 3, 3),
    Builtin(67, "extend", METHOD, 2, 2),
    Builtin(68, "index", METHOD, 2, 2),
    Builtin(69, "sort", METHOD, 1, 1, keywords=(("reverse", False),)),
    Builtin(70, "get", METHOD, 2, 3),
    Builtin(71, "keys", METHOD, 1, 1),
    Builtin(72, "values", METHOD, 1, 1),
    Builtin(73, "items", METHOD, 1, 1),
    Builtin(74, "setdefault", METHOD, 2, 3),
    Builtin(75, "update", METHOD, 1, 2),
    Builtin(76, "clear", METHOD, 1, 1),
    Builtin(77, "copy", METHOD, 1, 1),
    # Methods of the request isend() returns.
    Builtin(112, "test", METHOD, 1, 1),
    Builtin(113, "wait", METHOD, 1, 1),
    # str methods, served by the host (the receiver's type is checked there, as CPython does).
    Builtin(80, "split", METHOD, 1, 3, host=True),
    Builtin(81, "join", METHOD, 2, 2, host=True),
    Builtin(82, "upper", METHOD, 1, 1, host=True),
    Builtin(83, "lower", METHOD, 1, 1, host=True),
    Builtin(84, "strip", METHOD, 1, 2, host=True),
    Builtin(85, "lstrip", METHOD, 1, 2, host=True),
    Builtin(86, "rstrip", METHOD, 1, 2, host=True),
    Builtin(87, "startswith", METHOD, 2, 4, host=True),
    Builtin(88, "endswith", METHOD, 2, 4, host=True),
    Builtin(89, "find", METHOD, 2, 4, host=True),
    Builtin(90, "replace", METHOD, 3, 4, host=True),
    Builtin(91, "count", METHOD, 2, 4, host=True),
)

#: Module attributes that are constants, folded by the compiler (``math.pi``).
MODULE_CONSTANTS = {"math": {"pi": _math.pi, "e": _math.e, "tau": _math.tau, "inf": _math.inf,
                             "nan": _math.nan}}

BY_ID = {b.id: b for b in BUILTINS}
assert len(BY_ID) == len(BUILTINS) and all(b.id < 256 for b in BUILTINS)

#: Modules that may be imported on a core, with the names each provides.
MODULES = {}
for _b in BUILTINS:
    if _b.module not in ("builtins", METHOD):
        MODULES.setdefault(_b.module, {})[_b.name] = _b


def lookup(name, module="builtins"):
    """Return the :class:`Builtin` called ``name`` in ``module``, or None."""
    for b in BUILTINS:
        if b.name == name and b.module == module:
            return b
    return None


def is_method_id(builtin_id):
    """Whether ``builtin_id`` is in the range of method ids (called only by CALL_METHOD)."""
    return _CallBuiltin.METHOD_FIRST <= builtin_id <= _CallBuiltin.METHOD_LAST


def lookup_method(name):
    """Return the method :class:`Builtin` called ``name``, or None."""
    return lookup(name, METHOD)


assert all((b.module == METHOD) == is_method_id(b.id) for b in BUILTINS)
for _name, _consts in MODULE_CONSTANTS.items():
    MODULES.setdefault(_name, {})
