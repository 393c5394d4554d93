"""Differential tests of the language: every program in ``programs/`` runs under CPython and,
compiled, on the native VM (``firmware/build/native/mcvm``); stdout must be identical. A line
marked ``# raises NAME`` is where the program must stop with exception ``NAME`` (a non-zero exit
and ``exc=<id>``/``line=<line>`` on the VM's stderr). A sample also runs on the simulated fabric
(marked ``hw``)."""

import io
import re
import sys
from pathlib import Path

import pytest

from microcore.compiler import compile_file
from microcore.monitor import CoreError, LineSink

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "compiler"))
from util import (MCVM, cpython_exception, exception_id, marked_exception,  # noqa: E402
                  run_cpython, run_mcvm, write_parallel_stub)

PROGRAMS = sorted((HERE / "programs").glob("*.py"))
HW_SAMPLE = ["for_range.py", "list_methods.py", "dict_basics.py", "dict_iteration.py",
             "dict_methods.py", "dict_views.py", "dict_order.py", "func_keywords.py",
             "func_defaults.py", "func_lambda.py", "comp_scope.py", "comp_list.py",
             "builtins_enumerate_zip.py", "builtins_print_kw.py", "del_items.py",
             "random_sequences.py", "random_module.py"]

needs_mcvm = pytest.mark.skipif(not MCVM.exists(), reason="native VM not built "
                                                          "(make -C firmware native)")


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


@needs_mcvm
@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_native_vm_matches_cpython(path, stub_dir, tmp_path):
    stdout, marker = expected(path, stub_dir)
    image = tmp_path / "prog.mcbc"
    image.write_bytes(compile_file(path).to_bytes())
    vm = run_mcvm(image)
    assert vm.stdout == stdout
    if marker:
        assert vm.returncode != 0
        assert re.search(rf"\bexc={exception_id(marker[0])}\b", vm.stderr), vm.stderr
        assert re.search(rf"\bline={marker[1]}\b", vm.stderr), vm.stderr
    else:
        assert vm.returncode == 0, vm.stderr


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
    assert out.getvalue() == "".join(f"[core 0] {line}\n" for line in stdout.splitlines())
