"""The code generator: walks the :mod:`ast` of a module and emits one code object per function.

Each kind of node is handled by a method named after its :mod:`ast` class: ``_stmt_If``,
``_expr_BinOp``, ... A node without such a method is rejected with the phrase listed for it in
:data:`UNSUPPORTED` (``unsupported class definition``), so supporting a new construct means
adding its method and deleting its row.

Errors do not stop the walk. :meth:`CodeGenerator.error` records them in the
:class:`~microcore.compiler.errors.Diagnostics`, and the generator carries on with code that keeps
the operand stack consistent (an unsupported expression compiles as ``LOAD_NONE``), so the
driver can report the error that comes first in the source. The image is thrown away when there
are errors.

Statements leave the operand stack as they found it, and expressions push exactly one value; the
generator checks both after every node, and the :class:`~microcore.compiler.emitter.Emitter`
checks every instruction and jump target.
"""

import ast
import struct

from ..bytecode import builtins as _builtins
from ..bytecode import exceptions as _exceptions
from ..bytecode import opcodes as _ops
from ..bytecode.container import CodeObject, Image, Layout
from ..bytecode.marshal import to_float32
from . import scope as _scope
from .emitter import TERMINATORS, Emitter, FunctionTooLarge, InternalCompilerError, MAX_LINE

__all__ = ["CodeGenerator", "UNSUPPORTED", "INT_MIN", "INT_MAX"]

#: Range of the VM's integers (and of INT constants in the image).
INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1
#: Most arguments a call can pass (CALL_FUNCTION's u8 operand, CALL_BUILTIN's count byte).
MAX_CALL_ARGS = 0xFF
_U16_MAX = 0xFFFF
#: Longest string constant (the record's 24-bit length).
MAX_STR_BYTES = (1 << 24) - 1

#: Constructs microcore does not support yet, by :mod:`ast` class name, as the phrase that follows
#: "unsupported" in the error. Classes missing here and without a handler get a generic message.
UNSUPPORTED = {
    # statements
    "ClassDef": "class definition",
    "AsyncFunctionDef": "async function",
    "AsyncFor": "async for loop",
    "With": "with statement",
    "AsyncWith": "async with statement",
    "Match": "match statement",
    "TryStar": "except* (exception groups)",
    "Nonlocal": "nonlocal statement",
    "TypeAlias": "type alias",
    # expressions
    "Set": "set display",
    "SetComp": "set comprehension",
    "GeneratorExp": "generator expression",
    "Await": "await expression",
    "Yield": "yield expression",
    "YieldFrom": "yield expression",
    "NamedExpr": "assignment expression (:=)",
    "Starred": "starred expression",
    "Slice": "slice",
}

#: Operators rejected for now, by :mod:`ast` class name.
UNSUPPORTED_OPERATORS = {"MatMult": "@"}

_BAD = object()     # "an error was reported for this; compile a placeholder"


class _Unit:
    """The code object being compiled: its scope, emitter and enclosing loops."""

    def __init__(self, scope, node, name, index, line):
        self.scope = scope
        self.node = node            # ast.FunctionDef, or None for the module
        self.name = name
        self.index = index
        self.emitter = Emitter(line)
        # What break, continue and return must leave, innermost last (see _Block).
        self.blocks = []
        # Comprehension variables in scope: name -> hidden local slot
        self.comp_names = {}


class _Block:
    """A construct that break, continue and return leave on their way out.

    ``kind`` is "loop" (``top``/``end`` labels, ``n_pop`` values of a for loop's iteration on
    the stack), "finally" (a try body whose ``finalbody`` runs on the way out), "handler" (an
    except body: the stack holds the previously handled exception; ``name`` is unbound on the
    way out), "finally_exc" (a finally body run for an exception: the stack holds the
    previously handled exception and the exception), "pop_value" (a finally body run on the
    way out of a return: the value to return is on the stack) or "try" (a try body with except
    clauses: nothing to run, but a jump out of it is no longer protected by its handler).
    ``outer`` is the handler label active outside the construct, ``inner`` the one active in
    its body outside any try statement nested in it: the code leaving the construct runs under
    it.
    """

    __slots__ = ("kind", "outer", "inner", "top", "end", "n_pop", "finalbody", "name")

    def __init__(self, kind, outer, inner=None, top=None, end=None, n_pop=0, finalbody=None,
                 name=None):
        self.kind, self.outer, self.inner, self.top, self.end = kind, outer, inner, top, end
        self.n_pop, self.finalbody, self.name = n_pop, finalbody, name


