"""The microcore compiler: a Python 3 subset to the bytecode image the VM runs on every core.

Use :func:`compile_source` or :func:`compile_file`; both return a validated
:class:`~microcore.bytecode.container.Image` (call its ``to_bytes()`` for the bytes to load) or
raise :class:`CompileError`, whose ``str()`` is ``file:line:col: message`` with a 1-based line and
a 1-based *character* column. When a program has several problems, the one that comes first in
the source is reported, whether CPython found it (``'break' outside loop``) or microcore did
(``unsupported class definition``).

Supported so far: int (32-bit), str, bool and None constants; tuples; module globals, function
locals and ``global``; the builtins ``print``, ``str``, ``int``, ``len``, ``abs`` and the
``parallel`` module (``from parallel import coreid``, ``import parallel``); assignment (chained,
to names and subscripts), augmented assignment to names; ``if``/``elif``/``else``, ``while``/
``else``, ``break``, ``continue``, ``pass``; ``def`` with positional parameters, ``return``,
recursion, functions as values, nested functions that do not capture; arithmetic, bitwise,
comparison (chained too), ``and``/``or``/``not`` and conditional expressions; calls; subscripts;
dict displays, ``del``, default parameter values, keyword arguments, ``lambda``, and list and dict
comprehensions (compiled inline); ``docs/language.md`` has the full list.
Everything else is rejected as ``unsupported <construct>``; :data:`.codegen.UNSUPPORTED` lists
the phrases.

Differences from CPython that a program can observe (the VM adds its own, such as 32-bit ints):

* Builtin calls with a wrong number of arguments are compile-time errors, not run-time
  ``TypeError``\\ s.
* A name imported from ``parallel`` and never rebound is resolved at compile time, so it works even
  before the import statement runs.
* Annotations are never evaluated (as for local variables, and as in Python 3.14).
* ``__name__`` is ``"__main__"``.

The package is split by concept: :mod:`.errors` (errors and positions), :mod:`.scope` (name
resolution), :mod:`.emitter` (instruction encoding, labels, stack depth, line table),
:mod:`.codegen` (the AST walk) and :mod:`.driver` (the pipeline).
"""

from .driver import compile_file, compile_source
from .errors import CompileError

__all__ = ["compile_source", "compile_file", "CompileError"]
