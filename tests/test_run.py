"""End to end: Python programs compiled, loaded and run on the simulated RTL fabric."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from microcore import abi
from microcore.compiler import CompileError
from microcore.device import ProgramTooLarge
from microcore.monitor import LineSink
from microcore.runner import run_file, run_source

pytestmark = pytest.mark.hw
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bus():
    from microcore.transport.sim import SimBus
    with SimBus(num_cores=8) as bus:
        yield bus


def run(bus, source, cores=8, **kwargs):
    out = io.StringIO()
    report = run_source(source, "prog.py", cores=cores, bus=bus, sink=LineSink(out), **kwargs)
    return report, out.getvalue()


def test_hello_on_eight_cores(bus):
    report = None
    out = io.StringIO()
    report = run_file(ROOT / "examples" / "hello.py", cores=8, bus=bus, sink=LineSink(out))
    assert report.ok
    assert sorted(out.getvalue().splitlines()) == sorted(
        f"[core {k}] Hello world from core {k} of 8" for k in range(8))
    assert all(r.exit_code == abi.ExitCode.OK for r in report.results.values())
    assert 0 < report.cycles == max(r.cycles for r in report.results.values())


def test_fewer_cores_than_the_fabric(bus):
    report, out = run(bus, "from parallel import coreid, numcores\n"
                           "print(coreid(), numcores())\n", cores=3)
    assert report.ok and sorted(out.splitlines()) == [f"[core {k}] {k} 3" for k in range(3)]


def test_each_core_keeps_its_line_order(bus):
    source = ("from parallel import coreid\n"
              "i = 0\n"
              "while i < 5:\n"
              "    print('line ' + str(i) + ' of core ' + str(coreid()))\n"
              "    i += 1\n")
    report, out = run(bus, source, cores=4)
    assert report.ok
    for k in range(4):
        mine = [line for line in out.splitlines() if line.startswith(f"[core {k}] ")]
        assert mine == [f"[core {k}] line {i} of core {k}" for i in range(5)]


def test_arithmetic_matches_cpython(bus):
    source = ("a = -7\nb = 2\n"
              "print(a // b, a % b, 7 // -2, 7 % -2, a * b - 3, 2 ** 10, -a, ~a, a << 3, a >> 1)\n"
              "print(1 < 2 < 3, 3 < 2 < 1, 0 or 'x', 5 and 6, not 0)\n")
    report, out = run(bus, source, cores=1)
    expected = io.StringIO()
    namespace = {}
    real_stdout, sys.stdout = sys.stdout, expected
    try:
        exec(source, namespace)
    finally:
        sys.stdout = real_stdout
    assert report.ok
    assert out == "".join(f"[core 0] {line}\n" for line in expected.getvalue().splitlines())


def test_uncaught_exception_names_core_and_line(bus):
    source = "from parallel import coreid\nx = 1\nif coreid() == 1:\n    x = x // 0\nprint(x)\n"
    report, out = run(bus, source, cores=2)
    assert not report.ok
    err = report.results[1].error
    assert (err.core, err.exc_name, err.line, err.file) == (1, "ZeroDivisionError", 4, "prog.py")
    assert err.message == "integer division or modulo by zero"
    assert report.results[1].exit_code == abi.ExitCode.EXCEPTION
    assert report.results[0].ok and out == "[core 0] 1\n"


def test_int_overflow_raises(bus):
    report, _ = run(bus, "x = 2147483647\nx = x + 1\n", cores=1)
    assert report.results[0].error.exc_name == "OverflowError"
    assert report.results[0].error.line == 2


def test_timeout_resets_a_hung_core_and_the_fabric_stays_usable(bus):
    report, _ = run(bus, "while True:\n    pass\n", cores=2, timeout=1.0)
    assert all(r.timed_out and not r.ok for r in report.results.values())
    report, out = run(bus, "print('again')\n", cores=2)
    assert report.ok and sorted(out.splitlines()) == ["[core 0] again", "[core 1] again"]


def test_unsupported_construct_is_rejected_before_running(bus):
    with pytest.raises(CompileError, match=r"^prog\.py:2:1: unsupported class definition$"):
        run(bus, "x = 1\nclass A:\n    pass\n")


def test_program_too_large_is_refused_with_sizes(bus):
    source = "x = 0\n" + "x = x + 1\n" * 6000
    with pytest.raises(ProgramTooLarge, match=r"^the program's bytecode is \d+ bytes, but a core "
                                              r"with 64 KiB has only \d+ bytes left"):
        run(bus, source, cores=1)


def test_cli_runs_hello_on_four_cores():
    cli = Path(sys.executable).with_name("microcore")
    result = subprocess.run([str(cli), "run", str(ROOT / "examples" / "hello.py"),
                             "--cores", "4"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == sorted(
        f"[core {k}] Hello world from core {k} of 4" for k in range(4))


def test_cli_reports_compile_errors_with_location(tmp_path):
    prog = tmp_path / "bad.py"
    prog.write_text("def f(*a):\n    pass\n")
    cli = Path(sys.executable).with_name("microcore")
    result = subprocess.run([str(cli), "run", str(prog)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{prog}:1:")
    assert "unsupported" in result.stderr and result.stdout == ""


def test_string_copies_at_every_alignment(bus):
    # firmware/runtime/libc.c copies words even when source and destination sit at different
    # offsets within a word (slices, concatenation and marshalling land at any offset).
    source = ("s = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'\n"
              "for i in range(4):\n"
              "    print([s[i:i + 13 + j] + s[j:j + 21 + i] for j in range(4)])\n")
    report, out = run(bus, source, cores=1)
    expected = subprocess.run([sys.executable, "-c", source], capture_output=True,
                              text=True).stdout
    assert report.ok
    assert out == "".join(f"[core 0] {line}\n" for line in expected.splitlines())
