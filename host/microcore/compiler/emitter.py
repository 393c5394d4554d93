"""Instruction emission for one code object: encoding, labels, stack depth and the line table.

The code generator calls :meth:`Emitter.emit` and :meth:`Emitter.emit_jump` in program order.
The emitter encodes each instruction from :mod:`microcore.bytecode.opcodes`, keeps the operand
stack depth after every instruction (from :func:`~microcore.bytecode.opcodes.stack_effect`),
records the depth expected at each jump target, and adds a line-table entry whenever the source
line changes. :meth:`Emitter.finish` patches the jumps and checks that the depth is back to zero.

Reachability is tracked only as far as the depth bookkeeping needs: after an unconditional jump or
a return, the code that follows is unreachable until a label that some jump targets is bound.
Unreachable code is still emitted (it is rare and the VM never runs it), and its depth is the
statement-level depth it would have had.

Exception handlers: :attr:`Emitter.handler` is the label of the handler that catches exceptions
raised by the instructions emitted from now on (None: they leave the function). The code
generator sets it around try bodies; :meth:`Emitter.finish` turns the runs of instructions that
share a handler into the code object's exception table.
"""

from ..bytecode import opcodes as _ops

__all__ = ["Emitter", "Label", "InternalCompilerError", "FunctionTooLarge"]


class InternalCompilerError(RuntimeError):
    """A compiler invariant failed: a bug in the compiler, never the program's fault."""


class FunctionTooLarge(Exception):
    """A code object outgrew the encoding (a jump beyond s16, or code past 64 KiB).

    Attributes
    ----------
    line : int
        Source line of the instruction that does not fit.
    """

    def __init__(self, line):
        super().__init__(line)
        self.line = line


class Label:
    """A position in the code that jumps can target; bound once with :meth:`Emitter.bind`."""

    __slots__ = ("pc", "depth", "refs")

    def __init__(self):
        self.pc = None      # set by bind()
        self.depth = None   # operand stack depth on arrival
        self.refs = 0       # jumps emitted so far that target this label


#: Net stack change of each jump opcode as ``(when it falls through, when it is taken)``.
#: Every jump-format opcode must be listed, so a new one cannot slip past the depth tracking.
JUMP_EFFECTS = {
    "JUMP": (0, 0),
    "POP_JUMP_IF_FALSE": (-1, -1),
    "POP_JUMP_IF_TRUE": (-1, -1),
    "JUMP_IF_FALSE_OR_POP": (-1, 0),
    "JUMP_IF_TRUE_OR_POP": (-1, 0),
    "FOR_ITER": (1, -2),
}
assert set(JUMP_EFFECTS) == {op.name for op in _ops.OPCODES if op.format == _ops.Format.JUMP}

#: Instructions after which control never falls through.
TERMINATORS = _ops.TERMINATORS

_U8_MAX = 0xFF
_U16_MAX = 0xFFFF
_S16_MIN, _S16_MAX = -0x8000, 0x7FFF
#: Largest pc and line number the line table can hold (both u16).
MAX_PC = _U16_MAX
MAX_LINE = _U16_MAX


