"""The parallel module between cores, on virtual cores and on the simulated 8-core fabric.

The programs are in ``tests/parallel/``; the expected output of each core is computed here with
CPython (``functools.reduce`` in core order for every reduce). The runtime around them is
tested too: an induced deadlock, a timeout, a raising core, ``--only`` and ``--no-prefix``.
"""

import functools
import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from microcore.monitor import LineSink
from microcore.runner import run_file, run_source

ROOT = Path(__file__).resolve().parents[1]
PROGRAMS = ROOT / "tests" / "parallel"
CORES = 8
BACKENDS = ["virtual", pytest.param("sim", marks=pytest.mark.hw)]


@pytest.fixture(scope="module")
def sim_bus():
    from microcore.transport.sim import SimBus
    with SimBus(num_cores=CORES) as bus:
        yield bus


@pytest.fixture(params=BACKENDS)
def runner(request):
    """run(source or path, cores, **kw) -> (report, {core: [lines]}) on the chosen back end."""
    kwargs = {"backend": "virtual"} if request.param == "virtual" else \
        {"bus": request.getfixturevalue("sim_bus")}

    def run(program, cores=CORES, **kw):
        out = io.StringIO()
        if isinstance(program, Path):
            report = run_file(program, cores=cores, sink=LineSink(out), **kwargs, **kw)
        else:
            report = run_source(textwrap.dedent(program), "prog.py", cores=cores,
                                sink=LineSink(out), **kwargs, **kw)
        lines = {k: [] for k in range(cores)}
        for line in out.getvalue().splitlines():
            core, text = line.split("] ", 1)
            lines[int(core[len("[core "):])].append(text)
        return report, lines
    run.backend = request.param
    return run


def test_halo_swaps(runner):
    report, lines = runner(PROGRAMS / "halo.py")
    assert report.ok
    for me in range(CORES):
        right, left = (me + 1) % CORES, (me - 1) % CORES
        assert lines[me] == [f"pair {me ^ 1} {(me ^ 1) * 100 + 3}",
                             f"ring {left * 100 + 3} {right * 100} True True"]


def test_reduce_ops_equal_functools_reduce_in_core_order(runner):
    report, lines = runner(PROGRAMS / "reduce_ops.py")
    assert report.ok
    v = [k * 7 - 20 for k in range(CORES)]

    def fold(f, values):
        return functools.reduce(f, values)
    expect = [
        f"sum {fold(lambda a, b: a + b, v)}",
        f"prod {fold(lambda a, b: a * b, [k % 3 + 1 for k in range(CORES)])}",
        f"min {min(x * (k % 2 * 2 - 1) for k, x in enumerate(v))}",
        f"max {max(-x if k % 3 else x for k, x in enumerate(v))}",
        f"fsum {fold(lambda a, b: a + b, [k * 0.5 for k in range(CORES)])}",
        f"concat {fold(lambda a, b: a + b, [str(k) for k in range(CORES)])}",
        f"minus {fold(lambda a, b: a - b, v)}",
        f"mix {fold(lambda a, b: a * 3 + b, range(CORES))}",
        f"lists {list(range(CORES))}",
    ]
    assert all(lines[k] == expect for k in range(CORES)), lines


@pytest.mark.parametrize("cores", [3, 5])
def test_collectives_on_a_number_of_cores_that_is_not_a_power_of_two(runner, cores):
    report, lines = runner("""
        from parallel import coreid, reduce, bcast, allgather, sync
        me = coreid()
        sync()
        print(reduce(me + 1, "prod"), reduce(str(me), lambda a, b: b + a), bcast(me, 1),
              allgather(me * me))
        """, cores=cores)
    assert report.ok
    prod = functools.reduce(lambda a, b: a * b, range(1, cores + 1))
    rev = "".join(str(k) for k in reversed(range(cores)))
    squares = [k * k for k in range(cores)]
    assert all(lines[k] == [f"{prod} {rev} 1 {squares}"] for k in range(cores))


def test_bcast_large_nested_messages_and_probe(runner):
    report, lines = runner(PROGRAMS / "bcast_big.py")
    assert report.ok, report.results
    root_value = {"root": CORES - 1, "items": [1, 2.5, None, True, ("x", [])]}
    for k in range(CORES):
        assert lines[k][0] == f"bcast {root_value}"
        assert f"text 3000 zzz" in lines[k]
    assert "got True abab [0.75, {'k': -3}]" in lines[1]
    assert "back True True" in lines[0]
    assert f"probe {[True] * (CORES - 1)} {list(range(1, CORES))}" in lines[0]
    assert "empty False" in lines[0]


def test_send_checks_its_arguments(runner):
    report, _ = runner("""
        from parallel import send, coreid
        if coreid() == 0:
            send(1, 9)
        if coreid() == 1:
            send(print, 0)
        """, cores=2)
    assert report.results[0].error.exc_name == "ValueError"
    assert report.results[0].error.message == "core 9 does not exist (numcores() is 2)"
    assert report.results[1].error.exc_name == "TypeError"


def test_an_induced_deadlock_is_reported_naming_each_core(runner):
    report, lines = runner("""
        from parallel import coreid, recv, sync
        me = coreid()
        if me == 0:
            recv(1)
        elif me == 1:
            recv(2)
        elif me == 2:
            pass
        else:
            sync()
        """, cores=4, timeout=120)
    r = report.results
    assert not report.ok
    assert r[0].waiting == "recv from core 1"
    assert r[1].waiting == "recv from core 2"
    assert r[2].ok and r[2].waiting is None
    assert r[3].waiting.startswith("sync, waiting for core ")
    assert not any(x.timed_out for x in r.values())


def test_a_timeout_stops_the_run_and_names_the_cores_still_running(runner):
    report, lines = runner("""
        from parallel import coreid, probe
        if coreid() == 1:
            while not probe(0):
                pass
        print("done")
        """, cores=3, timeout=2.0)
    r = report.results
    assert r[1].timed_out and not r[1].ok
    assert r[0].ok and r[2].ok
    assert lines[0] == ["done"] and lines[1] == []


def test_a_raising_core_reports_a_traceback_and_the_others_finish(runner):
    report, lines = runner("""
        from parallel import coreid, sync
        me = coreid()
        sync()
        if me == 2:
            x = me // (me - 2)
        print("alive", me)
        """, cores=4)
    error = report.results[2].error
    assert (error.exc_name, error.line, error.file) == ("ZeroDivisionError", 6, "prog.py")
    assert error.message == "integer division or modulo by zero"
    assert not report.ok
    assert all(lines[k] == [f"alive {k}"] for k in (0, 1, 3))


def test_cli_only_no_prefix_and_deadlock_exit_status(tmp_path):
    program = tmp_path / "p.py"
    program.write_text("from parallel import coreid, recv\nprint(coreid())\n"
                       "if coreid() == 1:\n    recv(0)\n")
    cli = [sys.executable, "-m", "microcore.cli", "run", str(program), "--backend", "virtual",
           "--cores", "3"]
    done = subprocess.run(cli + ["--only", "2", "--no-prefix"], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout == "2\n"
    assert done.returncode == 1
    done = subprocess.run(cli, capture_output=True, text=True, timeout=120)
    assert "[core 1] deadlock: waiting in recv from core 0" in done.stderr
    assert done.returncode == 1
