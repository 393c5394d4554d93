"""End to end: compiled programs print what CPython prints.

Each program in ``programs/`` runs under CPython (with a stub ``parallel`` module: core 0 of 1)
and, compiled, under

* the reference interpreter :mod:`.refvm` (always), and
* the native VM ``firmware/build/native/mcvm`` (when built: ``make -C firmware native``).

A program whose output CPython cannot produce (32-bit overflow) has its expected stdout in
``NAME.py.exp``. A line marked ``# raises NAME`` is where the program must stop with exception
``NAME``; for the native VM that means a non-zero exit and ``exc=<id>`` and ``line=<line>`` on
stderr.
"""

import contextlib
import io
import re
import warnings

import pytest

from microcore.compiler import compile_file, compile_source

from .excprog import random_exception_program
from .randprog import random_int_program
from .refvm import RefVM, VMError
from .util import (HERE, MCVM, check_image, cpython_exception, exception_id, marked_exception,
                   run_cpython, run_mcvm, write_parallel_stub)

PROGRAMS = sorted((HERE / "programs").glob("*.py"))

needs_mcvm = pytest.mark.skipif(not MCVM.exists(),
                                reason=f"native VM not built ({MCVM.relative_to(HERE.parents[1])}"
                                       f"; run make -C firmware native)")


@pytest.fixture(scope="module")
def stub_dir(tmp_path_factory):
    return write_parallel_stub(tmp_path_factory.mktemp("stub"))


@pytest.fixture(scope="module")
def expectations(stub_dir):
    """Per program: ``(expected stdout, expected (exception, line) or None)``."""
    result = {}
    for path in PROGRAMS:
        marker = marked_exception(path)
        exp = path.with_name(path.name + ".exp")
        cpython = run_cpython(path, stub_dir)
        if exp.exists():
            stdout = exp.read_text()
            # CPython cannot fail here, but everything printed before must agree with it.
            assert cpython.returncode == 0 and cpython.stdout.startswith(stdout), path.name
        else:
            stdout = cpython.stdout
            if marker:
                assert cpython_exception(cpython.stderr) == marker, cpython.stderr
            else:
                assert cpython.returncode == 0, cpython.stderr
        result[path.name] = (stdout, marker)
    return result


def test_the_corpus_is_large_enough():
    assert len(PROGRAMS) >= 20
    assert sum(marked_exception(p) is not None for p in PROGRAMS) >= 4


def run_reference_vm(path, marker):
    """Run ``path`` compiled on the reference VM; check how it ends against ``marker`` (the
    exception and line it must stop at, or None); return what it printed."""
    image = compile_file(path)
    check_image(image)
    vm = RefVM(image)
    if marker:
        with pytest.raises(VMError) as info:
            vm.run()
        assert (info.value.name, info.value.line) == marker
    else:
        vm.run()
    return vm.stdout()


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_reference_vm_matches_cpython(path, expectations):
    stdout, marker = expectations[path.name]
    assert run_reference_vm(path, marker) == stdout


@needs_mcvm
@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_native_vm_matches_cpython(path, expectations, tmp_path):
    stdout, marker = expectations[path.name]
    image_path = tmp_path / f"{path.stem}.mcbc"
    image_path.write_bytes(compile_file(path).to_bytes())
    vm = run_mcvm(image_path)
    assert vm.stdout == stdout
    if marker:
        name, line = marker
        assert vm.returncode != 0
        assert re.search(rf"\bexc={exception_id(name)}\b", vm.stderr), vm.stderr
        assert re.search(rf"\bline={line}\b", vm.stderr), vm.stderr
    else:
        assert vm.returncode == 0, vm.stderr


