"""Fixtures for the firmware tests: builds of firmware/ (once per session) and ways to run
bytecode images on the native VM."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRMWARE = ROOT / "firmware"
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Distinct exit codes for sanitizer reports, so they never pass for an ExitCode.
SANITIZER_ENV = {
    "ASAN_OPTIONS": "exitcode=86:detect_leaks=1",
    "UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1:exitcode=87",
}


def make(*args, build="build"):
    """Run make in firmware/ and return the build directory."""
    cmd = ["make", "-s", "-C", str(FIRMWARE), f"BUILD={build}", f"PYTHON={sys.executable}",
           *args]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode:
        pytest.fail(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return FIRMWARE / build


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


class Vm:
    """Runs images with one native build of mcvm."""

    def __init__(self, exe, env=None):
        self.exe = exe
        self.env = env

    def run_file(self, path, *args, timeout=60):
        env = dict(os.environ, **(self.env or {}))
        result = subprocess.run([str(self.exe), str(path), *map(str, args)], capture_output=True,
                                timeout=timeout, env=env)
        return Run(result.returncode, result.stdout.decode("utf-8", "replace"),
                   result.stderr.decode("utf-8", "replace"))

    def run(self, image, *args, tmp_path, name="prog.mcbc", timeout=60):
        data = image if isinstance(image, (bytes, bytearray)) else image.to_bytes()
        path = tmp_path / name
        path.write_bytes(data)
        return self.run_file(path, *args, timeout=timeout)


@pytest.fixture(scope="session")
def native_build():
    return make("native")


@pytest.fixture(scope="session")
def rv32_build():
    return make("rv32")


@pytest.fixture(scope="session")
def vm(native_build):
    return Vm(native_build / "native" / "mcvm")


@pytest.fixture(scope="session")
def asan_vm():
    build = make("native", "SANITIZE=address,undefined", build="build/asan")
    return Vm(build / "native" / "mcvm", SANITIZER_ENV)


@pytest.fixture(scope="session")
def cgoto_vm():
    build = make("native", "EXTRA_CFLAGS=-DMC_OPT_COMPUTED_GOTO=1", build="build/cgoto")
    return Vm(build / "native" / "mcvm")


@pytest.fixture(scope="session", params=["switch", "cgoto", "asan"])
def any_vm(request):
    """Each native build in turn: switch dispatch, computed goto, and ASan/UBSan."""
    return request.getfixturevalue({"switch": "vm", "cgoto": "cgoto_vm",
                                    "asan": "asan_vm"}[request.param])