class Emitter:
    """Builds the instructions, line table and maximum stack depth of one code object.

    Attributes
    ----------
    line : int
        Source line given to the instructions emitted from now on; the code generator sets it.
    depth : int
        Operand stack depth after the last instruction.
    max_depth : int
        Largest depth so far.
    reachable : bool
        False right after an unconditional jump or return, until a targeted label is bound.
    """

    def __init__(self, line=1):
        self.code = bytearray()
        self.lines = []         # [(pc, line)], one entry per change of line
        self.line = line
        self.depth = 0
        self.max_depth = 0
        self.reachable = True
        self.last_opname = None
        self._fixups = []       # [(pc of the jump, label, line)]
        self.handler = None     # label catching exceptions of what is emitted now
        self._ranges = []       # [(pc, handler label or None)], one per change of handler
        self.handlers = []      # the exception table, set by finish()

    # -- emitting --------------------------------------------------------------------------------

    def emit(self, name, operand=0):
        """Append instruction ``name`` with ``operand`` (0 for no-operand instructions)."""
        op = _ops.BY_NAME[name]
        fmt = op.format
        if fmt == _ops.Format.JUMP:
            raise InternalCompilerError(f"{name} must be emitted with emit_jump")
        limit = {_ops.Format.NONE: 0, _ops.Format.U8: _U8_MAX, _ops.Format.U16: _U16_MAX}[fmt]
        if not isinstance(operand, int) or not 0 <= operand <= limit:
            raise InternalCompilerError(f"operand {operand!r} out of range for {name}")
        pops, pushes = _ops.stack_effect(op, operand)
        self._adjust(pops, pushes - pops, name)
        self._append(op, operand)

    def emit_jump(self, name, label):
        """Append jump ``name`` to ``label`` (bound already or later)."""
        op = _ops.BY_NAME[name]
        if op.format != _ops.Format.JUMP:
            raise InternalCompilerError(f"{name} is not a jump")
        fall, taken = JUMP_EFFECTS[name]
        pops = -min(fall, taken, 0)
        if self.depth < pops:
            raise InternalCompilerError(f"stack underflow at {name} (depth {self.depth})")
        self._arrive(label, self.depth + taken)
        label.refs += 1
        self._adjust(0, fall, name)
        self._fixups.append((len(self.code), label, self.line))
        self._append(op, 0)

    def label(self):
        """Return a new, unbound label."""
        return Label()

    def handler_label(self, depth=None):
        """Return a new handler label that cuts the operand stack to ``depth`` values.

        Control arrives there with those values (the current depth if None) and the exception
        on top of them.
        """
        label = Label()
        self._arrive(label, (self.depth if depth is None else depth) + 1)
        label.refs += 1
        return label

    def bind(self, label):
        """Place ``label`` at the current position."""
        if label.pc is not None:
            raise InternalCompilerError("label bound twice")
        label.pc = len(self.code)
        if label.refs:
            # Forward jumps arrive here, so this point is reachable at their depth.
            if self.reachable:
                self._arrive(label, self.depth)
            else:
                self.depth = label.depth
            self.reachable = True
        else:
            # Only backward jumps can come here; they must arrive at the current depth.
            label.depth = self.depth

    # -- finishing -------------------------------------------------------------------------------

    def finish(self):
        """Patch the jumps and return ``(code, lines, max_depth)``.

        Raises
        ------
        FunctionTooLarge
            If a jump offset does not fit s16 or the code is longer than the line table can
            address.
        InternalCompilerError
            If a label was never bound or the stack is not empty at the end.
        """
        if self.depth != 0:
            raise InternalCompilerError(f"stack depth {self.depth} at the end of the code")
        if not self.code or self.last_opname not in TERMINATORS:
            raise InternalCompilerError("code does not end with a return or jump")
        for pc, label, line in self._fixups:
            if label.pc is None:
                raise InternalCompilerError("jump to a label that was never bound")
            offset = label.pc - (pc + 3)
            if not _S16_MIN <= offset <= _S16_MAX:
                raise FunctionTooLarge(line)
            self.code[pc + 1:pc + 3] = offset.to_bytes(2, "little", signed=True)
        if len(self.code) - 1 > MAX_PC:
            # Blame the line whose code crosses the limit.
            raise FunctionTooLarge(max((e for e in self.lines if e[0] <= MAX_PC),
                                       default=(0, 1))[1])
        handlers = []
        for k, (start, label) in enumerate(self._ranges):
            end = self._ranges[k + 1][0] if k + 1 < len(self._ranges) else len(self.code)
            if label is not None and end > start:
                if label.pc is None:
                    raise InternalCompilerError("exception handler never bound")
                handlers.append((start, end, label.pc, label.depth - 1))
        self.handlers = handlers
        return bytes(self.code), list(self.lines), self.max_depth

    # -- internals -------------------------------------------------------------------------------

    def _adjust(self, pops, delta, name):
        if self.depth < pops:
            raise InternalCompilerError(f"stack underflow at {name} (depth {self.depth})")
        self.depth += delta
        self.max_depth = max(self.max_depth, self.depth)

    def _arrive(self, label, depth):
        if label.depth is None:
            label.depth = depth
        elif label.depth != depth:
            raise InternalCompilerError(
                f"stack depth {depth} at a jump target that expects {label.depth}")

    def _append(self, op, operand):
        pc = len(self.code)
        line = min(max(self.line, 1), MAX_LINE)
        if not self.lines or self.lines[-1][1] != line:
            self.lines.append((pc, line))
        if (self._ranges[-1][1] if self._ranges else None) is not self.handler:
            self._ranges.append((pc, self.handler))
        self.code.append(op.number)
        if op.length == 2:
            self.code.append(operand)
        elif op.length == 3:
            self.code += operand.to_bytes(2, "little")
        self.last_opname = op.name
        if op.name in TERMINATORS:
            self.reachable = False
