"""Builtin functions the VM implements natively, defined once.

Each row is ``(id, name, module, min_args, max_args)``; ``max_args`` of -1 means any number. The
compiler resolves a call to one of these names (and ``from parallel import ...``) at compile
time to ``CALL_BUILTIN`` (see ``opcodes.CallBuiltin``) or ``LOAD_BUILTIN id``; the firmware's
``mc_builtins.h`` is generated from this table as ``MC_BUILTIN(NAME, "name", id, min, max)``
rows.
"""

from dataclasses import dataclass

__all__ = ["Builtin", "BUILTINS", "BY_ID", "lookup", "MODULES"]


@dataclass(frozen=True)
class Builtin:
    id: int
    name: str
    module: str     # "builtins" or the module it is imported from
    min_args: int
    max_args: int   # -1: variadic

    @property
    def c_name(self):
        return self.name.upper() if self.module == "builtins" else \
            f"{self.module}_{self.name}".upper()


BUILTINS = (
    Builtin(0, "print", "builtins", 0, -1),
    Builtin(1, "str", "builtins", 0, 1),
    Builtin(2, "int", "builtins", 0, 1),
    Builtin(3, "len", "builtins", 1, 1),
    Builtin(4, "abs", "builtins", 1, 1),
    Builtin(32, "coreid", "parallel", 0, 0),
    Builtin(33, "numcores", "parallel", 0, 0),
    Builtin(34, "ishost", "parallel", 0, 0),
    Builtin(35, "isdevice", "parallel", 0, 0),
)

BY_ID = {b.id: b for b in BUILTINS}
assert len(BY_ID) == len(BUILTINS) and all(b.id < 256 for b in BUILTINS)

#: Modules that may be imported on a core, with the names each provides.
MODULES = {}
for _b in BUILTINS:
    if _b.module != "builtins":
        MODULES.setdefault(_b.module, {})[_b.name] = _b


def lookup(name, module="builtins"):
    """Return the :class:`Builtin` called ``name`` in ``module``, or None."""
    for b in BUILTINS:
        if b.name == name and b.module == module:
            return b
    return None
