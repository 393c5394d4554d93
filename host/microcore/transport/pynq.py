"""The PYNQ backend: the bus over ``pynq.MMIO`` on a Zynq board's GP0 port.

On a PYNQ board the fabric's AXI4-Lite slave sits in the PS address map (at
:data:`DEFAULT_BASE_ADDR` in the microcore overlay), and ``pynq.MMIO`` maps it into the process.
:class:`PynqBus` adapts that mapping to :class:`~microcore.transport.base.Bus`, so the device,
loader and monitor run unchanged on the board.

``pynq`` is imported only when a :class:`PynqBus` is created, so ``import microcore`` works
without it (on a development machine, in CI). Off the board, ``pynq.MMIO`` still works on any
``pynq.Device`` that offers register or memory access; :mod:`microcore.overlay.simdevice`
provides one whose accesses drive the simulated fabric.
"""

import operator
import time

from .. import abi
from .base import Bus

__all__ = ["PynqBus", "PynqUnavailableError", "DEFAULT_BASE_ADDR", "DEFAULT_CLOCK_HZ",
           "import_pynq"]

#: Where the microcore overlay places the fabric's host window on GP0.
DEFAULT_BASE_ADDR = 0x4000_0000
#: The fabric's clock in the microcore overlay (FCLK0).
DEFAULT_CLOCK_HZ = 100_000_000

_MASK32 = 0xFFFF_FFFF


class PynqUnavailableError(ImportError):
    """The ``pynq`` package is not installed, or cannot be imported."""


def import_pynq():
    """Import and return the ``pynq`` package, with an actionable error if that fails.

    Returns
    -------
    module
        The ``pynq`` package.

    Raises
    ------
    PynqUnavailableError
        If ``pynq`` is missing or broken (the usual cause: ``pycparser`` 3, which pynq 3.1
        cannot use).
    """
    try:
        import pynq
        import pynq.lib  # noqa: F401  (fails with pycparser 3: catch it here, not later)
    except ImportError as exc:
        raise PynqUnavailableError(
            f"the PYNQ backend needs the pynq package ({exc}); on a PYNQ-Z1/Z2 image it is "
            f"preinstalled, elsewhere install it with: pip install 'pynq>=3.1,<3.2' "
            f"'pycparser<3'") from exc
    return pynq


class PynqBus(Bus):
    """The fabric's host window through ``pynq.MMIO``.

    Parameters
    ----------
    mmio : pynq.MMIO, optional
        A mapping of the fabric's window, e.g. the ``mmio`` of the overlay's driver. When
        omitted, one is created at ``base_addr`` over ``window_bytes`` on ``device``.
    base_addr : int, optional
        Physical address of the window when ``mmio`` is not given.
    window_bytes : int, optional
        Size of the window when ``mmio`` is not given; the fabric's full host window by
        default. With ``mmio``, the window is ``mmio.length``.
    device : pynq.Device, optional
        The device for a new mapping; PYNQ's active device by default (the board itself).
    clock_hz : float, optional
        The fabric's clock, used by :meth:`advance` to wait as long as the given number of
        cycles takes on the board.

    Raises
    ------
    PynqUnavailableError
        If ``pynq`` cannot be imported.
    ValueError
        If the mapping is not a positive multiple of 4 bytes long.

    Notes
    -----
    On a device that maps memory (the board), word accesses and blocks go straight to the
    mapped numpy array; byte-lane writes (``strb`` other than ``0xF``) become byte or halfword
    stores, which the Zynq turns into AXI write strobes. On a device with only register access
    (``REGISTER_RW``) every access goes through ``MMIO.read``/``MMIO.write``, which move whole
    words, so partial writes are refused.

    An AXI error response on the board is an external abort: the kernel kills the process
    with SIGBUS instead of raising :class:`~microcore.transport.base.BusError`. The fabric
    answers every address of its window, so this only happens for accesses the fabric
    refuses (unpopulated cores or RAM, writes to read-only registers); the runtime does not
    make them.

    :meth:`advance` lets the fabric run: if the device has an ``advance(cycles)`` method (a
    simulated device does) it is called, otherwise the bus sleeps for ``cycles / clock_hz``
    seconds, since the board's fabric runs by itself.
    """

    def __init__(self, mmio=None, *, base_addr=DEFAULT_BASE_ADDR,
                 window_bytes=1 << abi.HOST_WINDOW_BITS, device=None,
                 clock_hz=DEFAULT_CLOCK_HZ):
        if mmio is None:
            pynq = import_pynq()
            mmio = pynq.MMIO(operator.index(base_addr), operator.index(window_bytes),
                             device=device)
        if not clock_hz > 0:
            raise ValueError(f"clock_hz must be positive, not {clock_hz!r}")
        super().__init__(mmio.length)
        self.mmio = mmio
        self.base_addr = mmio.base_addr
        self.device = mmio.device
        self.clock_hz = clock_hz
        self._array = None
        try:
            import numpy as np
        except ImportError:  # pragma: no cover - pynq depends on numpy
            np = None
        if np is not None and isinstance(mmio.array, np.ndarray):
            self._np = np
            self._array = mmio.array
        self._device_advance = getattr(self.device, "advance", None)

    @property
    def memory_mapped(self):
        """bool: whether accesses go straight to a memory mapping (as on the board)."""
        return self._array is not None

    # -- Bus primitives ------------------------------------------------------------------------

    def _read32(self, addr):
        if self._array is not None:
            return int(self._array[addr >> 2])
        return self.mmio.read(addr) & _MASK32

    def _write32(self, addr, value, strb):
        if strb == 0xF:
            if self._array is not None:
                self._array[addr >> 2] = value
            else:
                self.mmio.write(addr, value)
            return
        if self._array is None:
            raise ValueError(f"{type(self.device).__name__} only writes whole words through "
                             f"pynq.MMIO; byte strobe {strb:#x} needs a memory-mapped device")
        np = self._np
        data = int(value).to_bytes(4, "little")
        lane = 0
        while lane < 4:
            if not strb >> lane & 1:
                lane += 1
                continue
            if lane % 2 == 0 and strb >> (lane + 1) & 1:
                view = self._array.view(np.uint16)
                view[(addr + lane) >> 1] = int.from_bytes(data[lane:lane + 2], "little")
                lane += 2
            else:
                self._array.view(np.uint8)[addr + lane] = data[lane]
                lane += 1

    def _read_block(self, addr, nwords):
        if self._array is not None:
            start = addr >> 2
            return [int(word) for word in self._array[start:start + nwords]]
        return super()._read_block(addr, nwords)

    def _write_block(self, addr, words):
        if self._array is not None:
            start = addr >> 2
            self._array[start:start + len(words)] = self._np.asarray(words, dtype=self._np.uint32)
            return
        super()._write_block(addr, words)

    def _advance(self, cycles):
        if self._device_advance is not None:
            self._device_advance(cycles)
        elif cycles:
            time.sleep(cycles / self.clock_hz)

    def __repr__(self):
        state = "closed" if self.closed else (
            "memory-mapped" if self.memory_mapped else "register access")
        return (f"<PynqBus {self.base_addr:#010x}+{self.window_bytes:#x} on "
                f"{getattr(self.device, 'name', type(self.device).__name__)}, {state}>")
