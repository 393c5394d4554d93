"""Virtual cores: the VM in host threads (``microcore.virtual``, ``--backend virtual``).

The same programs run on virtual cores and must print what CPython prints (always) and what the
simulated fabric prints (marked ``hw``): the corpus is ``examples/hello.py``, the compiler's
``tests/compiler/programs`` (with their ``.exp`` files) and ``tests/lang/programs``; a line
marked ``# raises NAME`` is where the program stops with an uncaught ``NAME``.
"""

import io
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from microcore import abi, virtual
from microcore.bytecode import opcodes
from microcore.bytecode.text import print_payload
from microcore.compiler import compile_source
from microcore.device import ProgramTooLarge
from microcore.firmware import FirmwareError
from microcore.monitor import CoreError, LineSink
from microcore.runner import run_file, run_source

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "compiler"))
from util import (cpython_exception, marked_exception, run_cpython,  # noqa: E402
                  same_output, write_parallel_stub)

PROGRAMS = ([ROOT / "examples" / "hello.py"]
            + sorted((ROOT / "tests" / "compiler" / "programs").glob("*.py"))
            + sorted((ROOT / "tests" / "lang" / "programs").glob("*.py")))
IDS = [f"{p.parent.parent.name}/{p.stem}" for p in PROGRAMS]
CLI = Path(sys.executable).with_name("microcore")


def run(source, cores=1, filename="prog.py", **kwargs):
    out = io.StringIO()
    report = run_source(textwrap.dedent(source), filename, cores=cores, backend="virtual",
                        sink=LineSink(out), **kwargs)
    return report, out.getvalue()


def per_core(out):
    """``{core: [its lines, in order]}`` of a run's output."""
    lines = {}
    for line in out.splitlines(keepends=True):
        match = re.match(r"\[core (\d+)\] ", line)
        assert match, line
        lines.setdefault(int(match.group(1)), []).append(line)
    return lines


def prefixed(stdout, core=0):
    """What the monitor makes of ``stdout`` printed by ``core``: whole prefixed lines."""
    lines = stdout.split("\n")
    if lines[-1] == "":
        lines.pop()
    return "".join(f"[core {core}] {line}\n" for line in lines)


#: Programs whose output depends on ishost()/isdevice(): their line "False True" (CPython's stub
#: and the device) is "True False" on a virtual core.
HOST_DEPENDENT = {ROOT / "tests" / "compiler" / "programs" / "hello.py"}


def host_view(stdout, path):
    """``stdout`` of ``path`` as a virtual core prints it."""
    if path not in HOST_DEPENDENT:
        return stdout
    return re.sub(r"(?m)^((?:\[core \d+\] )?)False True$", r"\1True False", stdout)


# -- basics ---------------------------------------------------------------------------------------

def test_hello_on_eight_virtual_cores():
    out = io.StringIO()
    report = run_file(ROOT / "examples" / "hello.py", cores=8, backend="virtual",
                      sink=LineSink(out))
    assert report.ok
    assert sorted(out.getvalue().splitlines()) == sorted(
        f"[core {k}] Hello world from core {k} of 8" for k in range(8))
    assert sorted(report.results) == list(range(8))
    for k, result in report.results.items():
        assert isinstance(result, virtual.VirtualCoreResult)
        assert (result.core, result.exit_code, result.error, result.timed_out) == \
            (k, abi.ExitCode.OK, None, False)
    assert report.firmware_bytes == 0 and report.program_bytes > 0


def test_more_cores_than_a_fabric_has():
    report, out = run("from parallel import coreid, numcores\nprint(coreid(), numcores())\n",
                      cores=40)
    assert report.ok
    assert sorted(out.splitlines()) == sorted(f"[core {k}] {k} 40" for k in range(40))


def test_ishost_and_isdevice():
    report, out = run("from parallel import ishost, isdevice\nprint(ishost(), isdevice())\n",
                      cores=3)
    assert report.ok
    assert sorted(out.splitlines()) == [f"[core {k}] True False" for k in range(3)]


