"""Fixtures for the PYNQ side: PYNQ's own classes driving the simulated fabric."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def pynq():
    return pytest.importorskip("pynq", reason="pynq 3.1 is not installed (the dev extra)")


@pytest.fixture(scope="module")
def sim_device(pynq):
    """A ``pynq.Device`` whose registers are the simulated 8-core fabric."""
    from microcore.overlay.simdevice import SimDevice
    device = SimDevice(num_cores=8)
    yield device
    device.close_bus()
