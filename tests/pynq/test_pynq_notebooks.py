"""The %%microcore magic and the shipped notebooks, executed on the simulated fabric."""

import io
from pathlib import Path

import pytest

from microcore.magic import close, run_cell
from microcore.overlay import overlay_dir

NOTEBOOKS = sorted((overlay_dir() / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module", autouse=True)
def _close_buses():
    yield
    close()


def test_there_are_notebooks():
    assert [nb.name for nb in NOTEBOOKS][:1] == ["1-getting-started.ipynb"]


def test_bad_options_are_explained():
    err = io.StringIO()
    assert run_cell("--cores two", "print(1)", stderr=err) is None
    assert "%%microcore: argument --cores: invalid int value: 'two'" in err.getvalue()


@pytest.mark.hw
def test_magic_runs_a_cell():
    out, err = io.StringIO(), io.StringIO()
    report = run_cell("--cores 3 --backend sim",
                      "from parallel import coreid\nprint('hi', coreid())\n",
                      stdout=out, stderr=err)
    assert report.ok and err.getvalue() == ""
    assert sorted(out.getvalue().splitlines()) == [f"[core {k}] hi {k}" for k in range(3)]
    out = io.StringIO()
    report = run_cell("--cores 3 --only 1 --no-prefix --backend sim",
                      "from parallel import coreid\nprint('hi', coreid())\n", stdout=out)
    assert report.ok and out.getvalue() == "hi 1\n"


def test_magic_runs_a_cell_on_virtual_cores():
    out = io.StringIO()
    report = run_cell("--cores 2 --backend virtual",
                      "from parallel import coreid, ishost\nprint(coreid(), ishost())\n",
                      stdout=out)
    assert report.ok
    assert sorted(out.getvalue().splitlines()) == ["[core 0] 0 True", "[core 1] 1 True"]


@pytest.mark.hw
def test_magic_reports_compile_and_runtime_errors():
    err = io.StringIO()
    assert run_cell("--cores 1 --backend sim", "import os\n", stderr=err) is None
    assert "os" in err.getvalue()
    err = io.StringIO()
    report = run_cell("--cores 2 --backend sim",
                      "from parallel import coreid\nprint(1 // (1 - coreid()))\n",
                      stdout=io.StringIO(), stderr=err)
    assert not report.ok and report.results[0].ok
    assert "[core 1]" in err.getvalue() and "ZeroDivisionError" in err.getvalue()


@pytest.mark.hw
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("MICROCORE_BACKEND", "sim")
    nb = nbformat.read(path, as_version=4)
    # A cell that raises fails the test (CellExecutionError), naming the cell.
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    text = "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                     for out in cell.get("outputs", []))
    if path.name == "1-getting-started.ipynb":
        for k in range(4):
            assert f"[core {k}] Hello world from core {k} of 4" in text
        assert "[core 3] core 3 summed" in text and "[core 0] core 0 summed" not in text
        assert "ok: True" in text and "ZeroDivisionError" in text