def test_lines_are_whole_ordered_and_never_interleaved():
    # Some print() calls carry several lines.
    source = """\
        from parallel import coreid
        i = 0
        while i < 200:
            print('core ' + str(coreid()) + ': line', i)
            print('a\\nb' + str(i))
            i += 1
        """
    report, out = run(source, cores=6)
    assert report.ok
    lines = per_core(out)
    assert sorted(lines) == list(range(6))
    for k, mine in lines.items():
        assert mine == [text for i in range(200) for text in
                        (f"[core {k}] core {k}: line {i}\n", f"[core {k}] a\n",
                         f"[core {k}] b{i}\n")]


def test_a_partial_last_line_is_flushed_at_the_end():
    # print() always ends its output with a newline; feed the callback directly.
    out = io.StringIO()
    vm = virtual.open_library()
    image = compile_source("pass\n")
    core = virtual._VirtualCore(vm, image, image.to_bytes(), 3, 4, 4096, LineSink(out))
    for text in ("ab", "c\nde", "\u00e9"):
        piece = print_payload(text, end="")
        core._on_write(None, piece, len(piece))
    assert out.getvalue() == "[core 3] abc\n"
    core.finish(timed_out=False)
    assert out.getvalue() == "[core 3] abc\n[core 3] de\u00e9\n"


def test_uncaught_exception_names_core_line_and_function():
    source = """\
        from parallel import coreid
        def divide(a, b):
            return a // b
        x = 1
        if coreid() == 1:
            x = divide(x, 0)
        print(x)
        """
    report, out = run(source, cores=3)
    assert not report.ok
    err = report.results[1].error
    assert err == CoreError(1, "ZeroDivisionError", "integer division or modulo by zero",
                            "prog.py", 3, "divide")
    assert err.exc_type is ZeroDivisionError
    assert report.results[1].exit_code == abi.ExitCode.EXCEPTION
    assert report.results[0].ok and report.results[2].ok
    assert sorted(out.splitlines()) == ["[core 0] 1", "[core 2] 1"]


def test_exception_raised_while_handling_another_is_reported():
    source = """\
        def check(x):
            if x < 0:
                raise ValueError("negative: " + str(x))
            return x
        try:
            check(-2)
        except ValueError as e:
            print("caught", e)
        try:
            [][0]
        except IndexError:
            check(-3)
        """
    report, out = run(source)
    err = report.results[0].error
    assert err == CoreError(0, "ValueError", "negative: -3", "prog.py", 3, "check")
    assert err.exc_type is ValueError
    assert out == "[core 0] caught negative: -2\n"


def test_reraised_exception_reports_where_it_was_first_raised():
    report, _ = run("def f(d):\n    return d[1]\ntry:\n    f([])\nexcept LookupError:\n"
                    "    raise\n")
    err = report.results[0].error
    assert (err.exc_name, err.message, err.line, err.function) == \
        ("IndexError", "list index out of range", 2, "f")


def test_exception_at_module_level():
    report, _ = run("x = [1, 2]\nprint(x[5])\n", cores=2)
    for k in range(2):
        err = report.results[k].error
        assert (err.core, err.exc_name, err.line, err.file, err.function) == \
            (k, "IndexError", 2, "prog.py", "<module>")


def test_output_before_an_exception_is_kept():
    report, out = run("print('half')\nx = 1 // 0\n")
    assert out == "[core 0] half\n"
    assert report.results[0].error.exc_name == "ZeroDivisionError"


def test_bad_image_reports_the_reason():
    image = compile_source("print(1)\n")
    broken = types.SimpleNamespace(code=image.code, entry=image.entry,
                                   to_bytes=lambda: b"MCBC" + b"\0" * 60)
    results = virtual.run_image(broken, 1, sink=LineSink(io.StringIO()))
    result = results[0]
    assert result.exit_code == abi.ExitCode.BAD_IMAGE and not result.ok
    assert result.reason


def test_program_larger_than_a_virtual_core_is_refused():
    with pytest.raises(ProgramTooLarge, match="virtual core"):
        virtual.run_image(compile_source("x = 0\n" + "x = x + 1\n" * 600), 1, mem_bytes=1024)


