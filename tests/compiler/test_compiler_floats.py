"""The compiler's floats, math constants, f-strings and host-served methods."""

import math
import struct

import pytest

from microcore.bytecode import builtins
from microcore.bytecode.disasm import instructions
from microcore.compiler import CompileError, compile_source


def ops(source):
    image = compile_source(source)
    code = image.code[image.entry].code
    return image, [(op.name, arg) for _, op, arg in instructions(code)]


def test_float_literals_are_binary32_constants():
    image, listing = ops("x = 0.1\ny = -0.0\nz = 0.0\nw = 1e300\n")
    floats = [c for c in image.consts if type(c) is float]
    assert struct.pack("<f", floats[0]) == struct.pack("<f", 0.1)
    assert math.inf in floats
    # 0.0 and -0.0 (folded by CPython's parser only through UNARY_NEG) stay distinct.
    assert ("UNARY_NEG", None) in listing


def test_math_constants_fold():
    image, listing = ops("import math\nfrom math import pi as p\nx = math.pi + p + math.e\n")
    assert not any(name == "LOAD_BUILTIN" for name, _ in listing)
    assert sum(c == struct.unpack("<f", struct.pack("<f", math.pi))[0]
               for c in image.consts) == 1


def test_math_functions_resolve_to_builtins():
    _, listing = ops("from math import sqrt, exp\nimport math\n"
                     "x = sqrt(2) + exp(1) + math.log(2, 3)\n")
    ids = {arg & 0xFF for name, arg in listing if name == "CALL_BUILTIN"}
    assert ids == {builtins.lookup(n, "math").id for n in ("sqrt", "exp", "log")}


def test_fstring_parts():
    _, listing = ops("x = 1\ns = f'a{x}b{x!r}{x:>{x}}'\n")
    names = [name for name, _ in listing]
    assert ("BUILD_STRING", 5) in listing
    assert names.count("CALL_BUILTIN") == 4     # str, repr, format (of the spec's own str)


@pytest.mark.parametrize("source, message", [
    ("x = f'{1!a}'\n", "prog.py:1:5: unsupported f-string conversion !a"),
    ("import math\nx = math.gcd\n", "prog.py:2:5: module 'math' has no attribute 'gcd'"),
    ("from math import gcd\n", "prog.py:1:18: module 'math' has no name 'gcd'"),
    ("x = 'a'.split(1, 2, 3)\n", "prog.py:1:5: split() takes at most 2 arguments (3 given)"),
])
def test_rejections(source, message):
    with pytest.raises(CompileError) as info:
        compile_source(source, "prog.py")
    assert str(info.value) == message
