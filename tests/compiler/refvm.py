"""A reference interpreter of bytecode images, in Python, for testing the compiler.

It runs an :class:`~microcore.bytecode.container.Image` with the semantics the C VM must have
(CPython's, with 32-bit integers that raise OverflowError), so the compiler's output can be
checked end to end against CPython even where the native VM is not built. It is deliberately
plain: one loop, one branch per opcode, Python values for Python values.
"""

import builtins
from dataclasses import dataclass

from microcore.bytecode import builtins as _builtins
from microcore.bytecode import exceptions as _exceptions
from microcore.bytecode import opcodes as _ops
from microcore.bytecode.disasm import instructions

INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1
MAX_DEPTH = 500


class VMError(Exception):
    """A Python exception in the program: ``name`` is its class, ``line`` its line; ``value``
    the exception object the program raised (None for one the VM raised: it is made when
    caught). Exception objects are CPython's, with ``_mc_line`` once raised."""

    def __init__(self, name, message, line=None, value=None):
        super().__init__(f"{name}: {message} (line {line})")
        self.name, self.message, self.line, self.value = name, message, line, value


def _is_exc_class(value):
    return isinstance(value, type) and issubclass(value, BaseException)


def _raise_value(value):
    """The VMError raising ``value`` (RAISE)."""
    if _is_exc_class(value):
        value = value()
    if not isinstance(value, BaseException):
        return VMError("TypeError", "exceptions must derive from BaseException")
    return VMError(type(value).__name__, str(value), getattr(value, "_mc_line", None), value)


@dataclass(frozen=True)
class Function:
    code: int
    name: str


class _Unbound:
    pass


_UNBOUND = _Unbound()


def _int(value):
    """Check an arithmetic result against the VM's integer range."""
    if type(value) is int and not INT_MIN <= value <= INT_MAX:
        raise VMError("OverflowError", "integer overflow")
    return value