def test_arguments_are_checked():
    image = compile_source("print(1)\n")
    with pytest.raises(ValueError, match="cores"):
        virtual.run_image(image, 0)
    with pytest.raises(ValueError, match="mem_bytes"):
        virtual.run_image(image, 1, mem_bytes=0)
    with pytest.raises(ValueError, match="no bus"):
        run_source("print(1)\n", backend="virtual", bus=object())


# -- the library ----------------------------------------------------------------------------------

def test_library_speaks_the_host_contract():
    vm = virtual.open_library()
    assert (vm.abi_hash, vm.bc_version) == (abi.ABI_HASH, opcodes.BC_VERSION)


@pytest.mark.parametrize("attr", ["abi_hash", "bc_version"])
def test_stale_library_is_refused(monkeypatch, attr):
    image = compile_source("print(1)\n")
    if attr == "abi_hash":
        monkeypatch.setattr(abi, "ABI_HASH", abi.ABI_HASH ^ 1)
        pattern = r"built for contract 0x[0-9a-f]{8}, but this host package speaks"
    else:
        monkeypatch.setattr(opcodes, "BC_VERSION", opcodes.BC_VERSION + 1)
        pattern = r"runs bytecode version \d+, but this host package compiles version"
    with pytest.raises(virtual.StaleLibrary, match=pattern + r".*make -C firmware native"):
        virtual.run_image(image, 2)
    assert issubclass(virtual.StaleLibrary, FirmwareError)


def test_missing_library_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("MICROCORE_LIBMCVM", str(tmp_path / "libmcvm.so"))
    with pytest.raises(FirmwareError, match="no native VM library"):
        run("print(1)\n")


# -- timeouts -------------------------------------------------------------------------------------

_TIMEOUT_SCRIPT = """\
import io, time
from microcore.monitor import LineSink
from microcore.runner import run_source
source = '''\
from parallel import coreid
i = 0
if coreid() == 0:
    print('done')
elif coreid() == 1:
    while True:
        i += 1
else:
    while True:
        i += 1
        if i % 1000 == 0:
            print(i)
'''
out = io.StringIO()
start = time.monotonic()
report = run_source(source, cores=3, backend='virtual', timeout=0.5, sink=LineSink(out))
took = time.monotonic() - start
r = report.results
assert took < 10, took
assert r[0].ok and not r[0].timed_out, r[0]
assert r[1].timed_out and r[2].timed_out and r[1].exit_code is None and not report.ok
before = out.getvalue()
assert '[core 0] done' in before
time.sleep(0.3)
assert out.getvalue() == before          # abandoned cores print no more
again = io.StringIO()
report = run_source("print('again')\\n", cores=2, backend='virtual', sink=LineSink(again))
assert report.ok and sorted(again.getvalue().splitlines()) == ['[core 0] again', '[core 1] again']
print('OK')
"""


