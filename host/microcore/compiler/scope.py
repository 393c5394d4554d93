"""Name resolution: which names are globals, locals, builtins or imports, decided before codegen.

:func:`analyze` walks the module once and builds a :class:`ModuleScope` with a
:class:`FunctionScope` for every ``def`` (nested ones included). As in CPython, a name is local to
a function when the function binds it anywhere (parameter, assignment target, ``def``, import)
and does not declare it ``global``; every other name the function uses is looked up in the
module. A function that uses a local variable of an enclosing function would need a closure,
which microcore does not have yet: such names resolve to :class:`Closure` and the code generator
rejects them.

Module-level names live in global slots. A name the program never binds falls back to a
microcore builtin of that name (``print``, ``len``, ...); if CPython has a builtin of that name
that microcore lacks (``range``), it is :class:`UnsupportedBuiltin`; anything else is an ordinary
global, which raises ``NameError`` at run time as in CPython. A global that shadows a builtin
(``print = log``) starts out holding the builtin (:attr:`ModuleScope.predefined`), which is how
CPython's fallback to the builtins looks before the assignment.

Imports from the ``parallel`` module bind their name to a builtin. When every binding of a name
in its scope is the same import (the usual ``from parallel import coreid``), the name is a
*static alias*: uses compile straight to ``CALL_BUILTIN`` and the import emits no code. The only
observable difference from CPython is that such a name works even before the import statement
has run. A name also bound some other way gets a slot, which the import fills.

A ``lambda`` is a function scope like a ``def``. List and dict comprehensions are compiled inline
in the code of the scope they appear in (as CPython 3.12 does), with their loop variables in
hidden local slots that the code generator allocates (:meth:`_Scope.hidden_slot`), so they do not
leak into the enclosing scope and see its local variables without a closure. Their targets are
therefore not bindings of the enclosing scope; the rest of them is walked in it. Class bodies
are rejected by the code generator, and this module does not look inside them.
"""

import ast
import builtins as _py_builtins
from dataclasses import dataclass

from ..bytecode import builtins as _mc_builtins
from ..bytecode import exceptions as _mc_exceptions

__all__ = ["analyze", "ModuleScope", "FunctionScope",
           "Local", "Global", "BuiltinRef", "ModuleRef", "ConstantName", "Closure",
           "UnsupportedBuiltin", "ExceptionRef"]


# -- What a name resolves to -------------------------------------------------------------------

@dataclass(frozen=True)
class Local:
    """A local variable of the current function, in slot ``slot``."""
    slot: int


@dataclass(frozen=True)
class Global:
    """A module-level variable, held in the image's global slot of the same name."""
    name: str


@dataclass(frozen=True)
class BuiltinRef:
    """A function the VM implements natively (see :mod:`microcore.bytecode.builtins`)."""
    builtin: _mc_builtins.Builtin


@dataclass(frozen=True)
class ModuleRef:
    """An importable module (``import parallel``); only its attributes can be used."""
    name: str


@dataclass(frozen=True)
class ConstantName:
    """A name with a value fixed at compile time (``__name__``, ``__debug__``)."""
    value: object


@dataclass(frozen=True)
class Closure:
    """A local variable of the enclosing function ``owner``: would need a closure."""
    name: str
    owner: str


@dataclass(frozen=True)
class ExceptionRef:
    """A builtin exception class (see :mod:`microcore.bytecode.exceptions`)."""
    exc: _mc_exceptions.ExceptionType


@dataclass(frozen=True)
class UnsupportedBuiltin:
    """A CPython builtin that microcore does not provide."""
    name: str


#: Binding kind for anything other than an import of a builtin or a module.
_OTHER = "other"

#: Names whose value the compiler knows when the program does not bind them.
_SPECIAL_NAMES = {"__name__": "__main__", "__debug__": True}

_PY_BUILTIN_NAMES = frozenset(dir(_py_builtins))


# -- Scopes ------------------------------------------------------------------------------------

class _Scope:
    def __init__(self, node, name, parent):
        self.node = node
        self.name = name
        self.parent = parent
        self.children = {}          # ast.FunctionDef -> FunctionScope
        self.declared_global = {}   # name -> the first ast.Global naming it
        self.bindings = {}          # name -> set of binding kinds, in order of first binding
        self.aliases = {}           # name -> BuiltinRef | ModuleRef (static aliases)

    def _bind(self, name, kind):
        self.bindings.setdefault(name, set()).add(kind)

    def hidden_slot(self, name):
        """Add a local slot for comprehension variable ``name``; return its number."""
        self.slots.append(f".{len(self.slots)}.{name}")
        return len(self.slots) - 1

    @property
    def n_locals(self):
        return len(self.slots)

    def scopes(self):
        """Yield this scope and every function scope nested in it, depth first."""
        stack = [self]
        while stack:
            scope = stack.pop()
            yield scope
            stack.extend(reversed(list(scope.children.values())))


