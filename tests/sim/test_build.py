"""Building and caching simulation models."""

import json
import os
from pathlib import Path
import subprocess
import sys

import pytest

from microcore import abi
from microcore.sim import build as build_mod
from microcore.sim import BuildError, build_library, find_toolchain
from microcore.transport.sim import SimBus

from .standin import STANDIN, standin_parameters

pytestmark = pytest.mark.hw

G = abi.GLOBAL_REGS


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MICROCORE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def count_builds(monkeypatch):
    calls = []
    real = build_mod._build

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(build_mod, "_build", counting)
    return calls


def test_second_build_is_a_cache_hit(private_cache, count_builds, capsys):
    params = standin_parameters(RAM_WORDS_LOG2=5)
    first = build_library([STANDIN], parameters=params)
    assert len(count_builds) == 1
    err = capsys.readouterr().err
    assert "verilating" in err and "compiling" in err and "built in" in err
    assert first.is_relative_to(private_cache / "sim")
    mtime = first.stat().st_mtime_ns

    second = build_library([STANDIN], parameters=params)
    assert second == first and second.stat().st_mtime_ns == mtime
    assert len(count_builds) == 1
    assert capsys.readouterr().err == ""
    with SimBus(library=second) as bus:
        assert bus.read32(G.address("ID")) == abi.FABRIC_MAGIC

    third = build_library([STANDIN], parameters=params, rebuild=True, verbose=False)
    assert third == first and len(count_builds) == 2


def test_key_covers_source_text_and_parameters(private_cache, tmp_path):
    toolchain = find_toolchain()
    copy = tmp_path / STANDIN.name
    copy.write_text(STANDIN.read_text())
    params = standin_parameters()
    key = build_mod._library_key([STANDIN], "microcore_fabric", params, False, toolchain)
    assert build_mod._library_key([copy], "microcore_fabric", params, False, toolchain) == key
    copy.write_text(STANDIN.read_text() + "\n// changed\n")
    assert build_mod._library_key([copy], "microcore_fabric", params, False, toolchain) != key
    other = standin_parameters(ID_VALUE=1)
    assert build_mod._library_key([STANDIN], "microcore_fabric", other, False, toolchain) != key
    assert build_mod._library_key([STANDIN], "microcore_fabric", params, True, toolchain) != key
    assert build_mod._library_key([STANDIN], "microcore_fabric", params, False, toolchain,
                                  train_cores=8) != key


def test_concurrent_builds_share_one_result(private_cache):
    script = (
        "from microcore.sim import build_library\n"
        "from standin import STANDIN, standin_parameters\n"
        "print(build_library([STANDIN], parameters=standin_parameters(ID_VALUE=7)))\n")
    root = Path(__file__).resolve().parents[2]
    # Import standin.py by its directory: an installed distribution (pynq) ships a top-level
    # `tests` package that shadows this repository's `tests` namespace.
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent))
    procs = [subprocess.Popen([sys.executable, "-c", script], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in results]
    paths = {out.strip() for out, _ in results}
    assert len(paths) == 1
    assert sum("verilating" in err for _, err in results) == 1
    leftovers = [p.name for p in (private_cache / "sim").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    with SimBus(library=paths.pop()) as bus:
        assert bus.read32(G.address("ID")) == 7


def test_broken_verilog_reports_the_error(private_cache, tmp_path):
    bad = tmp_path / "bad.v"
    bad.write_text(STANDIN.read_text().replace("endmodule", "endmodul"))
    with pytest.raises(BuildError, match=r"(?s)verilator failed.*full log: .*\.log"):
        build_library([bad], verbose=False)
    assert not [p for p in (private_cache / "sim").iterdir() if p.name.startswith(".build")]


def test_missing_source_and_bad_parameter(private_cache, tmp_path):
    with pytest.raises(FileNotFoundError):
        build_library([tmp_path / "nope.v"], verbose=False)
    with pytest.raises(ValueError, match="32 bits"):
        build_library([STANDIN], parameters={"ID_VALUE": 1 << 32}, verbose=False)


def test_vcd_waves(tmp_path):
    lib = build_library([STANDIN], parameters=standin_parameters(), trace="vcd", verbose=False)
    waves = tmp_path / "run.vcd"
    with SimBus(library=lib, waves=waves) as bus:
        bus.write32(G.address("SCRATCH"), 0x55AA)
        bus.advance(100)
        cycles = bus.cycles
    text = waves.read_text()
    assert "$var" in text and "s_axil_awvalid" in text
    last_time = max(int(line[1:]) for line in text.splitlines() if line.startswith("#"))
    assert last_time >= 2 * cycles


def test_waves_need_a_traced_model(standin_library, tmp_path):
    with pytest.raises(ValueError, match="trace='vcd'"):
        SimBus(library=standin_library, waves=tmp_path / "x.vcd")
    with pytest.raises(ValueError, match=".vcd or .fst"):
        SimBus(library=standin_library, waves=tmp_path / "x.txt")


def test_fabric_model_cache_hit_skips_generation(fabric_library, monkeypatch):
    from microcore.hw import verilog

    def fail(*args, **kwargs):
        raise AssertionError("the cached model was rebuilt")

    monkeypatch.setattr(verilog, "generate", fail)
    monkeypatch.setattr(build_mod, "_build", fail)
    with SimBus() as bus:
        assert bus.library == fabric_library
        assert bus.read32(G.address("NUM_CORES")) == 8
        assert bus.read32(G.address("MEM_BYTES")) == 64 * 1024


def test_fabric_model_is_built_with_a_profile(fabric_library):
    """build_model trains an instrumented model and compiles the final one with the profile."""
    info = json.loads((fabric_library.parent / "build.json").read_text())
    assert info["profile_guided"] is True
    log = (fabric_library.parent / "build.log").read_text()
    assert "-fprofile-generate" in log and "-fprofile-use" in log
    assert "[core 0] 0 " in log and "the training run failed" not in log   # it ran


def test_toolchain_and_verilator_on_path(private_cache, monkeypatch):
    import shutil
    from microcore.sim import ensure_verilator_on_path
    toolchain = find_toolchain()
    assert (toolchain.root / "include" / "verilated.h").is_file()
    assert toolchain.has_header("cstdint") and not toolchain.has_header("no_such_header.h")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.delenv("VERILATOR_ROOT", raising=False)
    bindir = ensure_verilator_on_path()
    assert Path(shutil.which("verilator")).resolve() == toolchain.verilator.resolve()
    assert ensure_verilator_on_path() == bindir
    out = subprocess.run(["verilator", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == toolchain.version