def test_timeout_returns_and_abandons_the_threads():
    # In a child process: the spinning thread of core 1 lives until its process exits.
    result = subprocess.run([sys.executable, "-c", _TIMEOUT_SCRIPT], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "OK\n"


# -- the command line -----------------------------------------------------------------------------

def test_cli_backend_virtual():
    result = subprocess.run([str(CLI), "run", str(ROOT / "examples" / "hello.py"),
                             "--backend", "virtual", "--cores", "4"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == sorted(
        f"[core {k}] Hello world from core {k} of 4" for k in range(4))


def test_cli_virtual_error_and_timeout(tmp_path):
    prog = tmp_path / "boom.py"
    prog.write_text("from parallel import coreid\nif coreid() == 1:\n    x = 1 // 0\n")
    result = subprocess.run([str(CLI), "run", str(prog), "--backend", "virtual", "--cores", "2"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "[core 1] Traceback (most recent call last):",
        f'[core 1]   File "{prog}", line 3, in <module>',
        "[core 1] ZeroDivisionError: integer division or modulo by zero"]

    prog.write_text("while True:\n    pass\n")
    result = subprocess.run([str(CLI), "run", str(prog), "--backend", "virtual", "--cores", "1",
                             "--timeout", "0.3"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr == "[core 0] timed out after 0.3 s; thread abandoned\n"


# -- the corpus: CPython, virtual cores, the simulated fabric ------------------------------------

@pytest.fixture(scope="module")
def stub_dir(tmp_path_factory):
    return write_parallel_stub(tmp_path_factory.mktemp("stub"))


def expected(path, stub_dir):
    """``(stdout, (exception, line) or None)`` of ``path`` on core 0 of 1, from CPython."""
    marker = marked_exception(path)
    cpython = run_cpython(path, stub_dir)
    exp = path.with_name(path.name + ".exp")
    if exp.exists():
        assert cpython.stdout.startswith(exp.read_text())
        return exp.read_text(), marker
    if marker:
        assert cpython_exception(cpython.stderr) == marker, cpython.stderr
    else:
        assert cpython.returncode == 0, cpython.stderr
    return cpython.stdout, marker


def test_the_corpus():
    assert len(PROGRAMS) >= 40
    assert sum(marked_exception(p) is not None for p in PROGRAMS) >= 10


@pytest.mark.parametrize("path", PROGRAMS, ids=IDS)
def test_virtual_core_matches_cpython(path, stub_dir):
    stdout, marker = expected(path, stub_dir)
    report, out = run(path.read_text(), filename=str(path))
    assert same_output(prefixed(host_view(stdout, path)), out), out
    result = report.results[0]
    if marker:
        assert (result.error.exc_name, result.error.line, result.error.file) == \
            (*marker, str(path))
        assert result.exit_code == abi.ExitCode.EXCEPTION
    else:
        assert result.ok, result


@pytest.fixture(scope="module")
def bus():
    from microcore.transport.sim import SimBus
    with SimBus(num_cores=8) as bus:
        yield bus


def both(bus, path, cores):
    """Run ``path`` on ``cores`` simulated and ``cores`` virtual cores; return both runs."""
    runs = []
    for backend in ("sim", "virtual"):
        out = io.StringIO()
        report = run_file(path, cores=cores, backend=backend, sink=LineSink(out),
                          bus=bus if backend == "sim" else None)
        runs.append((report, out.getvalue()))
    return runs


def same_outcome(sim, virt):
    for k in sim.results:
        s, v = sim.results[k], virt.results[k]
        assert (s.exit_code, s.error, s.fault, s.timed_out) == \
            (v.exit_code, v.error, v.fault, v.timed_out), k


@pytest.mark.hw
@pytest.mark.parametrize("path", PROGRAMS, ids=IDS)
def test_virtual_cores_match_the_simulated_fabric(bus, path):
    # Two cores: every byte each core prints, in order (how the cores' lines interleave is not
    # fixed on either back end), and how each core ended.
    (sim, sim_out), (virt, virt_out) = both(bus, path, 2)
    assert sim_out or any(r.error for r in sim.results.values())
    assert per_core(virt_out) == per_core(host_view(sim_out, path))
    same_outcome(sim, virt)


@pytest.mark.hw
def test_hello_on_eight_cores_matches_the_simulated_fabric(bus):
    (sim, sim_out), (virt, virt_out) = both(bus, ROOT / "examples" / "hello.py", 8)
    assert sim.ok and virt.ok
    assert per_core(virt_out) == per_core(sim_out)
    assert sorted(virt_out.splitlines()) == sorted(sim_out.splitlines())


@pytest.mark.hw
def test_ishost_differs_from_the_simulated_fabric(bus, tmp_path):
    prog = tmp_path / "where.py"
    prog.write_text("from parallel import ishost, isdevice\nprint(ishost(), isdevice())\n")
    (_, sim_out), (_, virt_out) = both(bus, prog, 2)
    assert sorted(sim_out.splitlines()) == [f"[core {k}] False True" for k in range(2)]
    assert sorted(virt_out.splitlines()) == [f"[core {k}] True False" for k in range(2)]