class ModuleScope(_Scope):
    """The module's scope; resolves every name that is not local to a function.

    Attributes
    ----------
    global_names : set of str
        Names that have a global slot because the module (or a function declaring them
        ``global``) binds them other than as a static alias.
    aliases : dict
        Static aliases: name to :class:`BuiltinRef` or :class:`ModuleRef`.
    predefined : list
        ``(name, BuiltinRef, ExceptionRef or ConstantName)`` for globals that shadow a builtin
        (or ``__name__``): the module starts by storing the builtin's value in them, so that until
        the program assigns them they read as the builtin, as in CPython.
    """

    def __init__(self, node):
        super().__init__(node, "<module>", None)
        self.module = self
        self.global_names = set()
        self.predefined = []
        self.slots = []             # hidden comprehension variables only

    def resolve(self, name):
        """Return what a use of ``name`` at module level refers to."""
        return self.resolve_global(name)

    def resolve_global(self, name):
        """Return what ``name`` refers to when looked up among the globals and builtins."""
        if name in self.aliases:
            return self.aliases[name]
        if name in self.global_names:
            return Global(name)
        if name in _SPECIAL_NAMES:
            return ConstantName(_SPECIAL_NAMES[name])
        builtin = _mc_builtins.lookup(name)
        if builtin is not None:
            return BuiltinRef(builtin)
        if name in _mc_exceptions.BY_NAME:
            return ExceptionRef(_mc_exceptions.BY_NAME[name])
        if name in _PY_BUILTIN_NAMES:
            return UnsupportedBuiltin(name)
        return Global(name)

    def binding(self, name):
        """Return where a store to ``name`` goes: a :class:`Global`, or its static alias."""
        return self.aliases.get(name, Global(name))

    def _finish(self):
        kinds = {name: set(k) for name, k in self.bindings.items()}
        for scope in self.scopes():
            if scope is self:
                continue
            for name in scope.declared_global:
                if name in scope.bindings:
                    kinds.setdefault(name, set()).update(scope.bindings[name])
        for name, k in kinds.items():
            if len(k) == 1 and _OTHER not in k:
                self.aliases[name] = next(iter(k))
            else:
                self.global_names.add(name)
                if name in _SPECIAL_NAMES:
                    self.predefined.append((name, ConstantName(_SPECIAL_NAMES[name])))
                elif _mc_builtins.lookup(name) is not None:
                    self.predefined.append((name, BuiltinRef(_mc_builtins.lookup(name))))
                elif name in _mc_exceptions.BY_NAME:
                    self.predefined.append((name, ExceptionRef(_mc_exceptions.BY_NAME[name])))


class FunctionScope(_Scope):
    """The scope of one ``def``.

    Attributes
    ----------
    slots : list of str
        The name of each local slot; the parameters come first, in order.
    n_args : int
        Number of positional parameters.
    locals : dict
        Name to slot number.
    aliases : dict
        Static aliases local to this function.
    """

    def __init__(self, node, parent):
        super().__init__(node, getattr(node, "name", "<lambda>"), parent)
        self.module = parent.module
        self.slots = []
        self.locals = {}
        args = node.args
        self.params = [a.arg for a in (*getattr(args, "posonlyargs", ()), *args.args)]
        self.n_args = len(self.params)

    def resolve(self, name):
        """Return what a use of ``name`` in this function refers to."""
        if name in self.declared_global:
            return self.module.resolve_global(name)
        if name in self.aliases:
            return self.aliases[name]
        if name in self.locals:
            return Local(self.locals[name])
        scope = self.parent
        while isinstance(scope, FunctionScope):
            if name in scope.declared_global:
                break
            if name in scope.aliases:
                return scope.aliases[name]
            if name in scope.locals:
                return Closure(name, scope.name)
            scope = scope.parent
        return self.module.resolve_global(name)

    def binding(self, name):
        """Return where a store to ``name`` goes: :class:`Local`, :class:`Global` or an alias."""
        if name in self.declared_global:
            return self.module.binding(name)
        if name in self.aliases:
            return self.aliases[name]
        if name not in self.locals:        # only for names this scope never binds
            self._add_slot(name)
        return Local(self.locals[name])

    def _add_slot(self, name):
        self.locals.setdefault(name, len(self.slots))
        self.slots.append(name)

    def _finish(self):
        for name in self.params:
            self._add_slot(name)
        params = set(self.params)
        for name, kinds in self.bindings.items():
            if name in self.declared_global or name in params:
                continue
            if len(kinds) == 1 and _OTHER not in kinds:
                self.aliases[name] = next(iter(kinds))
            else:
                self._add_slot(name)
        args = self.node.args
        for extra in (*args.kwonlyargs, args.vararg, args.kwarg):
            if extra is not None and extra.arg not in self.locals:
                self._add_slot(extra.arg)


