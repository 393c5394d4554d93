"""The disassembler: listing format, and the ``python -m microcore.bytecode.disasm`` command."""

import subprocess
import sys

from microcore.bytecode.container import Image
from microcore.bytecode.disasm import disassemble, disassemble_code, instructions
from microcore.compiler import compile_source


def test_listing_format():
    image = compile_source("def f(n):\n    if n:\n        return n\n    return 0\n"
                           "print(f(3), f)\n", "demo.py")
    text = disassemble(image)
    assert text.endswith("\n")
    assert text.startswith("; MCBC version 3: 2 code objects, entry 0, ")
    assert "; global   0: f\n" in text
    assert disassemble_code(image, 1) == [
        "code 1 f (demo.py) args=1 locals=1 max_stack=1 bytes=12",
        " line      pc  instruction",
        "    2       0  LOAD_FAST                 0",
        "            2  POP_JUMP_IF_FALSE        +3 (to 8)",
        "    3       5  LOAD_FAST                 0",
        "            7  RETURN_VALUE",
        f"    4 >>    8  LOAD_CONST                {image.consts.index(0)} (0)",
        "           11  RETURN_VALUE",
    ]
    module = disassemble_code(image, 0)
    assert module[2] == "    1       0  MAKE_FUNCTION             1 (f)"
    assert "CALL_BUILTIN            512 (print, 2 args)" in "\n".join(module)


def test_instructions_decodes_every_format():
    code = bytes([0x05, 0x40, 7, 0x80, 0x34, 0x12, 0xC0, 0xFE, 0xFF, 0xFF])
    decoded = [(pc, op.name if op else None, arg) for pc, op, arg in instructions(code)]
    assert decoded == [(0, "LOAD_NONE", None), (1, "LOAD_FAST", 7), (3, "LOAD_CONST", 0x1234),
                       (6, "JUMP", -2), (9, None, 0xFF)]


def test_command_compiles_and_prints(tmp_path):
    prog = tmp_path / "prog.py"
    prog.write_text("print('hi')\n")
    result = subprocess.run([sys.executable, "-m", "microcore.bytecode.disasm", str(prog)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == disassemble(compile_source("print('hi')\n", str(prog)))


def test_command_reads_images(tmp_path):
    image = compile_source("x = 1\n", "img.py")
    path = tmp_path / "prog.mcbc"
    path.write_bytes(image.to_bytes())
    result = subprocess.run([sys.executable, "-m", "microcore.bytecode.disasm", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == disassemble(Image.from_bytes(path.read_bytes()))


def test_command_reports_errors(tmp_path):
    prog = tmp_path / "bad.py"
    prog.write_text("x = 1\nclass A:\n    pass\n")
    result = subprocess.run([sys.executable, "-m", "microcore.bytecode.disasm", str(prog)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"{prog}:2:1: unsupported class definition\n"
    result = subprocess.run([sys.executable, "-m", "microcore.bytecode.disasm",
                             str(tmp_path / "missing.py")], capture_output=True, text=True)
    assert result.returncode == 1 and "missing.py" in result.stderr
