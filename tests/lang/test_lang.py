"""Differential tests of the language: every program in ``programs/`` runs under CPython and,
compiled, on a virtual core (the native VM, ``libmcvm``, whose host calls are served by the same
Python as the monitor's); stdout must be the same, floats compared by the float32 rule of
``docs/language.md`` (``util.same_output``). A line marked ``# raises NAME`` is where the program
must stop with exception ``NAME``. A sample also runs on the simulated fabric (marked ``hw``)."""

import io
import sys
from pathlib import Path

import pytest

from microcore.compiler import compile_file
from microcore.monitor import LineSink

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "compiler"))
from util import (cpython_exception, marked_exception, run_cpython,  # noqa: E402
                  same_output, write_parallel_stub)

PROGRAMS = sorted((HERE / "programs").glob("*.py"))
HW_SAMPLE = ["for_range.py", "list_methods.py", "float_arith.py", "fmt_percent.py",
             "str_methods.py", "math_host.py", "exc_finally_return.py",
             "exc_cross_functions.py"]


@pytest.fixture(scope="module")
def stub_dir(tmp_path_factory):
    return write_parallel_stub(tmp_path_factory.mktemp("stub"))


def expected(path, stub_dir):
    result = run_cpython(path, stub_dir)
    marker = marked_exception(path)
    if marker:
        assert cpython_exception(result.stderr) == marker, result.stderr
    else:
        assert result.returncode == 0, result.stderr
    return result.stdout, marker


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_virtual_core_matches_cpython(path, stub_dir):
    from microcore.virtual import run_image

    stdout, marker = expected(path, stub_dir)
    out = io.StringIO()
    results = run_image(compile_file(path), 1, sink=LineSink(out, prefix=False),
                        input_stream=io.StringIO(""))
    assert same_output(stdout, out.getvalue()), out.getvalue()
    result = results[0]
    if marker:
        assert result.error is not None
        assert (result.error.exc_name, result.error.line) == marker, result.error
    else:
        assert result.ok, result


@pytest.mark.hw
@pytest.mark.parametrize("name", HW_SAMPLE)
def test_simulated_fabric_matches_cpython(name, stub_dir):
    from microcore.runner import run_source
    from microcore.transport.sim import SimBus

    path = HERE / "programs" / name
    stdout, marker = expected(path, stub_dir)
    assert marker is None
    out = io.StringIO()
    with SimBus() as bus:
        run_source(path.read_text(), str(path), cores=1, bus=bus, sink=LineSink(out))
    assert same_output("".join(f"[core 0] {line}\n" for line in stdout.splitlines()),
                       out.getvalue()), out.getvalue()
