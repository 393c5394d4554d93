"""The libFuzzer harness of the VM (``firmware/fuzz/fuzz_vm.c``, built by ``make -C firmware
fuzz`` with clang, ASan and UBSan): a short deterministic run over the seed corpus (compiled
programs) must find no crash, leak or sanitizer report. Marked ``fuzz`` (select with ``-m
fuzz``); skipped where clang or its fuzzer runtime is missing (``scripts/install.sh`` installs
them under CI or with ``MICROCORE_FUZZ=1``).

``MC_FUZZ_RUNS`` sets the number of inputs (default 30,000: a few seconds). The closing note of
a change to the VM should report a long run, e.g. ``build/fuzz/fuzz_vm -runs=1000000 CORPUS
build/fuzz/seeds`` from ``firmware/``.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from microcore.compiler import compile_source

pytestmark = pytest.mark.fuzz

ROOT = Path(__file__).resolve().parents[2]
FIRMWARE = ROOT / "firmware"
HARNESS = FIRMWARE / "build" / "fuzz" / "fuzz_vm"
SEEDS = FIRMWARE / "build" / "fuzz" / "seeds"
#: Inputs that once crashed or hung the harness (each named after its bug).
REGRESS = FIRMWARE / "fuzz" / "regress"
RUNS = int(os.environ.get("MC_FUZZ_RUNS", 30000))


@pytest.fixture(scope="module")
def harness():
    if not (shutil.which("clang") or shutil.which("clang-14")):
        pytest.skip("no clang (MICROCORE_FUZZ=1 bash scripts/install.sh installs it)")
    build = subprocess.run(["make", "-s", "-C", str(FIRMWARE), "fuzz",
                            f"PYTHON={sys.executable}"], capture_output=True, text=True)
    if build.returncode and "fuzzer" in build.stderr and "cannot find" in build.stderr:
        pytest.skip(f"no libFuzzer runtime: {build.stderr.strip()}")
    assert build.returncode == 0, build.stdout + build.stderr
    return HARNESS


def fuzz(harness, *args, cwd):
    return subprocess.run([str(harness), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def test_seed_corpus_holds_the_compiled_programs(harness):
    seeds = sorted(SEEDS.glob("*.mcbc"))
    lang = len(list((ROOT / "tests" / "lang" / "programs").glob("*.py")))
    assert len([s for s in seeds if s.name.startswith("lang-")]) == lang
    assert all(s.read_bytes()[:4] == b"MCBC" for s in seeds)


def test_short_fuzz_run_finds_nothing(harness, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    result = fuzz(harness, f"-runs={RUNS}", "-seed=1", "-timeout=10", "-rss_limit_mb=1024",
                  f"-artifact_prefix={tmp_path}/", corpus, SEEDS, cwd=tmp_path)
    log = result.stderr
    assert result.returncode == 0, log[-4000:]
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*"))
    done = re.search(r"Done (\d+) runs", log)
    assert done and int(done.group(1)) >= RUNS, log[-2000:]


def test_instruction_budget_ends_an_endless_loop(harness, tmp_path):
    # A valid image that never ends must come back (as a PANIC) well within libFuzzer's timeout.
    image = tmp_path / "loop.mcbc"
    image.write_bytes(compile_source("i = 0\nwhile True:\n    i = i + 1 - 1\n").to_bytes())
    result = fuzz(harness, "-timeout=5", image, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Executed" in result.stderr and "timeout" not in result.stderr.lower()


@pytest.mark.parametrize("name", sorted(p.name for p in REGRESS.glob("*.mcbc")))
def test_former_crash_runs_clean(harness, tmp_path, name):
    # range-contains-float-timeout: `x in range(...)` with a float iterated up to 2**32 items in
    # one instruction (now arithmetic; and the fuzzer's budget counts iterated items).
    # exc-match-non-exception: CHECK_EXC_MATCH on a value that is no exception read it as one.
    result = fuzz(harness, "-timeout=5", "-runs=3", REGRESS / name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Executed" in result.stderr and "ERROR" not in result.stderr
    assert "runtime error" not in result.stderr
