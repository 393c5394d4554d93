"""The PYNQ driver of the microcore fabric and the overlay class that carries it.

Importing this module imports ``pynq`` and registers :class:`MicrocoreIP` as the driver of the
fabric's VLNV, so any ``pynq.Overlay`` holding a microcore fabric gets it.
"""

from .. import abi
from ..transport.pynq import DEFAULT_CLOCK_HZ, PynqBus, import_pynq
from .boards import VLNV, default_bitfile

_pynq = import_pynq()

__all__ = ["MicrocoreIP", "MicrocoreOverlay"]

G = abi.GLOBAL_REGS


class MicrocoreIP(_pynq.DefaultIP):
    """The driver PYNQ binds to a microcore fabric in an overlay.

    Parameters
    ----------
    description : dict
        PYNQ's description of the IP (from the ``.hwh``); passed by ``pynq.Overlay``.

    Attributes
    ----------
    bus : microcore.transport.pynq.PynqBus
        The fabric's host window, as used by the runtime (``run_source(..., bus=ip.bus)``).
    mmio : pynq.MMIO
        PYNQ's mapping of the same window.

    Notes
    -----
    The fabric's ID, version and contract are checked the first time :attr:`fabric` (or
    anything built on it) is used, not when the overlay is opened, so a mismatched bitstream
    can still be inspected through :attr:`mmio`.
    """

    bindto = [VLNV]

    def __init__(self, description):
        super().__init__(description)
        self.bus = PynqBus(self.mmio)
        self._fabric = None

    @property
    def fabric(self):
        """microcore.device.Device: the fabric behind :attr:`bus`, checked on first use.

        Raises
        ------
        microcore.device.DeviceError
            If the window holds no microcore fabric, or one built from another contract.
        """
        if self._fabric is None:
            from ..device import Device
            self._fabric = Device(self.bus)
        return self._fabric

    @property
    def info(self):
        """microcore.device.FabricInfo: version, contract, cores, RAM and features."""
        return self.fabric.info

    @property
    def cycles(self):
        """int: the fabric's free-running cycle counter."""
        low = self.bus.read32(G.address("CYCLE_LO"))
        return low | self.bus.read32(G.address("CYCLE_HI")) << 32

    def reset(self, cores=None):
        """Hold ``cores`` (all by default) in reset.

        Parameters
        ----------
        cores : iterable of int, optional
            Core ids; every core of the fabric when omitted.
        """
        self.fabric.hold(range(self.info.num_cores) if cores is None else cores)

    def release(self, cores):
        """Release ``cores`` from reset together; their status and counters restart."""
        self.fabric.release(cores)

    def load(self, cores, program, world_size=None, firmware=None):
        """Hold ``cores`` in reset and write the firmware and a bytecode program into them.

        Parameters
        ----------
        cores : iterable of int
            Core ids.
        program : bytes
            A bytecode image (``microcore.compiler.compile_source(...).to_bytes()``).
        world_size : int, optional
            What ``parallel.numcores()`` returns on the cores; ``len(cores)`` by default.
        firmware : microcore.firmware.Firmware, optional
            The firmware image; :func:`microcore.firmware.load_firmware` by default.
        """
        from ..firmware import load_firmware
        cores = list(cores)
        self.fabric.load(cores, firmware or load_firmware(), program,
                         len(cores) if world_size is None else world_size)

    def status(self, core):
        """Return a :class:`microcore.device.CoreStatus` snapshot of ``core``."""
        return self.fabric.status(core)

    def counters(self):
        """Return ``{core: (cycles, instructions)}`` since each core's last release."""
        return {k: (s.cycles, s.instret) for k, s in
                ((k, self.fabric.status(k)) for k in range(self.info.num_cores))}

    def run(self, source, cores=None, **kwargs):
        """Compile ``source`` and run it on ``cores`` cores (all by default).

        Parameters
        ----------
        source : str
            A Python program in microcore's subset.
        cores : int, optional
            How many cores run it, from core 0.
        **kwargs
            Passed to :func:`microcore.runner.run_source` (``sink``, ``timeout``,
            ``filename``).

        Returns
        -------
        microcore.runner.RunReport
        """
        from ..runner import run_source
        if cores is None:
            cores = self.info.num_cores
        return run_source(source, cores=cores, bus=self.bus, **kwargs)


class MicrocoreOverlay(_pynq.Overlay):
    """The microcore overlay: a PYNQ overlay holding one fabric.

    Parameters
    ----------
    bitfile : path-like, optional
        The ``microcore.bit`` to load (its ``.hwh`` must sit beside it); by default the one
        installed with the package (see :func:`microcore.overlay.default_bitfile`).
    download : bool, optional
        Configure the FPGA with the bitstream. Use False when it is already loaded, or with a
        simulated device.
    device : pynq.Device, optional
        The device; the board by default. :class:`~microcore.overlay.simdevice.SimDevice`
        runs the overlay on the simulated fabric.
    **kwargs
        Passed to ``pynq.Overlay``.

    Attributes
    ----------
    microcore : MicrocoreIP
        The fabric's driver (also reachable under its block-design name, ``microcore_0``).
    bus : microcore.transport.pynq.PynqBus
        The fabric's host window.
    info : microcore.device.FabricInfo
        The fabric's configuration.

    Raises
    ------
    ValueError
        If the overlay holds no microcore fabric.
    """

    def __init__(self, bitfile=None, download=True, device=None, **kwargs):
        if bitfile is None:
            bitfile = default_bitfile()
            if not bitfile.is_file():
                raise FileNotFoundError(
                    f"no microcore bitstream at {bitfile}; build one with `microcore "
                    f"bitstream` (see docs/pynq.md) and pass its path")
        super().__init__(str(bitfile), download=download, device=device, **kwargs)
        names = [name for name, ip in self.ip_dict.items() if ip.get("type") == VLNV]
        if not names:
            raise ValueError(f"{bitfile} holds no microcore fabric ({VLNV})")
        self.fabric_name = names[0]
        self.microcore = getattr(self, self.fabric_name.replace("/", "."))
        if not isinstance(self.microcore, MicrocoreIP):  # pragma: no cover - pynq binds it
            raise ValueError(f"{self.fabric_name} is bound to {type(self.microcore).__name__}, "
                             f"not MicrocoreIP")
        self.microcore.bus.clock_hz = self.fabric_clock_hz()

    def fabric_clock_hz(self):
        """Return the fabric's clock (FCLK0) in Hz, as the ``.hwh`` configures it."""
        for ip in self.ip_dict.values():
            mhz = ip.get("parameters", {}).get("PCW_FPGA0_PERIPHERAL_FREQMHZ")
            if ip.get("type", "").startswith("xilinx.com:ip:processing_system7:") and mhz:
                return float(mhz) * 1e6
        return float(DEFAULT_CLOCK_HZ)

    @property
    def bus(self):
        """PynqBus: the fabric's host window."""
        return self.microcore.bus

    @property
    def info(self):
        """FabricInfo: the fabric's configuration (checks the fabric on first use)."""
        return self.microcore.info

    def run(self, source, cores=None, **kwargs):
        """Run a program on the fabric; see :meth:`MicrocoreIP.run`."""
        return self.microcore.run(source, cores=cores, **kwargs)
