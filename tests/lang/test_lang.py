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
#: The programs that also run on the simulated fabric: every k-th of the sorted corpus, so that
#: the sample is the same on every run, spreads over every prefix, and has at least 30 programs
#: however the corpus grows.
HW_SAMPLE_MIN = 30
HW_SAMPLE = PROGRAMS[::max(1, len(PROGRAMS) // HW_SAMPLE_MIN)]


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


@pytest.fixture(scope="module")
def bus():
    from microcore.transport.sim import SimBus
    with SimBus() as bus:
        yield bus


def test_hw_sample_is_large_and_fixed():
    assert len(HW_SAMPLE) >= HW_SAMPLE_MIN
    assert HW_SAMPLE == PROGRAMS[::max(1, len(PROGRAMS) // HW_SAMPLE_MIN)]


@pytest.mark.hw
@pytest.mark.parametrize("path", HW_SAMPLE, ids=lambda p: p.stem)
def test_simulated_fabric_matches_cpython(path, stub_dir, bus):
    from microcore.runner import run_source

    stdout, marker = expected(path, stub_dir)
    out = io.StringIO()
    report = run_source(path.read_text(), str(path), cores=1, bus=bus, sink=LineSink(out))
    assert same_output("".join(f"[core 0] {line}\n" for line in stdout.splitlines()),
                       out.getvalue()), out.getvalue()
    result = report.results[0]
    if marker:
        assert result.error is not None, result
        assert (result.error.exc_name, result.error.line) == marker
    else:
        assert result.ok, result