@needs_mcvm
@pytest.mark.parametrize("core, cores", [(0, 1), (2, 4), (7, 8)])
def test_native_vm_core_identity(core, cores, stub_dir, tmp_path):
    path = HERE / "programs" / "parallel_import.py"
    image_path = tmp_path / "prog.mcbc"
    image_path.write_bytes(compile_file(path).to_bytes())
    vm = run_mcvm(image_path, core, cores)
    assert vm.returncode == 0, vm.stderr
    assert vm.stdout == run_cpython(path, stub_dir, core, cores).stdout


# -- random expressions ----------------------------------------------------------------------

def _cpython_output(source):
    out = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(out):
        warnings.simplefilter("ignore")
        exec(compile(source, "<random>", "exec"), {})
    return out.getvalue()


@pytest.mark.parametrize("seed", range(40))
def test_random_expressions_on_the_reference_vm(seed):
    source = random_int_program(seed)
    vm = RefVM(compile_source(source, "random.py"))
    vm.run()
    assert vm.stdout() == _cpython_output(source), source


@needs_mcvm
@pytest.mark.parametrize("seed", range(40))
def test_random_expressions_on_the_native_vm(seed, tmp_path):
    source = random_int_program(seed)
    image_path = tmp_path / "random.mcbc"
    image_path.write_bytes(compile_source(source, "random.py").to_bytes())
    vm = run_mcvm(image_path)
    assert vm.returncode == 0, vm.stderr
    expected = _cpython_output(source).splitlines()
    got = vm.stdout.splitlines()
    lines = [ln for ln in source.splitlines() if ln.startswith("print(")]
    for text, want, have in zip(lines, expected, got):
        assert have == want, f"{text}: CPython {want}, VM {have}"
    assert len(got) == len(expected)


# (less those printing messages of VM errors the reference VM words in its own way)
EXC_CORPUS = [p for p in sorted((HERE.parent / "lang" / "programs").glob("exc_*.py"))
              if p.stem not in ("exc_vm_attribute", "exc_vm_index", "exc_vm_value")]


@pytest.mark.parametrize("path", EXC_CORPUS, ids=lambda p: p.stem)
def test_reference_vm_runs_the_exception_corpus(path, stub_dir):
    # The exception handling the compiler emits, on the reference semantics too.
    cpython = run_cpython(path, stub_dir)
    assert run_reference_vm(path, marked_exception(path)) == cpython.stdout


# -- random exception handling -------------------------------------------------------------------

def _cpython_run(source):
    """``(stdout, (exception name, line) or None)`` of ``source`` under CPython."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, "random.py", "exec"), {})
        except Exception as exc:    # noqa: BLE001 (the program's own uncaught exception)
            tb = exc.__traceback__
            while tb.tb_next:
                tb = tb.tb_next
            return out.getvalue(), (type(exc).__name__, tb.tb_lineno)
    return out.getvalue(), None


@pytest.mark.parametrize("seed", range(60))
def test_random_exception_handling_on_the_reference_vm(seed):
    source = random_exception_program(seed)
    stdout, raised = _cpython_run(source)
    image = compile_source(source, "random.py")
    check_image(image)
    vm = RefVM(image)
    if raised:
        with pytest.raises(VMError) as info:
            vm.run()
        assert (info.value.name, info.value.line) == raised, source
    else:
        vm.run()
    assert vm.stdout() == stdout, source


@needs_mcvm
@pytest.mark.parametrize("seed", range(60))
def test_random_exception_handling_on_the_native_vm(seed, tmp_path):
    # (shallower: finally bodies are copied on every way out, and a core's memory is small)
    source = random_exception_program(seed, depth=2)
    stdout, raised = _cpython_run(source)
    image_path = tmp_path / "random.mcbc"
    image_path.write_bytes(compile_source(source, "random.py").to_bytes())
    vm = run_mcvm(image_path)
    assert vm.stdout == stdout, source
    if raised:
        assert vm.returncode == 1
        assert f"exc={exception_id(raised[0])} " in vm.stderr, source
        assert f" line={raised[1]} " in vm.stderr, source
    else:
        assert vm.returncode == 0, vm.stderr
