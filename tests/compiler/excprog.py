"""Random programs of nested try/except/else/finally with raise, bare raise, return, break and
continue, for differential tests of exception handling (every path out of every construct)."""

import random

__all__ = ["random_exception_program"]

_RAISED = ["ValueError", "KeyError", "IndexError", "ZeroDivisionError", "TypeError"]
_CAUGHT = _RAISED + ["LookupError", "ArithmeticError", "Exception", "(KeyError, TypeError)"]


def _block(rng, depth, in_loop, in_func, in_handler, indent):
    pad = " " * indent
    out = []
    for _ in range(rng.randint(1, 2)):
        kind = rng.random()
        tag = rng.randint(0, 99)
        if depth <= 0 or kind < 0.35:
            c = rng.random()
            if c < 0.15:
                out.append(f"{pad}raise {rng.choice(_RAISED)}({tag})")
            elif c < 0.2:
                out.append(f"{pad}x = 1 // (n - n)")
            elif c < 0.25:
                out.append(f"{pad}x = [][n]")
            elif c < 0.35 and in_loop:
                out.append(f"{pad}{rng.choice(['break', 'continue'])}")
            elif c < 0.45 and in_func:
                out.append(f"{pad}return {tag}")
            elif c < 0.5 and in_handler:
                out.append(f"{pad}raise")
            elif c < 0.6:
                out.append(f"{pad}if n % 2 == 0:")
                out.append(f"{pad}    raise {rng.choice(_RAISED)}({tag})")
            else:
                out.append(f"{pad}print({tag})")
        elif kind < 0.5:
            out.append(f"{pad}for n in range({rng.randint(0, 3)}):")
            out += _block(rng, depth - 1, True, in_func, in_handler, indent + 4)
        else:
            out.append(f"{pad}try:")
            out += _block(rng, depth - 1, in_loop, in_func, in_handler, indent + 4)
            n_handlers = rng.randint(0, 2)
            for i in range(n_handlers):
                caught = rng.choice(_CAUGHT + ([None] if i == n_handlers - 1 else []))
                named = caught is not None and rng.random() < 0.5
                if caught is None:
                    out.append(f"{pad}except:")
                else:
                    out.append(f"{pad}except {caught}{' as e' if named else ''}:")
                if named:
                    out.append(f"{pad}    print(repr(e))")
                out += _block(rng, depth - 1, in_loop, in_func, True, indent + 4)
            if n_handlers and rng.random() < 0.3:
                out.append(f"{pad}else:")
                out += _block(rng, depth - 1, in_loop, in_func, in_handler, indent + 4)
            if n_handlers == 0 or rng.random() < 0.5:
                out.append(f"{pad}finally:")
                out += _block(rng, depth - 1, in_loop, in_func, in_handler, indent + 4)
    return out


def random_exception_program(seed, depth=3):
    """A program (source text) that calls two random functions and runs a random module body."""
    rng = random.Random(seed)
    lines = ["n = 1"]
    for k in range(2):
        lines.append(f"def f{k}(n):")
        lines += _block(rng, depth, False, True, False, 4)
        lines.append("    return -1")
    lines += ["for k in range(3):", "    try:", "        print(f0(k), f1(k + 1))",
              "    except Exception as e:", "        print('top', repr(e))"]
    lines += _block(rng, depth - 1, False, False, False, 0)
    return "\n".join(lines) + "\n"