def _str(value):
    if isinstance(value, float):
        raise VMError("NotImplementedError", "converting a float to text is not supported")
    if isinstance(value, list):
        return "[" + ", ".join(_repr(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_repr(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, Function):
        return f"<function {value.name}>"
    if isinstance(value, _builtins.Builtin):
        return f"<built-in function {value.name}>"
    return str(value)


def _repr(value):
    return repr(value) if isinstance(value, (str, BaseException)) else _str(value)


_BINARY = {
    "BINARY_ADD": lambda a, b: a + b,
    "BINARY_SUB": lambda a, b: a - b,
    "BINARY_MUL": lambda a, b: a * b,
    "BINARY_FLOORDIV": lambda a, b: a // b,
    "BINARY_MOD": lambda a, b: a % b,
    "BINARY_POW": lambda a, b: a ** b,
    "BINARY_LSHIFT": lambda a, b: a << b,
    "BINARY_RSHIFT": lambda a, b: a >> b,
    "BINARY_AND": lambda a, b: a & b,
    "BINARY_OR": lambda a, b: a | b,
    "BINARY_XOR": lambda a, b: a ^ b,
    "BINARY_SUBSCR": lambda a, b: a[b],
    "COMPARE_EQ": lambda a, b: a == b,
    "COMPARE_NE": lambda a, b: a != b,
    "COMPARE_LT": lambda a, b: a < b,
    "COMPARE_LE": lambda a, b: a <= b,
    "COMPARE_GT": lambda a, b: a > b,
    "COMPARE_GE": lambda a, b: a >= b,
    "COMPARE_IS": lambda a, b: a is b,
    "COMPARE_IS_NOT": lambda a, b: a is not b,
    "COMPARE_IN": lambda a, b: a in b,
    "COMPARE_NOT_IN": lambda a, b: a not in b,
}
_UNARY = {"UNARY_NEG": lambda a: -a, "UNARY_POS": lambda a: +a, "UNARY_NOT": lambda a: not a,
          "UNARY_INVERT": lambda a: ~a}
_SAFE = (int, float, str, tuple, list, range, type(None))


def _operands_ok(*values):
    return all(isinstance(v, _SAFE) for v in values)


class RefVM:
    """Runs one image as core ``core_id`` of ``num_cores``; ``output`` collects printed lines."""

    def __init__(self, image, core_id=0, num_cores=1, max_steps=10_000_000):
        self.image = image
        self.core_id, self.num_cores = core_id, num_cores
        self.globals = [_UNBOUND] * len(image.globals)
        self.output = []
        self.max_steps = max_steps
        self.decoded = [{pc: (op, arg) for pc, op, arg in instructions(c.code)}
                        for c in image.code]

    def stdout(self):
        return "".join(line + "\n" for line in self.output)

    def run(self):
        """Run the entry code to completion; raise :class:`VMError` for an uncaught exception."""
        frames = []
        code, pc = self.image.entry, 0
        local = []
        stack = []
        steps = 0
        self.handling = None
        while True:
            steps += 1
            if steps > self.max_steps:
                raise VMError("RuntimeError", "step limit", None)
            op, arg = self.decoded[code][pc]
            name = op.name
            nxt = pc + op.length
            try:
                if name == "RETURN_VALUE":
                    value = stack.pop()
                    if not frames:
                        return value
                    code, nxt, local, stack = frames.pop()
                    stack.append(value)
                elif name == "CALL_FUNCTION":
                    args = stack[len(stack) - arg:]
                    del stack[len(stack) - arg:]
                    func = stack.pop()
                    if isinstance(func, Function):
                        callee = self.image.code[func.code]
                        if arg != callee.n_args:
                            raise VMError("TypeError", f"{callee.name}() takes {callee.n_args} "
                                                       f"positional arguments but {arg} given")
                        if len(frames) >= MAX_DEPTH:
                            raise VMError("RecursionError", "maximum recursion depth exceeded")
                        frames.append((code, nxt, local, stack))
                        code, nxt = func.code, 0
                        local = args + [_UNBOUND] * (callee.n_locals - arg)
                        stack = []
                    elif isinstance(func, _builtins.Builtin):
                        stack.append(self._builtin(func, args))
                    elif _is_exc_class(func):
                        if len(args) > 1:
                            raise VMError("TypeError", f"{func.__name__} expected at most 1 "
                                                       f"argument, got {len(args)}")
                        stack.append(func(*args))
                    else:
                        raise VMError("TypeError", f"'{type(func).__name__}' object is not "
                                                   f"callable")
                elif op.format == _ops.Format.JUMP:
                    nxt = self._jump(name, arg, nxt, stack)
                else:
                    self._step(name, arg, stack, local)
            except VMError as exc:
                if exc.line is None:
                    exc.line = self.image.line_of(code, pc)
                # Unwind to the innermost handler, leaving frames without one.
                at = pc
                while True:
                    handler = next((h for h in self.image.code[code].handlers
                                    if h[0] <= at < h[1]), None)
                    if handler is not None or not frames:
                        break
                    code, ret, local, stack = frames.pop()
                    at = ret - 1
                if handler is None:
                    raise
                value = exc.value
                if value is None:
                    value = getattr(builtins, exc.name)(exc.message)
                if not hasattr(value, "_mc_line"):
                    value._mc_line = exc.line
                del stack[handler[3]:]
                stack.append(value)
                nxt = handler[2]
            pc = nxt

    def _jump(self, name, offset, nxt, stack):
        if name == "JUMP":
            return nxt + offset
        if name == "FOR_ITER":
            seq, k = stack[-2], stack[-1]
            if k >= len(seq):
                del stack[-2:]
                return nxt + offset
            stack[-1] = k + 1
            stack.append(seq[k])
            return nxt
        if name in ("POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE"):
            value = stack.pop()
            return nxt + offset if bool(value) == (name == "POP_JUMP_IF_TRUE") else nxt
        value = stack[-1]
        if bool(value) == (name == "JUMP_IF_TRUE_OR_POP"):
            return nxt + offset
        stack.pop()
        return nxt

    def _step(self, name, arg, stack, local):
        if name == "NOP":
            pass
        elif name == "LOAD_EXC_CLASS":
            stack.append(getattr(builtins, _exceptions.BY_ID[arg].name))
        elif name == "RAISE":
            raise _raise_value(stack.pop())
        elif name == "RERAISE":
            if self.handling is None:
                raise VMError("RuntimeError", "No active exception to reraise")
            raise _raise_value(self.handling)
        elif name == "PUSH_EXC_INFO":
            exc = stack.pop()
            stack.extend((self.handling, exc))
            self.handling = exc
        elif name == "POP_EXCEPT":
            self.handling = stack.pop()
        elif name == "CHECK_EXC_MATCH":
            cls = stack.pop()
            classes = cls if isinstance(cls, tuple) else (cls,)
            if not all(_is_exc_class(c) for c in classes):
                raise VMError("TypeError", "catching classes that do not inherit from "
                                           "BaseException is not allowed")
            stack.append(isinstance(stack[-1], classes))
        elif name == "DELETE_FAST":
            local[arg] = _UNBOUND
        elif name == "DELETE_GLOBAL":
            self.globals[arg] = _UNBOUND
        elif name == "POP_TOP":
            stack.pop()
        elif name == "DUP_TOP":
            stack.append(stack[-1])
        elif name == "DUP_TOP_TWO":
            stack.extend(stack[-2:])
        elif name == "GET_ITER":
            if not isinstance(stack[-1], (str, list, tuple, range)):
                raise VMError("TypeError", f"'{type(stack[-1]).__name__}' object is not iterable")
            stack.append(0)
        elif name in ("INPLACE_ADD", "INPLACE_MUL") and isinstance(stack[-2], list):
            b = stack.pop()
            try:
                if name == "INPLACE_ADD":
                    stack[-1] += b
                else:
                    stack[-1] *= b
            except TypeError as exc:
                raise VMError("TypeError", str(exc)) from None
        elif name in ("INPLACE_ADD", "INPLACE_MUL"):
            b, a = stack.pop(), stack.pop()
            op = "BINARY_ADD" if name == "INPLACE_ADD" else "BINARY_MUL"
            stack.append(self._apply(_BINARY[op], op, a, b))
        elif name == "BINARY_SLICE":
            step, stop, start, seq = stack.pop(), stack.pop(), stack.pop(), stack.pop()
            try:
                stack.append(seq[start:stop:step])
            except (TypeError, ValueError) as exc:
                raise VMError(type(exc).__name__, str(exc)) from None
        elif name == "STORE_SLICE":
            step, stop, start, seq, value = (stack.pop(), stack.pop(), stack.pop(), stack.pop(),
                                             stack.pop())
            try:
                seq[start:stop:step] = value
            except (TypeError, ValueError) as exc:
                raise VMError(type(exc).__name__, str(exc)) from None
        elif name == "UNPACK_SEQUENCE":
            seq = stack.pop()
            if not isinstance(seq, (str, list, tuple, range)):
                raise VMError("TypeError", "cannot unpack")
            if len(seq) != arg:
                raise VMError("ValueError", "wrong number of values to unpack")
            stack.append(tuple(seq))
        elif name == "CALL_METHOD":
            n = arg >> 8
            args = stack[len(stack) - n:]
            del stack[len(stack) - n:]
            method = _builtins.BY_ID[arg & 0xFF].name
            try:
                stack.append(getattr(args[0], method)(*args[1:]))
            except (AttributeError, TypeError, ValueError, IndexError) as exc:
                raise VMError(type(exc).__name__, str(exc)) from None
        elif name == "ROT_TWO":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif name == "ROT_THREE":
            stack[-3:] = [stack[-1], stack[-3], stack[-2]]
        elif name == "LOAD_NONE":
            stack.append(None)
        elif name == "LOAD_TRUE":
            stack.append(True)
        elif name == "LOAD_FALSE":
            stack.append(False)
        elif name == "LOAD_CONST":
            stack.append(self.image.consts[arg])
        elif name == "LOAD_FAST":
            if local[arg] is _UNBOUND:
                raise VMError("NameError", "local variable referenced before assignment")
            stack.append(local[arg])
        elif name == "STORE_FAST":
            local[arg] = stack.pop()
        elif name == "LOAD_GLOBAL":
            if self.globals[arg] is _UNBOUND:
                raise VMError("NameError", f"name '{self.image.globals[arg]}' is not defined")
            stack.append(self.globals[arg])
        elif name == "STORE_GLOBAL":
            self.globals[arg] = stack.pop()
        elif name == "LOAD_BUILTIN":
            stack.append(_builtins.BY_ID[arg])
        elif name == "CALL_BUILTIN":
            n = arg >> 8
            args = stack[len(stack) - n:]
            del stack[len(stack) - n:]
            stack.append(self._builtin(_builtins.BY_ID[arg & 0xFF], args))
        elif name == "MAKE_FUNCTION":
            stack.append(Function(arg, self.image.code[arg].name))
        elif name == "BUILD_TUPLE" or name == "BUILD_LIST":
            items = stack[len(stack) - arg:]
            del stack[len(stack) - arg:]
            stack.append(tuple(items) if name == "BUILD_TUPLE" else items)
        elif name == "STORE_SUBSCR":
            index, container, value = stack.pop(), stack.pop(), stack.pop()
            if not isinstance(container, list):
                raise VMError("TypeError", "object does not support item assignment")
            container[index] = value
        elif name in _BINARY:
            b, a = stack.pop(), stack.pop()
            stack.append(self._apply(_BINARY[name], name, a, b))
        elif name in _UNARY:
            a = stack.pop()
            stack.append(self._apply(_UNARY[name], name, a))
        else:
            raise VMError("RuntimeError", f"reference VM has no {name}")

    @staticmethod
    def _apply(fn, name, *operands):
        if name not in ("COMPARE_EQ", "COMPARE_NE", "COMPARE_IS", "COMPARE_IS_NOT",
                        "UNARY_NOT") and not _operands_ok(*operands):
            raise VMError("TypeError", f"unsupported operand types for {name}")
        if name == "BINARY_MOD" and isinstance(operands[0], str):
            raise VMError("NotImplementedError", "str % formatting is not supported")
        if len(operands) == 2 and all(type(v) in (int, bool) for v in operands):
            a, b = operands
            if name in ("BINARY_LSHIFT", "BINARY_RSHIFT") and b < 0:
                raise VMError("ValueError", "negative shift count")
            if (name == "BINARY_LSHIFT" and a and b > 64) or \
                    (name == "BINARY_POW" and abs(a) > 1 and b > 64):
                raise VMError("OverflowError", "integer overflow")  # without computing it
        try:
            return _int(fn(*operands))
        except ZeroDivisionError as exc:
            raise VMError("ZeroDivisionError", str(exc)) from None
        except IndexError as exc:
            raise VMError("IndexError", str(exc)) from None
        except TypeError as exc:
            raise VMError("TypeError", str(exc)) from None

    def _builtin(self, b, args):
        if not (b.min_args <= len(args) and (b.max_args < 0 or len(args) <= b.max_args)):
            raise VMError("TypeError", f"{b.name}() got {len(args)} arguments")
        name = b.name
        if b.module == "parallel":
            return {"coreid": self.core_id, "numcores": self.num_cores, "ishost": False,
                    "isdevice": True}[name]
        try:
            if name == "range":
                return range(*args)
            if name in ("list", "tuple", "sorted"):
                return {"list": list, "tuple": tuple, "sorted": sorted}[name](*args)
        except (TypeError, ValueError) as exc:
            raise VMError(type(exc).__name__, str(exc)) from None
        if name == "print":
            self.output.append(" ".join(_str(a) for a in args))
            return None
        if name == "str":
            return _str(args[0]) if args else ""
        if name == "repr":
            return _repr(args[0])
        try:
            if name == "int":
                return _int(int(args[0])) if args else 0
            if name == "len":
                return len(args[0])
            if name == "abs":
                return _int(abs(args[0]))
        except (TypeError, ValueError) as exc:
            raise VMError(type(exc).__name__, str(exc)) from None
        raise VMError("RuntimeError", f"reference VM has no builtin {name}")
