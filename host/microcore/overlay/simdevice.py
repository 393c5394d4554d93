"""A ``pynq.Device`` whose register accesses drive the simulated fabric.

PYNQ's classes (``MMIO``, ``Overlay``, ``DefaultIP`` drivers) talk to hardware through a
``pynq.Device``. :class:`SimDevice` is one without a board: it offers PYNQ's ``REGISTER_RW``
capability and forwards every register read and write inside the overlay's host window to a
:class:`~microcore.transport.sim.SimBus`, the Verilated RTL of the fabric. The same driver code
that runs on a PYNQ-Z2 thus runs, unchanged, against the simulated hardware: in CI, in the
notebooks' tests, and on a laptop without a board.

Importing this module imports ``pynq``.
"""

from pathlib import Path

from ..transport.pynq import DEFAULT_BASE_ADDR, import_pynq

_pynq = import_pynq()
from pynq.pl_server.hwh_parser import _HWHZynq  # noqa: E402  (after the checked import)

__all__ = ["SimDevice"]


class SimDevice(_pynq.Device):
    """A PYNQ device backed by the simulated fabric.

    Parameters
    ----------
    bus : microcore.transport.sim.SimBus, optional
        The simulated fabric. When omitted, one is opened with ``sim_options`` (and closed by
        :meth:`close_bus`).
    base_addr : int, optional
        Physical address at which the fabric's window appears, as in the overlay.
    tag : str, optional
        PYNQ's device identifier.
    **sim_options
        Passed to :class:`~microcore.transport.sim.SimBus` when ``bus`` is omitted
        (``num_cores``, ``mem_bytes``, ...).

    Attributes
    ----------
    bus : SimBus
        The simulated fabric.
    capabilities : dict
        ``{"REGISTER_RW": True}``: ``pynq.MMIO`` uses :meth:`read_registers` and
        :meth:`write_registers`.

    Notes
    -----
    The simulated clock only runs during accesses and in :meth:`advance`, which
    :class:`~microcore.transport.pynq.PynqBus` calls where the board's fabric would simply keep
    running. ``pynq.Overlay(bitfile, download=False, device=SimDevice(...))`` reads the
    ``.hwh`` beside ``bitfile`` (see :meth:`get_bitfile_metadata`); the bitstream itself is
    never used.
    """

    capabilities = {"REGISTER_RW": True}

    def __init__(self, bus=None, *, base_addr=DEFAULT_BASE_ADDR, tag="microcore-sim",
                 **sim_options):
        super().__init__(tag)
        self.name = tag
        self._own_bus = bus is None
        if bus is None:
            from ..transport.sim import SimBus
            bus = SimBus(**sim_options)
        elif sim_options:
            raise TypeError(f"SimDevice() takes simulation options only without a bus, "
                            f"not {sorted(sim_options)}")
        self.bus = bus
        self.base_addr = base_addr

    def _offset(self, address, length):
        offset = address - self.base_addr
        if offset < 0 or offset + length > self.bus.window_bytes:
            raise ValueError(f"address {address:#x} (+{length} bytes) is outside the simulated "
                             f"fabric's window at {self.base_addr:#x}+{self.bus.window_bytes:#x}")
        if offset % 4 or length % 4:
            raise ValueError(f"the simulated fabric takes aligned 32-bit words, not {length} "
                             f"bytes at {address:#x}")
        return offset

    def read_registers(self, address, length):
        """Read ``length`` bytes (whole words) at physical ``address``.

        Parameters
        ----------
        address : int
            Physical byte address, 4-byte aligned, inside the window.
        length : int
            Bytes to read, a multiple of 4.

        Returns
        -------
        bytes
            The words read, little-endian.
        """
        words = self.bus.read_block(self._offset(address, length), length // 4)
        return b"".join(word.to_bytes(4, "little") for word in words)

    def write_registers(self, address, data):
        """Write ``data`` (whole words, little-endian) at physical ``address``.

        Parameters
        ----------
        address : int
            Physical byte address, 4-byte aligned, inside the window.
        data : bytes-like
            The bytes to write, a multiple of 4 long.
        """
        data = bytes(data)
        offset = self._offset(address, len(data))
        words = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]
        self.bus.write_block(offset, words)

    def advance(self, cycles):
        """Run the simulated fabric for ``cycles`` cycles, or until its ``irq`` rises."""
        self.bus.advance_until_irq(cycles)

    def get_bitfile_metadata(self, bitfile_name):
        """Parse the ``.hwh`` beside ``bitfile_name`` as PYNQ does on a Zynq board.

        Parameters
        ----------
        bitfile_name : str
            Path of the ``.bit`` file.

        Returns
        -------
        pynq.pl_server.hwh_parser._HWHZynq
            The parsed hardware handoff.

        Raises
        ------
        FileNotFoundError
            If there is no ``.hwh`` beside the bitstream.
        """
        hwh = Path(bitfile_name).with_suffix(".hwh")
        if not hwh.is_file():
            raise FileNotFoundError(f"no hardware handoff {hwh} beside {bitfile_name}")
        parser = _HWHZynq(str(hwh))
        parser.systemgraph = None   # the board's parser adds a pynqmetadata graph; no use here
        # pynq.Interrupt waits on the board's interrupt controller, which a simulated device
        # lacks; drivers would fail to construct. The runtime polls instead.
        parser.interrupt_pins = {}
        for ip in parser.ip_dict.values():
            ip["interrupts"] = {}
        return parser

    def download(self, bitstream, parser=None):
        """Refuse: a simulated device has no programmable logic to configure."""
        raise RuntimeError("SimDevice cannot download bitstreams; open the overlay with "
                           "download=False")

    def close_bus(self):
        """Close the simulated fabric if this device opened it."""
        if self._own_bus:
            self.bus.close()

    def __repr__(self):
        return f"<SimDevice {self.name!r} at {self.base_addr:#x}: {self.bus!r}>"

