"""PynqBus: the runtime's bus over ``pynq.MMIO``, tested on the simulated fabric."""

import io
from pathlib import Path
import subprocess
import sys

import pytest

from microcore import abi
from microcore.device import Device, DeviceError
from microcore.monitor import LineSink
from microcore.runner import run_file
from microcore.transport import BusError
from microcore.transport.pynq import DEFAULT_BASE_ADDR, PynqBus

ROOT = Path(__file__).resolve().parents[2]
G = abi.GLOBAL_REGS


def test_package_imports_without_pynq():
    code = ("import sys; sys.modules['pynq'] = None\n"
            "import microcore.transport.pynq as p, microcore.overlay as o\n"
            "try:\n    p.PynqBus()\nexcept p.PynqUnavailableError as e:\n    print('ERR', e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("ERR the PYNQ backend needs the pynq package")
    assert "pycparser<3" in out.stdout


@pytest.mark.hw
def test_registers_through_pynq_mmio(pynq, sim_device):
    bus = PynqBus(device=sim_device)
    assert isinstance(bus.mmio, pynq.MMIO) and not bus.memory_mapped
    assert bus.window_bytes == 1 << abi.HOST_WINDOW_BITS
    assert bus.base_addr == DEFAULT_BASE_ADDR
    assert bus.read32(G.address("ID")) == abi.FABRIC_MAGIC
    bus.write32(G.address("SCRATCH"), 0xDEAD_BEEF)
    assert sim_device.bus.read32(G.address("SCRATCH")) == 0xDEAD_BEEF
    ram = abi.HOST_MAP["CORE_RAM"].address(3, 0x100)
    bus.write_block(ram, [1, 2, 0xFFFF_FFFF])
    assert bus.read_block(ram, 3) == [1, 2, 0xFFFF_FFFF]
    with pytest.raises(ValueError, match="whole words"):
        bus.write32(G.address("SCRATCH"), 1, strb=0x1)


@pytest.mark.hw
def test_errors_of_the_fabric_reach_the_caller(sim_device):
    bus = PynqBus(device=sim_device)
    with pytest.raises(BusError, match="DECERR"):
        bus.read32(abi.HOST_MAP["CORE_RAM"].address(31))    # core 31 is not built
    with pytest.raises(ValueError, match="outside the bus window"):
        bus.read32(1 << abi.HOST_WINDOW_BITS)


@pytest.mark.hw
def test_advance_runs_the_simulated_clock(sim_device):
    bus = PynqBus(device=sim_device)
    before = sim_device.bus.cycles
    bus.advance(5000)
    assert sim_device.bus.cycles >= before + 5000 or sim_device.bus.irq


@pytest.mark.hw
def test_hello_runs_through_pynq_classes(sim_device):
    out = io.StringIO()
    bus = PynqBus(device=sim_device)
    report = run_file(ROOT / "examples" / "hello.py", cores=8, bus=bus, sink=LineSink(out))
    assert report.ok
    assert sorted(out.getvalue().splitlines()) == sorted(
        f"[core {k}] Hello world from core {k} of 8" for k in range(8))


def test_memory_mapped_path_with_byte_strobes(pynq):
    """The board's path: MMIO over a mapped array (here an ordinary numpy buffer)."""
    import numpy as np

    class MappedDevice(pynq.Device):
        capabilities = {"MEMORY_MAPPED": True}

        def __init__(self):
            super().__init__("mapped")
            self.memory = np.zeros(1024, dtype=np.uint32)

        def mmap(self, base_addr, length):
            return self.memory[:length // 4]

    device = MappedDevice()
    bus = PynqBus(base_addr=DEFAULT_BASE_ADDR, window_bytes=4096, device=device)
    assert bus.memory_mapped and bus.window_bytes == 4096
    bus.write32(8, 0x1122_3344)
    bus.write32(8, 0xAABB_CCDD, strb=0b0110)
    assert device.memory[2] == 0x11BB_CC44
    bus.write32(8, 0x0000_00EE, strb=0b0001)
    bus.write32(8, 0x5566_0000, strb=0b1100)
    assert bus.read32(8) == 0x5566_CCEE
    bus.write_block(16, [7, 8, 9])
    assert list(device.memory[4:7]) == [7, 8, 9] and bus.read_block(16, 3) == [7, 8, 9]
    with pytest.raises(DeviceError, match="no microcore fabric"):
        Device(bus)