class CodeGenerator:
    """Compiles a module's :mod:`ast` into an :class:`~microcore.bytecode.container.Image`.

    Parameters
    ----------
    filename : str
        Recorded in every code object, for the VM's error reports.
    diagnostics : microcore.compiler.errors.Diagnostics
        Where errors are recorded.
    """

    def __init__(self, filename, diagnostics):
        self.filename = filename
        self.diag = diagnostics
        self.image = Image()
        self.unit = None
        #: The innermost statement being compiled (to place "too deeply nested" errors).
        self.current_stmt = None
        self._consts = {}
        self._globals = {}
        self._once = set()
        #: Whether functions must carry their parameter names (the program calls something that
        #: is not a builtin with keyword arguments).
        self._keyword_calls = False

    # -- entry point -----------------------------------------------------------------------------

    def compile_module(self, tree, module_scope):
        """Compile ``tree`` (an ``ast.Module``) whose names ``module_scope`` resolves.

        Returns
        -------
        Image
            The image; meaningful only if no error was recorded.
        """
        self._keyword_calls = any(
            isinstance(n, ast.Call) and n.keywords and not isinstance(n.func, ast.Attribute)
            and not (isinstance(n.func, ast.Name) and _builtins.lookup(n.func.id))
            for n in ast.walk(tree))
        self.image.entry = self._new_code_index(tree)
        self.unit = _Unit(module_scope, None, "<module>", self.image.entry, 1)
        for name, value in module_scope.predefined:
            self._store_predefined(name, value, tree)
        self.body(tree.body)
        self._finish_unit(self.unit, tree.body)
        return self.image

    # -- errors ----------------------------------------------------------------------------------

    def error(self, node, msg):
        """Record ``msg`` at ``node``."""
        self.diag.error(node, msg)

    def _error_once(self, key, node, msg):
        if key not in self._once:
            self._once.add(key)
            self.error(node, msg)

    def _unsupported(self, node):
        name = type(node).__name__
        what = UNSUPPORTED.get(name)
        self.error(node, f"unsupported {what}" if what else f"unsupported syntax ({name})")

    # -- emission helpers ------------------------------------------------------------------------

    @property
    def em(self):
        return self.unit.emitter

    def _set_line(self, node):
        line = getattr(node, "lineno", None)
        if isinstance(line, int) and line >= 1:
            if line > MAX_LINE:
                self._error_once("line", node, f"line number exceeds {MAX_LINE}")
            self.em.line = line

    def _const(self, value, node):
        # Floats by their bits, so that 0.0 and -0.0 (equal as keys) are different constants.
        key = (float, struct.pack("<f", value)) if type(value) is float else (type(value), value)
        index = self._consts.get(key)
        if index is None:
            index = len(self.image.consts)
            self.image.consts.append(value)
            self._consts[key] = index
        if index > _U16_MAX:
            self._error_once("consts", node, f"too many constants (at most {_U16_MAX + 1})")
            return 0
        return index

    def _global_slot(self, name, node):
        slot = self._globals.get(name)
        if slot is None:
            slot = len(self.image.globals)
            self.image.globals.append(name)
            self._globals[name] = slot
            self._const(name, node)
        if slot > _U16_MAX:
            self._error_once("globals", node, f"too many global names (at most {_U16_MAX + 1})")
            return 0
        return slot

    def _new_code_index(self, node):
        index = len(self.image.code)
        self.image.code.append(None)
        if index > _U16_MAX:
            self._error_once("code", node, f"too many functions (at most {_U16_MAX + 1})")
            return 0
        return index

    def _finish_unit(self, unit, body):
        em = unit.emitter
        if body:
            em.line = body[-1].lineno
        # The module always ends with an explicit return; a function only when control can fall
        # off its end (or the unreachable code emitted last does not end in a jump or return).
        if unit.node is None or em.reachable or em.last_opname not in TERMINATORS:
            em.emit("LOAD_NONE")
            em.emit("RETURN_VALUE")
        try:
            code, lines, max_stack = em.finish()
            handlers = em.handlers
        except FunctionTooLarge as exc:
            handlers = []
            if unit.node is not None:
                self.error(unit.node, "function too large")
            else:
                self.diag.error_at(exc.line, 1, "function too large")
            code, lines, max_stack = bytes([_ops.BY_NAME["RETURN_VALUE"].number]), [], 0
        n_args = getattr(unit.scope, "n_args", 0)
        n_locals = getattr(unit.scope, "n_locals", 0)
        if n_locals > Layout.MAX_LOCALS:
            self.error(unit.node, f"too many local variables in function '{unit.name}' "
                                  f"(at most {Layout.MAX_LOCALS})")
            n_args = n_locals = 0
        self._const(unit.name, unit.node)
        self._const(self.filename, unit.node)
        self.image.code[unit.index] = CodeObject(unit.name, self.filename, code, lines,
                                                 n_args, n_locals, max_stack, handlers)

    # -- statements ------------------------------------------------------------------------------

    def body(self, stmts):
        """Compile a list of statements."""
        for node in stmts:
            self.stmt(node)

    def stmt(self, node):
        """Compile one statement; it leaves the operand stack as it found it."""
        em = self.em
        saved_line, saved_stmt = em.line, self.current_stmt
        self.current_stmt = node
        self._set_line(node)
        depth = em.depth
        method = getattr(self, "_stmt_" + type(node).__name__, None)
        if method is None:
            self._unsupported(node)
        else:
            method(node)
        if em.depth != depth:
            raise InternalCompilerError(f"{type(node).__name__} at line {node.lineno} changed "
                                        f"the stack depth from {depth} to {em.depth}")
        em.line, self.current_stmt = saved_line, saved_stmt

    def _stmt_Expr(self, node):
        if isinstance(node.value, ast.Constant):
            return      # docstrings and `...` have no effect
        self.expr(node.value)
        self.em.emit("POP_TOP")

    def _stmt_Pass(self, node):
        pass

    def _stmt_Global(self, node):
        pass        # resolved by the scope analysis

    def _stmt_Assign(self, node):
        self.expr(node.value)
        for i, target in enumerate(node.targets):
            if i < len(node.targets) - 1:
                self.em.emit("DUP_TOP")
            self.store(target)

    def _stmt_AugAssign(self, node):
        target = node.target
        em = self.em
        opname = self._binary_opname(node.op, node, "=")
        if opname:
            opname = _ops.InplaceOp.get(type(node.op).__name__, opname)
        if isinstance(target, ast.Name):
            self._load_name(target.id, target)
            self.expr(node.value)
            em.emit(opname or "POP_TOP")
            self._store_name(target.id, target)
        elif isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Slice):
            self.error(node, "unsupported augmented assignment to a slice")
        elif isinstance(target, ast.Subscript):
            # a[i] op= v: a i -> a i a i -> a i a[i] -> a i r -> r a i -> store
            self.expr(target.value)
            self.expr(target.slice)
            em.emit("DUP_TOP_TWO")
            em.emit("BINARY_SUBSCR")
            self.expr(node.value)
            em.emit(opname or "POP_TOP")
            em.emit("ROT_THREE")
            em.emit("STORE_SUBSCR")
        elif isinstance(target, ast.Attribute):
            self.error(node, "unsupported attribute assignment")
        else:
            self.error(node, "unsupported augmented assignment target")

    def _stmt_AnnAssign(self, node):
        # Annotations are not evaluated (as in a function body, and in Python 3.14 everywhere).
        if node.value is not None:
            self.expr(node.value)
            self.store(node.target)
        elif isinstance(node.target, ast.Attribute):
            self.error(node.target, "unsupported attribute assignment")
        elif isinstance(node.target, ast.Subscript):
            self.expr(node.target.value)        # a non-simple target is still evaluated
            self.em.emit("POP_TOP")
            self.expr(node.target.slice)
            self.em.emit("POP_TOP")

    def store(self, target):
        """Pop TOS into assignment target ``target``."""
        if isinstance(target, ast.Name):
            self._store_name(target.id, target)
        elif isinstance(target, ast.Subscript):
            self._subscript(target, "STORE_SLICE", "STORE_SUBSCR")
        elif isinstance(target, (ast.Tuple, ast.List)):
            n = len(target.elts)
            starred = [e for e in target.elts if isinstance(e, ast.Starred)]
            if starred:
                self.error(starred[0], "unsupported starred assignment")
                self.em.emit("POP_TOP")
            elif n > 0xFF:
                self.error(target, f"too many assignment targets ({n}; at most 255)")
                self.em.emit("POP_TOP")
            else:
                # seq -> tuple of exactly n items; then target k = tuple[k]
                self.em.emit("UNPACK_SEQUENCE", n)
                for k, elt in enumerate(target.elts):
                    self.em.emit("DUP_TOP")
                    self.em.emit("LOAD_CONST", self._const(k, elt))
                    self.em.emit("BINARY_SUBSCR")
                    self.store(elt)
                self.em.emit("POP_TOP")
        else:
            what = {ast.Attribute: "attribute assignment",
                    ast.Starred: "starred assignment"}.get(type(target), "assignment target")
            self.error(target, f"unsupported {what}")
            self.em.emit("POP_TOP")

    def _stmt_FunctionDef(self, node):
        for decorator in node.decorator_list:
            self.error(decorator, "unsupported decorator")
        for param in getattr(node, "type_params", None) or ():
            self.error(param, "unsupported type parameters")
        self._make_function(node, node.name, node.body)
        self._store_name(node.name, node)

    def _expr_Lambda(self, node):
        for name in self.unit.comp_names:
            if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.body)):
                self.error(node, f"unsupported closure over '{name}' (a comprehension variable)")
                break
        self._make_function(node, "<lambda>", None)

    def _make_function(self, node, name, body):
        """Push a function for ``node`` (a def, or a lambda when ``body`` is None)."""
        args = node.args
        if args.vararg:
            self.error(args.vararg, "unsupported *args parameter")
        for arg in args.kwonlyargs:
            self.error(arg, "unsupported keyword-only parameter")
        if args.kwarg:
            self.error(args.kwarg, "unsupported **kwargs parameter")
        scope = self.unit.scope.children[node]
        # Defaults are evaluated once, here, in the enclosing scope.
        for default in args.defaults:
            self.expr(default)
        outer = self.unit
        index = self._new_code_index(node)
        self.unit = _Unit(scope, node, name, index, node.lineno)
        if body is None:
            self._set_line(node.body)
            self.expr(node.body)
            self.em.emit("RETURN_VALUE")
            self._finish_unit(self.unit, [node.body])
        else:
            self.body(body)
            self._finish_unit(self.unit, body)
        self.unit = outer
        if args.defaults or (self._keyword_calls and scope.params):
            if args.defaults:
                self.em.emit("BUILD_TUPLE", len(args.defaults))     # evaluated above
            else:
                self.em.emit("LOAD_NONE")
            # Positional-only parameters get a name no keyword can match.
            posonly = len(getattr(args, "posonlyargs", ()))
            names = ["." if i < posonly else p for i, p in enumerate(scope.params)]
            self.em.emit("LOAD_CONST", self._const(" ".join(names), node))
            self.em.emit("MAKE_FUNCTION_EX", index)
        else:
            self.em.emit("MAKE_FUNCTION", index)

    def _stmt_Delete(self, node):
        for target in node.targets:
            self._delete(target)

    def _delete(self, target):
        em = self.em
        if isinstance(target, ast.Name):
            binding = self.unit.scope.binding(target.id)
            if isinstance(binding, _scope.Local) and binding.slot <= Layout.MAX_LOCALS:
                em.emit("DELETE_FAST", binding.slot)
            elif isinstance(binding, _scope.Global):
                em.emit("DELETE_GLOBAL", self._global_slot(binding.name, target))
            elif not isinstance(binding, _scope.Local):
                self.error(target, f"unsupported del of imported name '{target.id}'")
        elif isinstance(target, ast.Subscript):
            self._subscript(target, "DELETE_SLICE", "DELETE_SUBSCR")
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self._delete(elt)
        else:
            self.error(target, "unsupported attribute deletion" if isinstance(target, ast.Attribute)
                       else "unsupported del target")

    def _stmt_Return(self, node):
        if self.unit.node is None:
            self.error(node, "'return' outside function")
        if node.value is None:
            self.em.emit("LOAD_NONE")
        else:
            self.expr(node.value)
        depth, handler = self.em.depth, self.em.handler
        self._unwind(0, True)
        self.em.emit("RETURN_VALUE")
        self.em.depth = depth - 1       # what follows (unreachable) is at statement level
        self.em.handler = handler

    def _stmt_If(self, node):
        em = self.em
        end = em.label()
        while True:
            orelse = em.label()
            self.jump_if(node.test, orelse, False)
            self.body(node.body)
            if not node.orelse:
                em.bind(orelse)
                break
            if em.reachable:
                em.emit_jump("JUMP", end)
            em.bind(orelse)
            if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
                node = node.orelse[0]       # elif: loop rather than recurse
                self._set_line(node)
                continue
            self.body(node.orelse)
            break
        em.bind(end)

    def _stmt_While(self, node):
        em = self.em
        top, end = em.label(), em.label()
        orelse = em.label() if node.orelse else end
        em.bind(top)
        if not _always_true(node.test):
            self.jump_if(node.test, orelse, False)
        self.unit.blocks.append(_Block("loop", em.handler, em.handler, top, end, 0))
        self.body(node.body)
        self.unit.blocks.pop()
        if em.reachable:
            em.emit_jump("JUMP", top)
        if node.orelse:
            em.bind(orelse)
            self.body(node.orelse)
        em.bind(end)

    def _stmt_For(self, node):
        # iterable GET_ITER; top: FOR_ITER exit; target = item; body; JUMP top; exit: else
        em = self.em
        self.expr(node.iter)
        em.emit("GET_ITER")
        top, exit_, end = em.label(), em.label(), em.label()
        em.bind(top)
        em.emit_jump("FOR_ITER", exit_)
        self.store(node.target)
        self.unit.blocks.append(_Block("loop", em.handler, em.handler, top, end, 2))
        self.body(node.body)
        self.unit.blocks.pop()
        if em.reachable:
            em.emit_jump("JUMP", top)
        em.bind(exit_)
        self.body(node.orelse)
        em.bind(end)

    def _loop_index(self):
        """Index in the block stack of the innermost loop, or None."""
        for i in range(len(self.unit.blocks) - 1, -1, -1):
            if self.unit.blocks[i].kind == "loop":
                return i
        return None

    def _stmt_Break(self, node):
        i = self._loop_index()
        if i is None:
            self.error(node, "'break' outside loop")
            return
        loop = self.unit.blocks[i]
        depth, handler = self.em.depth, self.em.handler
        self._unwind(i + 1, False)
        self.em.handler = loop.inner
        for _ in range(loop.n_pop):
            self.em.emit("POP_TOP")      # the iteration of a for loop
        self.em.emit_jump("JUMP", loop.end)
        self.em.depth = depth           # what follows (unreachable) is at statement level
        self.em.handler = handler

    def _stmt_Continue(self, node):
        i = self._loop_index()
        if i is None:
            self.error(node, "'continue' not properly in loop")
            return
        depth, handler = self.em.depth, self.em.handler
        self._unwind(i + 1, False)
        self.em.emit_jump("JUMP", self.unit.blocks[i].top)
        self.em.depth = depth
        self.em.handler = handler

    def _unwind(self, stop, value):
        """Leave the blocks from the innermost down to ``blocks[stop]``: run finally bodies,
        restore the handled exception, unbind except names. With ``value``, TOS is a return
        value that stays on top; a for loop's iteration is then popped only where an outer
        construct needs what lies below it (a finally body may break out of an outer loop).
        Leaves :attr:`Emitter.handler` set to the handler outside the last block left, for the
        jump or return that follows; the caller restores it."""
        em = self.em
        blocks = self.unit.blocks
        for i in range(len(blocks) - 1, stop - 1, -1):
            block = blocks[i]
            em.handler = block.inner
            if block.kind == "loop":
                if (value and block.n_pop == 2 and
                        any(b.kind != "loop" for b in blocks[stop:i])):
                    em.emit("ROT_THREE")
                    em.emit("POP_TOP")
                    em.emit("POP_TOP")
            elif block.kind == "finally":
                em.handler = block.outer
                # A break, continue or return in the finally body discards the value.
                self.unit.blocks = blocks[:i] + ([_Block("pop_value", block.outer,
                                                         block.outer)] if value else [])
                self.body(block.finalbody)
                self.unit.blocks = blocks
            elif block.kind == "pop_value":
                if value:
                    em.emit("ROT_TWO")
                em.emit("POP_TOP")
            elif block.kind == "handler":
                if value:
                    em.emit("ROT_TWO")
                em.emit("POP_EXCEPT")
                em.handler = block.outer
                if block.name:
                    self._delete_name(block.name, self.current_stmt)
            elif block.kind == "finally_exc":     # drop the exception, as CPython does
                if value:
                    em.emit("ROT_THREE")
                em.emit("POP_TOP")
                em.emit("POP_EXCEPT")
            em.handler = block.outer

    def _store_predefined(self, name, value, node):
        """Store a module global's predefined value: a builtin, an exception class or a
        constant (a name the program may shadow, and uncover again with ``del``)."""
        if isinstance(value, _scope.BuiltinRef):
            self.em.emit("LOAD_BUILTIN", value.builtin.id)
        elif isinstance(value, _scope.ExceptionRef):
            self.em.emit("LOAD_EXC_CLASS", value.exc.id)
        else:
            self._load_constant(value.value, node)
        self.em.emit("STORE_GLOBAL", self._global_slot(name, node))

    def _delete_name(self, name, node):
        # As CPython: ``name = None; del name``, so a handler that deleted it raises nothing.
        self.em.emit("LOAD_NONE")
        self._store_name(name, node)
        binding = self.unit.scope.binding(name)
        if isinstance(binding, _scope.Local):
            if binding.slot <= Layout.MAX_LOCALS:
                self.em.emit("DELETE_FAST", binding.slot)
        elif isinstance(binding, _scope.Global):
            predefined = dict(self.unit.scope.module.predefined).get(name)
            if predefined is None:
                self.em.emit("DELETE_GLOBAL", self._global_slot(binding.name, node))
                return
            # Deleting a global that shadows a builtin uncovers the builtin again.
            self._store_predefined(binding.name, predefined, node)
        else:
            raise InternalCompilerError(f"cannot delete {binding!r}")

    # -- exceptions ------------------------------------------------------------------------------

    def _stmt_Raise(self, node):
        em = self.em
        if node.cause is not None:
            self.error(node, "unsupported raise ... from (exception chaining)")
            return
        if node.exc is None:
            em.emit("RERAISE")
        else:
            self.expr(node.exc)
            em.emit("RAISE")

    def _stmt_Assert(self, node):
        em = self.em
        ok = em.label()
        self.jump_if(node.test, ok, True)
        em.emit("LOAD_EXC_CLASS", _exceptions.BY_NAME["AssertionError"].id)
        if node.msg is not None:
            self.expr(node.msg)
            em.emit("CALL_FUNCTION", 1)
        em.emit("RAISE")
        em.bind(ok)

    def _stmt_Try(self, node):
        # try: body  finally: fin       (handler F protects the body, with everything the
        #                                 try/except inside it compiles to)
        #       body; fin; JUMP end
        #   F:  [exc] PUSH_EXC_INFO [prev exc] fin      (protected by C)
        #   C:  [prev exc] ROT_TWO POP_EXCEPT RAISE      end:
        if not node.finalbody:
            self._try_except(node)
            return
        em = self.em
        depth, outer = em.depth, em.handler
        fin = em.handler_label()
        em.handler = fin
        self.unit.blocks.append(_Block("finally", outer, fin, finalbody=node.finalbody))
        if node.handlers:
            self._try_except(node)
        else:
            self.body(node.body)
        self.unit.blocks.pop()
        em.handler = outer
        end = em.label()
        if em.reachable:
            self.body(node.finalbody)
            if em.reachable:
                em.emit_jump("JUMP", end)
        em.bind(fin)
        em.emit("PUSH_EXC_INFO")
        cleanup = em.handler_label(depth + 1)
        em.handler = cleanup
        self.unit.blocks.append(_Block("finally_exc", outer, cleanup))
        self.body(node.finalbody)
        self.unit.blocks.pop()
        em.handler = outer
        em.bind(cleanup)
        em.emit("ROT_TWO")
        em.emit("POP_EXCEPT")
        em.emit("RAISE")
        em.bind(end)

    def _try_except(self, node):
        # try: body  except E as e: h  else: els
        #       body (protected by H); els; JUMP end
        #   H:  [exc] PUSH_EXC_INFO [prev exc]                  (the rest protected by C)
        #       E CHECK_EXC_MATCH POP_JUMP_IF_FALSE next          [prev exc]
        #       STORE e [prev] h (protected by N) POP_EXCEPT DELETE e JUMP end
        #   N:  [prev exc2] DELETE e ROT_TWO POP_EXCEPT RAISE
        #   next: ... (no clause matched)
        #   C:  [prev exc] ROT_TWO POP_EXCEPT RAISE             end:
        em = self.em
        depth, outer = em.depth, em.handler
        handler = em.handler_label()
        em.handler = handler
        self.unit.blocks.append(_Block("try", outer, handler))
        self.body(node.body)
        self.unit.blocks.pop()
        em.handler = outer
        end = em.label()
        self.body(node.orelse)
        if em.reachable:
            em.emit_jump("JUMP", end)
        em.bind(handler)
        em.emit("PUSH_EXC_INFO")
        cleanup = em.handler_label(depth + 1)
        handlers = node.handlers
        for k, h in enumerate(handlers[:-1]):
            if h.type is None:
                self.error(h, "default 'except:' must be last")
                handlers = handlers[:k + 1]     # (the rest would be unreachable)
                break
        for h in handlers:
            em.handler = cleanup
            self._set_line(h)
            nxt = em.label()
            if h.type is not None:
                self.expr(h.type)
                em.emit("CHECK_EXC_MATCH")
                em.emit_jump("POP_JUMP_IF_FALSE", nxt)
            if h.name:
                self._store_name(h.name, h)
                named = em.handler_label(depth + 1)
                em.handler = named
            else:
                em.emit("POP_TOP")
            self.unit.blocks.append(_Block("handler", outer, em.handler, name=h.name))
            saved_stmt, self.current_stmt = self.current_stmt, h
            self.body(h.body)
            self.current_stmt = saved_stmt
            self.unit.blocks.pop()
            em.handler = cleanup
            if em.reachable:
                em.emit("POP_EXCEPT")
                em.handler = outer
                if h.name:
                    self._delete_name(h.name, h)
                em.emit_jump("JUMP", end)
            if h.name:
                em.handler = outer
                em.bind(named)
                self._delete_name(h.name, h)
                em.emit("ROT_TWO")
                em.emit("POP_EXCEPT")
                em.emit("RAISE")
            em.bind(nxt)
        em.handler = outer
        em.bind(cleanup)
        em.emit("ROT_TWO")
        em.emit("POP_EXCEPT")
        em.emit("RAISE")
        em.bind(end)

    def _stmt_Import(self, node):
        for alias in node.names:
            where = alias if hasattr(alias, "lineno") else node
            if alias.name not in _builtins.MODULES:
                self.error(where, f"unsupported import of module '{alias.name}'")
                continue
            name = alias.asname or alias.name
            if self.unit.scope.binding(name) != _scope.ModuleRef(alias.name):
                self.error(where, f"unsupported use of module '{alias.name}' as a value "
                                  f"('{name}' is also assigned)")

    def _stmt_ImportFrom(self, node):
        if node.level:
            self.error(node, "unsupported relative import")
            return
        if node.module == "__future__":
            return      # CPython has checked the feature names; none changes code generation
        members = _builtins.MODULES.get(node.module)
        constants = _builtins.MODULE_CONSTANTS.get(node.module, {})
        if members is None:
            self.error(node, f"unsupported import of module '{node.module}'")
            return
        for alias in node.names:
            where = alias if hasattr(alias, "lineno") else node
            if alias.name == "*":
                for name, builtin in members.items():
                    self._bind_import(name, builtin, where)
                for name, value in constants.items():
                    self._bind_import(name, _scope.ConstantName(value), where)
                continue
            if alias.name in constants:
                self._bind_import(alias.asname or alias.name,
                                  _scope.ConstantName(constants[alias.name]), where)
                continue
            builtin = members.get(alias.name)
            if builtin is None:
                self.error(where, f"module '{node.module}' has no name '{alias.name}'")
                continue
            self._bind_import(alias.asname or alias.name, builtin, where)

    def _bind_import(self, name, builtin, node):
        binding = self.unit.scope.binding(name)
        if isinstance(builtin, _scope.ConstantName):
            if binding != builtin:
                self._load_constant(builtin.value, node)
                self._store_binding(binding, node)
            return
        if binding == _scope.BuiltinRef(builtin):
            return      # a static alias: every use compiles to the builtin directly
        self.em.emit("LOAD_BUILTIN", builtin.id)
        self._store_binding(binding, node)

    # -- names -----------------------------------------------------------------------------------

    def _load_name(self, name, node):
        em = self.em
        if name in self.unit.comp_names:
            em.emit("LOAD_FAST", self.unit.comp_names[name])
            return
        res = self.unit.scope.resolve(name)
        if isinstance(res, _scope.Local):
            if res.slot <= Layout.MAX_LOCALS:
                em.emit("LOAD_FAST", res.slot)
            else:
                em.emit("LOAD_NONE")    # "too many local variables" is reported
        elif isinstance(res, _scope.Global):
            em.emit("LOAD_GLOBAL", self._global_slot(name, node))
        elif isinstance(res, _scope.BuiltinRef):
            em.emit("LOAD_BUILTIN", res.builtin.id)
        elif isinstance(res, _scope.ConstantName):
            self._load_constant(res.value, node)
        elif isinstance(res, _scope.ExceptionRef):
            em.emit("LOAD_EXC_CLASS", res.exc.id)
        else:
            if isinstance(res, _scope.ModuleRef):
                self.error(node, f"unsupported use of module '{res.name}' as a value")
            elif isinstance(res, _scope.Closure):
                self.error(node, f"unsupported closure over '{name}' "
                                 f"(a local variable of enclosing function '{res.owner}')")
            elif isinstance(res, _scope.UnsupportedBuiltin):
                self.error(node, f"unsupported builtin '{name}'")
            else:
                raise InternalCompilerError(f"unknown resolution {res!r}")
            em.emit("LOAD_NONE")

    def _store_name(self, name, node):
        if name in self.unit.comp_names:
            self.em.emit("STORE_FAST", self.unit.comp_names[name])
            return
        self._store_binding(self.unit.scope.binding(name), node)

    def _store_binding(self, binding, node):
        if isinstance(binding, _scope.Local):
            if binding.slot <= Layout.MAX_LOCALS:
                self.em.emit("STORE_FAST", binding.slot)
            else:
                self.em.emit("POP_TOP")
        elif isinstance(binding, _scope.Global):
            self.em.emit("STORE_GLOBAL", self._global_slot(binding.name, node))
        else:
            raise InternalCompilerError(f"cannot store into {binding!r}")

    # -- expressions -----------------------------------------------------------------------------

    def expr(self, node):
        """Compile one expression; it pushes exactly one value."""
        em = self.em
        saved_line = em.line
        self._set_line(node)
        depth = em.depth
        method = getattr(self, "_expr_" + type(node).__name__, None)
        if method is None:
            self._unsupported(node)
            em.emit("LOAD_NONE")
        else:
            method(node)
        if em.depth != depth + 1:
            raise InternalCompilerError(f"{type(node).__name__} at line {node.lineno} changed "
                                        f"the stack depth from {depth} to {em.depth}")
        em.line = saved_line

    def _expr_Constant(self, node):
        self._load_constant(node.value, node)

    def _load_constant(self, value, node):
        em = self.em
        if value is None:
            em.emit("LOAD_NONE")
        elif value is True:
            em.emit("LOAD_TRUE")
        elif value is False:
            em.emit("LOAD_FALSE")
        elif type(value) is int:
            if not INT_MIN <= value <= INT_MAX:
                self.error(node, "integer constant out of 32-bit range")
                value = 0
            em.emit("LOAD_CONST", self._const(value, node))
        elif type(value) is str:
            try:
                size = len(value.encode("utf-8"))
            except UnicodeEncodeError:
                self.error(node, "unsupported string constant with a lone surrogate")
                value, size = "", 0
            if size > MAX_STR_BYTES:
                self.error(node, "string constant too long")
                value = ""
            em.emit("LOAD_CONST", self._const(value, node))
        elif type(value) is float:
            # binary32, rounded to nearest; beyond its range a literal is infinite.
            em.emit("LOAD_CONST", self._const(to_float32(value), node))
        else:
            what = { complex: "complex literal", bytes: "bytes literal",
                    type(...): "Ellipsis"}.get(type(value), f"constant of type "
                                                            f"{type(value).__name__}")
            self.error(node, f"unsupported {what}")
            em.emit("LOAD_NONE")

    def _expr_Name(self, node):
        self._load_name(node.id, node)

    def _expr_Attribute(self, node):
        member = self._module_member(node)
        if member is None:
            self.error(node, "unsupported attribute access")
            self.em.emit("LOAD_NONE")
        elif member is _BAD:
            self.em.emit("LOAD_NONE")
        elif isinstance(member, _scope.ConstantName):
            self._load_constant(member.value, node)
        else:
            self.em.emit("LOAD_BUILTIN", member.id)

    def _module_member(self, node, report=True):
        """For ``module.name`` of an imported module, the Builtin (or _BAD once reported)."""
        if not isinstance(node.value, ast.Name):
            return None
        res = self.unit.scope.resolve(node.value.id)
        if not isinstance(res, _scope.ModuleRef):
            return None
        builtin = _builtins.MODULES[res.name].get(node.attr)
        constants = _builtins.MODULE_CONSTANTS.get(res.name, {})
        if builtin is None and node.attr in constants:
            return _scope.ConstantName(constants[node.attr])
        if builtin is None:
            if report:
                self.error(node, f"module '{res.name}' has no attribute '{node.attr}'")
            return _BAD
        return builtin

    def _method_call(self, node, func, args):
        """``receiver.name(args)``: CALL_METHOD with the receiver as the first argument."""
        em = self.em
        method = _builtins.lookup_method(func.attr)
        if method is None:
            self.error(func, f"unsupported method '{func.attr}'")
        else:
            # The receiver is not counted in CPython's message.
            arity = _arity_error(_builtins.Builtin(method.id, method.name, method.module,
                                                   method.min_args - 1, method.max_args - 1),
                                 len(args))
            if arity:
                self.error(node, arity)
                method = None
        self.expr(func.value)
        self._builtin_call(node, method, args, 1)

    def _builtin_call(self, node, builtin, args, extra):
        """Push the arguments of a call to ``builtin`` (None after an error) and call it;
        ``extra`` values (the receiver) are on the stack already."""
        em = self.em
        keywords = node.keywords
        slots = builtin.keywords if builtin else ()
        args = list(args)
        kw_values = {}
        for kw in keywords:
            if kw.arg is None:
                self.error(kw, "unsupported **kwargs in call")
                builtin = None
            elif builtin is None:
                pass
            elif kw.arg in builtin.posnames[len(args):len(args) + 1]:
                args.append(kw.value)       # the next positional parameter, by name
            elif kw.arg in dict(slots):
                kw_values[kw.arg] = kw.value
            else:
                self.error(kw, f"{builtin.name}() takes no keyword arguments" if not slots else
                           f"'{kw.arg}' is an invalid keyword argument for {builtin.name}()")
                builtin = None
        for arg in args:
            if isinstance(arg, ast.Starred):
                self.error(arg, "unsupported *args in call")
                em.emit("LOAD_NONE")
            else:
                self.expr(arg)
        nargs = len(args) + extra
        if kw_values:
            # Every keyword slot, in the table's order; given ones evaluated in source order.
            given = [k for k in (kw.arg for kw in keywords) if k in kw_values]
            order = [name for name, _ in slots if name not in kw_values] + given
            for name in order:
                if name in kw_values:
                    self.expr(kw_values[name])
                else:
                    self._load_constant(dict(slots)[name], node)
            if order != [name for name, _ in slots]:
                if len(order) != 2:
                    raise InternalCompilerError("keyword slots beyond two need a permutation")
                em.emit("ROT_TWO")
            nargs += len(slots)
        if builtin is None or nargs > MAX_CALL_ARGS:
            if builtin is not None:     # (more arguments than any builtin takes are reported)
                self.error(node, f"too many arguments in call ({nargs - extra}; at most "
                                 f"{MAX_CALL_ARGS - extra})")
            for _ in range(nargs):
                em.emit("POP_TOP")
            em.emit("LOAD_NONE")
        elif kw_values:
            em.emit("CALL_BUILTIN_KW", _ops.call_builtin_operand(builtin.id, nargs))
        else:
            em.emit("CALL_METHOD" if extra else "CALL_BUILTIN",
                    _ops.call_builtin_operand(builtin.id, nargs))

    def _expr_Call(self, node):
        em = self.em
        args = node.args
        func = node.func
        builtin = None
        if isinstance(func, ast.Attribute) and self._module_member(func, report=False) is None:
            self._method_call(node, func, args)
            return
        if isinstance(func, ast.Name):
            res = self.unit.scope.resolve(func.id) if func.id not in self.unit.comp_names \
                else None
            if isinstance(res, _scope.BuiltinRef):
                builtin = res.builtin
        elif isinstance(func, ast.Attribute):
            builtin = self._module_member(func)

        if builtin is _BAD:
            for arg in args:
                self.expr(arg) if not isinstance(arg, ast.Starred) else em.emit("LOAD_NONE")
            for kw in node.keywords:
                self.expr(kw.value)
            for _ in range(len(args) + len(node.keywords)):
                em.emit("POP_TOP")
            em.emit("LOAD_NONE")        # the callee was reported
            return
        if builtin is not None:
            positional = len(args) + sum(
                1 for kw in node.keywords if kw.arg in builtin.posnames[len(args):])
            arity = _arity_error(builtin, positional)
            if arity:
                self.error(node, arity)
                builtin = None
            self._builtin_call(node, builtin, args, 0)
            return

        # A function value: positional arguments, then (name, value) pairs.
        self.expr(func)
        for arg in args:
            if isinstance(arg, ast.Starred):
                self.error(arg, "unsupported *args in call")
                em.emit("LOAD_NONE")
            else:
                self.expr(arg)
        keywords = []
        for kw in node.keywords:
            if kw.arg is None:
                self.error(kw, "unsupported **kwargs in call")
                continue
            em.emit("LOAD_CONST", self._const(kw.arg, kw))
            self.expr(kw.value)
            keywords.append(kw)
        nargs, nkw = len(args), len(keywords)
        if nargs > MAX_CALL_ARGS or nkw > MAX_CALL_ARGS:
            self.error(node, f"too many arguments in call ({nargs + nkw}; at most "
                             f"{MAX_CALL_ARGS})")
            for _ in range(nargs + 2 * nkw + 1):
                em.emit("POP_TOP")
            em.emit("LOAD_NONE")
        elif nkw:
            em.emit("CALL_FUNCTION_KW", nargs | nkw << 8)
        else:
            em.emit("CALL_FUNCTION", nargs)

    def _expr_JoinedStr(self, node):
        """``f"a{x}b{y:.2f}"``: each part as a str, then BUILD_STRING joins them."""
        em = self.em
        parts = node.values
        for part in parts:
            if isinstance(part, ast.Constant):
                self._load_constant(part.value, part)
            else:
                self._formatted_value(part)
        if len(parts) == 1:
            return      # the part is already a str
        if not parts:
            self._load_constant("", node)
        elif len(parts) > _U16_MAX:
            self.error(node, "f-string too long")
            for _ in range(len(parts) - 1):
                em.emit("POP_TOP")
        else:
            em.emit("BUILD_STRING", len(parts))

    def _formatted_value(self, node):
        """``{value!conversion:spec}`` as a str: str() or repr() on the core, format() on the
        host."""
        em = self.em
        conversion = {-1: None, ord("s"): _builtins.lookup("str"),
                      ord("r"): _builtins.lookup("repr")}.get(node.conversion, _BAD)
        if conversion is _BAD:
            self.error(node, "unsupported f-string conversion !a")
            conversion = None
        if node.format_spec is None:
            self.expr(node.value)
            em.emit("CALL_BUILTIN", _ops.call_builtin_operand((conversion or
                                                               _builtins.lookup("str")).id, 1))
            return
        self.expr(node.value)
        if conversion is not None:
            em.emit("CALL_BUILTIN", _ops.call_builtin_operand(conversion.id, 1))
        self.expr(node.format_spec)
        em.emit("CALL_BUILTIN", _ops.call_builtin_operand(_builtins.lookup("format").id, 2))

    def _expr_Subscript(self, node):
        self._subscript(node, "BINARY_SLICE", "BINARY_SUBSCR")

    def _subscript(self, node, slice_op, index_op):
        """Push ``node.value`` and its index or slice bounds, then emit the matching op."""
        self.expr(node.value)
        if isinstance(node.slice, ast.Slice):
            self._slice_bounds(node.slice)
            self.em.emit(slice_op)
        else:
            self.expr(node.slice)
            self.em.emit(index_op)

    def _slice_bounds(self, node):
        for bound in (node.lower, node.upper, node.step):
            if bound is None:
                self.em.emit("LOAD_NONE")
            else:
                self.expr(bound)

    def _expr_Dict(self, node):
        # An empty dict, then each pair added (the dict is invisible until complete).
        em = self.em
        em.emit("BUILD_MAP")
        for key, value in zip(node.keys, node.values):
            if key is None:
                self.error(value, "unsupported ** in dict display")
                em.emit("LOAD_NONE")
            else:
                self.expr(key)
            self.expr(value)
            em.emit("MAP_ADD", 0)

    def _expr_ListComp(self, node):
        self.em.emit("BUILD_LIST", 0)
        self._comprehension(node, node.generators, 0)

    def _expr_DictComp(self, node):
        self.em.emit("BUILD_MAP")
        self._comprehension(node, node.generators, 0)

    def _comprehension(self, node, generators, level):
        """Compile generator ``level`` of a comprehension inline, its result below the
        iterations: ``for`` clauses nest loops, ``if`` clauses skip, the innermost adds."""
        em = self.em
        gen = generators[level]
        if gen.is_async:
            self.error(gen, "unsupported async comprehension")
        # The first iterable is evaluated outside the comprehension's variables, as in CPython.
        self.expr(gen.iter)
        em.emit("GET_ITER")
        saved = dict(self.unit.comp_names)
        for name in dict.fromkeys(n.id for n in ast.walk(gen.target) if isinstance(n, ast.Name)):
            slot = self.unit.scope.hidden_slot(name)
            if slot > Layout.MAX_LOCALS:
                self._error_once("locals", node, f"too many local variables in function "
                                                 f"'{self.unit.name}' (at most "
                                                 f"{Layout.MAX_LOCALS})")
                slot = 0
            self.unit.comp_names[name] = slot
        top, exit_ = em.label(), em.label()
        em.bind(top)
        em.emit_jump("FOR_ITER", exit_)
        self.store(gen.target)
        for cond in gen.ifs:
            self.jump_if(cond, top, False)
        if level + 1 < len(generators):
            self._comprehension(node, generators, level + 1)
        elif isinstance(node, ast.ListComp):
            self.expr(node.elt)
            em.emit("LIST_APPEND", 2 * len(generators))
        else:
            self.expr(node.key)
            self.expr(node.value)
            em.emit("MAP_ADD", 2 * len(generators))
        em.emit_jump("JUMP", top)
        em.bind(exit_)
        self.unit.comp_names = saved

    def _expr_List(self, node):
        self._display(node, "BUILD_LIST", "list")

    def _expr_Tuple(self, node):
        self._display(node, "BUILD_TUPLE", "tuple")

    def _display(self, node, opname, what):
        for elt in node.elts:
            if isinstance(elt, ast.Starred):
                self.error(elt, "unsupported starred expression")
                self.em.emit("LOAD_NONE")
            else:
                self.expr(elt)
        n = len(node.elts)
        if n > _U16_MAX:
            self.error(node, f"{what} display too long ({n} items; at most {_U16_MAX})")
            for _ in range(n):
                self.em.emit("POP_TOP")
            self.em.emit("LOAD_NONE")
        else:
            self.em.emit(opname, n)

    def _binary_opname(self, op, node, suffix=""):
        """The opcode for :mod:`ast` operator ``op``, or None after reporting it unsupported."""
        name = type(op).__name__
        if name in UNSUPPORTED_OPERATORS:
            self.error(node, f"unsupported operator {UNSUPPORTED_OPERATORS[name]}{suffix}")
            return None
        opname = _ops.BinaryOp.get(name)
        if opname is None:
            self.error(node, f"unsupported operator {name}")
        return opname

    def _expr_BinOp(self, node):
        opname = self._binary_opname(node.op, node)
        self.expr(node.left)
        self.expr(node.right)
        self.em.emit(opname or "POP_TOP")

    def _expr_UnaryOp(self, node):
        operand = node.operand
        if (isinstance(node.op, ast.USub) and isinstance(operand, ast.Constant)
                and type(operand.value) is int and INT_MIN <= -operand.value <= INT_MAX):
            # Fold a negative literal, so that -2147483648 is a constant, as in CPython.
            self.em.emit("LOAD_CONST", self._const(-operand.value, node))
            return
        self.expr(operand)
        self.em.emit(_ops.UnaryOp[type(node.op).__name__])

    def _expr_BoolOp(self, node):
        em = self.em
        end = em.label()
        jump = "JUMP_IF_FALSE_OR_POP" if isinstance(node.op, ast.And) else "JUMP_IF_TRUE_OR_POP"
        for value in node.values[:-1]:
            self.expr(value)
            em.emit_jump(jump, end)
        self.expr(node.values[-1])
        em.bind(end)

    def _expr_Compare(self, node):
        em = self.em
        opnames = [_ops.CompareOp[type(op).__name__] for op in node.ops]
        self.expr(node.left)
        if len(opnames) == 1:
            self.expr(node.comparators[0])
            em.emit(opnames[0])
            return
        # a < b < c: each operand is evaluated once; stop at the first false comparison.
        cleanup, end = em.label(), em.label()
        for opname, comparator in zip(opnames[:-1], node.comparators[:-1]):
            self.expr(comparator)
            em.emit("DUP_TOP")
            em.emit("ROT_THREE")
            em.emit(opname)
            em.emit_jump("JUMP_IF_FALSE_OR_POP", cleanup)
        self.expr(node.comparators[-1])
        em.emit(opnames[-1])
        em.emit_jump("JUMP", end)
        em.bind(cleanup)            # stack: ... operand, False
        em.emit("ROT_TWO")
        em.emit("POP_TOP")
        em.bind(end)

    def _expr_IfExp(self, node):
        em = self.em
        orelse, end = em.label(), em.label()
        self.jump_if(node.test, orelse, False)
        self.expr(node.body)
        em.emit_jump("JUMP", end)
        em.bind(orelse)
        self.expr(node.orelse)
        em.bind(end)

    def jump_if(self, node, label, when):
        """Evaluate ``node`` as a condition and jump to ``label`` if its truth is ``when``.

        ``not``, ``and`` and ``or`` become control flow instead of values.
        """
        em = self.em
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            saved = em.line
            self._set_line(node)
            self.jump_if(node.operand, label, not when)
            em.line = saved
        elif isinstance(node, ast.BoolOp):
            saved = em.line
            self._set_line(node)
            if isinstance(node.op, ast.And) != when:
                # `a and b` jumping when false, `a or b` jumping when true: any operand decides.
                for value in node.values:
                    self.jump_if(value, label, when)
            else:
                skip = em.label()
                for value in node.values[:-1]:
                    self.jump_if(value, skip, not when)
                self.jump_if(node.values[-1], label, when)
                em.bind(skip)
            em.line = saved
        else:
            self.expr(node)
            em.emit_jump("POP_JUMP_IF_TRUE" if when else "POP_JUMP_IF_FALSE", label)


def _always_true(node):
    """Whether ``node`` is a literal that is always true (``while True``, ``while 1``)."""
    if not isinstance(node, ast.Constant):
        return False
    value = node.value
    return value is True or (type(value) is int and value != 0 and INT_MIN <= value <= INT_MAX)


def _arity_error(builtin, nargs):
    """CPython's message for calling ``builtin`` with ``nargs`` arguments, or None if fine."""
    low, high = builtin.min_args, builtin.max_args
    if nargs >= low and (high < 0 or nargs <= high):
        return None
    name = builtin.name
    if low == high:
        if high == 0:
            return f"{name}() takes no arguments ({nargs} given)"
        count = "one argument" if high == 1 else f"{high} arguments"
        return f"{name}() takes exactly {count} ({nargs} given)"
    if nargs < low:
        return f"{name}() takes at least {low} argument{'s' * (low != 1)} ({nargs} given)"
    return f"{name}() takes at most {high} argument{'s' * (high != 1)} ({nargs} given)"
