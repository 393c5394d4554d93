"""The rv32 firmware on the RTL model of the fabric (Verilator, through microcore.runner): the
same programs must print the same text and raise the same exceptions as on the native VM.

These need the simulation toolchain (amaranth, Verilator) and take seconds each: marker `hw`."""

import textwrap

import pytest

from pyexpr import parse_error
from test_fw_e2e import PROGRAMS, run

pytestmark = pytest.mark.hw

runner = pytest.importorskip("microcore.runner")
pytest.importorskip("amaranth")
toolchain = pytest.importorskip("microcore.sim.toolchain")
try:
    toolchain.find_toolchain()
except toolchain.ToolchainError as e:
    pytest.skip(f"no simulation toolchain: {e}", allow_module_level=True)

GC_STRESS = """
    keep = ("a" * 40, "b" * 40)
    i = 0
    total = 0
    while i < 1500:
        s = str(i) * 10 + keep[i % 2]
        total = total + len(s)
        i += 1
    print(total, len(keep[1]))
"""

MEMORY_ERROR = """
    s = "x"
    while True:
        s = s + s
"""

FLOATS_VIA_INTS = """
    def digits(n):
        out = ""
        while n > 0:
            out = str(n % 10) + out
            n = n // 10
        return out
    print(digits(1234567), digits(2147483647))
"""

CASES = {name: PROGRAMS[name] for name in ("hello", "strings", "control", "functions",
                                            "zero_division_line", "type_error_line",
                                            "recursion_error", "call_errors")}
CASES.update(gc_stress=GC_STRESS, memory_error=MEMORY_ERROR, digits=FLOATS_VIA_INTS)


class Sink:
    def __init__(self):
        self.lines = []

    def line(self, core, text, stream=None):
        self.lines.append(text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rv32_matches_native(vm, tmp_path, name):
    program = CASES[name]
    source = textwrap.dedent(program[0] if isinstance(program, tuple) else program)
    native = run(vm, source, tmp_path)
    sink = Sink()
    report = runner.run_source(source, "prog.py", cores=1, sink=sink, timeout=600)
    result = report.results[0]
    assert "".join(line + "\n" for line in sink.lines) == native.stdout
    if native.returncode == 0:
        assert result.ok and result.exit_code == 0, result
    else:
        _, code, line, name_, message = parse_error(native.stderr)
        assert result.error is not None, result
        assert (result.error.exc_name, result.error.line, result.error.message) == \
            (name_, line, message)
