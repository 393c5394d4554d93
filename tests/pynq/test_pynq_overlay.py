"""The overlay: the .hwh fixture, PYNQ's parsers, driver binding, and runs through the driver."""

import io
from pathlib import Path
import shutil
import xml.etree.ElementTree as ET

import pytest

from microcore import abi
from microcore.monitor import LineSink
from microcore.overlay import VLNV
from microcore.overlay.boards import CELL_NAME
from microcore.transport.pynq import DEFAULT_BASE_ADDR

from conftest import FIXTURES

HWH = FIXTURES / "microcore.hwh"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bitfile(tmp_path):
    """A bitstream path with the fixture .hwh beside it (the .bit itself is never read)."""
    shutil.copy(HWH, tmp_path / "microcore.hwh")
    (tmp_path / "microcore.bit").write_bytes(b"")
    return tmp_path / "microcore.bit"


def test_fixture_agrees_with_the_contract():
    root = ET.parse(HWH).getroot()
    fabric = [m for m in root.iter("MODULE") if m.get("VLNV") == VLNV]
    assert [m.get("INSTANCE") for m in fabric] == [CELL_NAME]
    (memrange,) = [r for r in root.iter("MEMRANGE") if r.get("INSTANCE") == CELL_NAME]
    base, high = int(memrange.get("BASEVALUE"), 16), int(memrange.get("HIGHVALUE"), 16)
    assert base == DEFAULT_BASE_ADDR
    assert high - base + 1 == 1 << abi.HOST_WINDOW_BITS
    assert max(r.end for r in abi.HOST_MAP.values()) <= high - base + 1
    assert memrange.get("MASTERBUSINTERFACE") == "M_AXI_GP0"
    (ps,) = [m for m in root.iter("MODULE") if m.get("MODTYPE") == "processing_system7"]
    params = {p.get("NAME"): p.get("VALUE") for p in ps.iter("PARAMETER")}
    assert params["PCW_FPGA0_PERIPHERAL_FREQMHZ"] == "100"
    (addr,) = [p for p in fabric[0].iter("PORT") if p.get("NAME") == "s_axil_awaddr"]
    assert int(addr.get("LEFT")) + 1 == abi.HOST_WINDOW_BITS


def test_pynq_parsers_read_the_fixture(pynq):
    from pynq.metadata.runtime_metadata_parser import RuntimeMetadataParser
    from pynq.pl_server.hwh_parser import _HWHZynq
    from pynqmetadata.frontends import Metadata

    zynq = _HWHZynq(str(HWH))
    board = RuntimeMetadataParser(Metadata(input=str(HWH)))   # what a board's Overlay uses
    for parser in (zynq, board):
        ip = parser.ip_dict[CELL_NAME]
        assert ip["type"] == VLNV
        assert (ip["phys_addr"], ip["addr_range"]) == (DEFAULT_BASE_ADDR,
                                                       1 << abi.HOST_WINDOW_BITS)
        assert parser.clock_dict[0] == {"enable": 1, "divisor0": 5, "divisor1": 2}
    assert zynq.interrupt_pins[f"{CELL_NAME}/irq"]["raw_irq"] == 61     # IRQ_F2P[0]


def test_overlay_binds_the_driver(pynq, sim_device, bitfile):
    from microcore.overlay import MicrocoreIP, MicrocoreOverlay

    overlay = MicrocoreOverlay(bitfile, download=False, device=sim_device)
    assert isinstance(overlay.microcore, MicrocoreIP)
    assert getattr(overlay, CELL_NAME) is overlay.microcore
    assert overlay.fabric_clock_hz() == 100e6 == overlay.bus.clock_hz
    # A plain pynq.Overlay binds the same driver through bindto.
    plain = pynq.Overlay(str(bitfile), download=False, device=sim_device)
    assert isinstance(getattr(plain, CELL_NAME), MicrocoreIP)


@pytest.mark.hw
def test_driver_configuration_reset_and_counters(pynq, sim_device, bitfile):
    from microcore.overlay import MicrocoreOverlay

    overlay = MicrocoreOverlay(bitfile, download=False, device=sim_device)
    info = overlay.info
    assert (info.num_cores, info.mem_bytes, info.abi_hash) == (8, 64 * 1024, abi.ABI_HASH)
    ip = overlay.microcore
    first = ip.cycles
    assert ip.cycles > first
    ip.reset()
    assert ip.fabric.running_mask() == 0
    counters = ip.counters()
    assert sorted(counters) == list(range(8))


@pytest.mark.hw
def test_run_through_the_overlay(pynq, sim_device, bitfile):
    from microcore.overlay import MicrocoreOverlay

    overlay = MicrocoreOverlay(bitfile, download=False, device=sim_device)
    out = io.StringIO()
    report = overlay.run((ROOT / "examples" / "hello.py").read_text(), cores=4,
                         sink=LineSink(out))
    assert report.ok
    assert sorted(out.getvalue().splitlines()) == sorted(
        f"[core {k}] Hello world from core {k} of 4" for k in range(4))
    cycles, instret = overlay.microcore.counters()[0]
    assert 0 < instret < cycles


def test_missing_bitstream_is_explained(pynq, tmp_path, monkeypatch):
    from microcore.overlay import MicrocoreOverlay, driver

    monkeypatch.setattr(driver, "default_bitfile", lambda: tmp_path / "microcore.bit")
    with pytest.raises(FileNotFoundError, match="microcore bitstream"):
        MicrocoreOverlay()
