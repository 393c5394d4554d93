"""``microcore flash`` and the ``pynq`` backend, off the board and on the simulated device."""

import io
import shutil
import subprocess
import sys

import pytest

from microcore import abi, backends
from microcore.device import DeviceError
from microcore.overlay import flash

from conftest import FIXTURES


def test_flash_off_the_board_says_so():
    result = subprocess.run([sys.executable, "-m", "microcore.cli", "flash"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "no PYNQ board here" in result.stderr


def test_bitstream_and_flash_are_commands():
    result = subprocess.run([sys.executable, "-m", "microcore.cli", "bitstream", "--help"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "--board {pynq-z1,pynq-z2}" in result.stdout


def test_pynq_backend_needs_a_board(monkeypatch):
    monkeypatch.delenv("MICROCORE_BACKEND", raising=False)
    assert "pynq" in backends.BACKENDS
    assert backends.default_backend() == "sim"      # no board here
    with pytest.raises(DeviceError, match="not a PYNQ board"):
        backends.open_bus("pynq", 8)


@pytest.mark.hw
def test_flash_reports_the_fabric(pynq, sim_device, tmp_path):
    shutil.copy(FIXTURES / "microcore.hwh", tmp_path / "microcore.hwh")
    (tmp_path / "microcore.bit").write_bytes(b"")
    out = io.StringIO()
    overlay = flash.flash(tmp_path / "microcore.bit", device=sim_device, download=False,
                          stream=out)
    text = out.getvalue()
    assert "8 cores x 64 KiB" in text and f"contract {abi.ABI_HASH:#010x}" in text
    assert "fabric clock 100 MHz, window 0x40000000+0x1000000" in text
    assert overlay.info.num_cores == 8


@pytest.mark.hw
def test_flash_refuses_a_mismatched_fabric(pynq, sim_device, tmp_path):
    """A .hwh whose window holds no microcore fabric (shifted by 4 KiB) is refused."""
    text = (FIXTURES / "microcore.hwh").read_text()
    (tmp_path / "microcore.hwh").write_text(
        text.replace('BASEVALUE="0x40000000" HIGHNAME="C_HIGHADDR" HIGHVALUE="0x40FFFFFF"',
                     'BASEVALUE="0x40001000" HIGHNAME="C_HIGHADDR" HIGHVALUE="0x40FFFFFF"'))
    (tmp_path / "microcore.bit").write_bytes(b"")
    with pytest.raises(DeviceError, match="no microcore fabric on this bus"):
        flash.flash(tmp_path / "microcore.bit", device=sim_device, download=False,
                    stream=io.StringIO())