# -- Analysis ----------------------------------------------------------------------------------

def analyze(tree):
    """Resolve the names of a module.

    Parameters
    ----------
    tree : ast.Module
        The parsed program.

    Returns
    -------
    ModuleScope
        The module's scope; ``children`` maps each ``ast.FunctionDef`` to its scope.
    """
    module = ModuleScope(tree)
    pending = [(module, tree.body)]
    while pending:
        scope, body = pending.pop()
        for child in _collect(scope, body):
            node_body = child.node.body
            pending.append((child, node_body if isinstance(node_body, list) else [node_body]))
    for scope in module.scopes():
        if scope is not module:
            scope._finish()
    module._finish()
    return module


def _collect(scope, body):
    """Record the bindings and ``global`` declarations of ``body``; return new child scopes."""
    children = []
    for node in _walk_scope(body):
        if isinstance(node, ast.Global):
            for name in node.names:
                scope.declared_global.setdefault(name, node)
        elif isinstance(node, ast.Name):
            if not isinstance(node.ctx, ast.Load):
                scope._bind(node.id, _OTHER)
        elif isinstance(node, ast.FunctionDef):
            scope._bind(node.name, _OTHER)
            child = FunctionScope(node, scope)
            scope.children[node] = child
            children.append(child)
        elif isinstance(node, ast.Lambda):
            child = FunctionScope(node, scope)
            scope.children[node] = child
            children.append(child)
        elif isinstance(node, (ast.AsyncFunctionDef, ast.ClassDef)):
            scope._bind(node.name, _OTHER)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                target = ModuleRef(alias.name) if alias.name in _mc_builtins.MODULES else _OTHER
                scope._bind(alias.asname or alias.name.partition(".")[0], target)
        elif isinstance(node, ast.ImportFrom):
            _collect_import_from(scope, node)
        elif isinstance(node, ast.ExceptHandler):
            if node.name:
                scope._bind(node.name, _OTHER)
        else:
            for field in ("name", "rest"):      # match-statement captures
                value = getattr(node, field, None)
                if isinstance(value, str) and type(node).__name__.startswith("Match"):
                    scope._bind(value, _OTHER)
    return children


def _collect_import_from(scope, node):
    if node.level == 0 and node.module == "__future__":
        return
    module = _mc_builtins.MODULES.get(node.module) if node.level == 0 else None
    constants = _mc_builtins.MODULE_CONSTANTS.get(node.module, {}) if module is not None else {}
    for alias in node.names:
        if alias.name == "*":
            for name, builtin in (module or {}).items():
                scope._bind(name, BuiltinRef(builtin))
            for name, value in constants.items():
                scope._bind(name, ConstantName(value))
            continue
        builtin = module.get(alias.name) if module else None
        if alias.name in constants:
            target = ConstantName(constants[alias.name])
        else:
            target = BuiltinRef(builtin) if builtin else _OTHER
        scope._bind(alias.asname or alias.name, target)


def _walk_scope(body):
    """Yield the nodes of a scope's body, not entering nested scopes' bodies."""
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(_same_scope_children(node)))


def _same_scope_children(node):
    """The children of ``node`` that are evaluated in the scope ``node`` appears in."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = node.args
        evaluated = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
        return [*getattr(node, "decorator_list", ()), *evaluated]
    if isinstance(node, ast.ClassDef):
        return [*node.decorator_list, *node.bases, *node.keywords]
    if isinstance(node, (ast.SetComp, ast.GeneratorExp)):
        return [node.generators[0].iter] if node.generators else []
    if isinstance(node, (ast.ListComp, ast.DictComp)):
        # Inline: everything but the targets is evaluated in this scope.
        parts = [node.elt] if isinstance(node, ast.ListComp) else [node.key, node.value]
        for gen in node.generators:
            parts += [gen.iter, *gen.ifs]
        return parts
    return list(ast.iter_child_nodes(node))
