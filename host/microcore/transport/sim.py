"""The simulator backend: the bus over a Verilated fabric loaded with ctypes.

The model library (see :mod:`microcore.sim.build`) runs the clock and drives every AXI4-Lite
handshake in C++; Python makes one foreign call per access, per block or per ``advance``.
"""

import array
import ctypes
import os
from pathlib import Path
import threading
import weakref

from .. import abi
from .base import Bus, BusError, BusTimeoutError, Resp

__all__ = ["SimBus", "SimHostMemory", "SimulationError", "load_library"]

_API_VERSION = 3
_TIMEOUT = 4
_FATAL = 5
_MASK32 = 0xFFFF_FFFF
_TRACE_FORMATS = {"vcd": 1, "fst": 2}
# advance() runs the C++ loop in slices this long, so Ctrl-C is seen within a fraction of a
# second even on large fabrics.
_SLICE = 1 << 18

_u32 = ctypes.c_uint32
_u64 = ctypes.c_uint64
_handle = ctypes.c_void_p

_libraries = {}
_libraries_lock = threading.Lock()


class SimulationError(RuntimeError):
    """The simulation stopped: Verilog ``$stop``/``$fatal`` or a Verilator runtime error."""


def load_library(path):
    """Load a model library and declare its C functions.

    Parameters
    ----------
    path : path-like
        A library built by :func:`microcore.sim.build.build_library`.

    Returns
    -------
    ctypes.CDLL
        The library; loading the same path again returns the same object.
    """
    path = str(Path(path).resolve())
    with _libraries_lock:
        lib = _libraries.get(path)
        if lib is not None:
            return lib
        try:
            lib = ctypes.CDLL(path)
        except OSError as exc:
            raise OSError(f"cannot load simulation model {path}: {exc}") from exc
        signatures = {
            "mc_api_version": (ctypes.c_int, []),
            "mc_has_trace": (ctypes.c_int, []),
            "mc_create": (_handle, [ctypes.c_char_p, _u32, ctypes.c_char_p, _u32]),
            "mc_destroy": (None, [_handle]),
            "mc_error": (ctypes.c_char_p, [_handle]),
            "mc_set_timeout": (None, [_handle, _u32]),
            "mc_cycles": (_u64, [_handle]),
            "mc_irq": (ctypes.c_int, [_handle]),
            "mc_stats": (None, [_handle, ctypes.POINTER(_u64)]),
            "mc_reset": (ctypes.c_int, [_handle, _u32]),
            "mc_advance": (ctypes.c_int, [_handle, _u64]),
            "mc_advance_until_irq": (ctypes.c_int64, [_handle, _u64]),
            "mc_read32": (_u64, [_handle, _u32]),
            "mc_write32": (ctypes.c_int, [_handle, _u32, _u32, _u32]),
            "mc_read_block": (ctypes.c_int, [_handle, _u32, ctypes.POINTER(_u32), _u32,
                                             ctypes.POINTER(_u32)]),
            "mc_write_block": (ctypes.c_int, [_handle, _u32, ctypes.POINTER(_u32), _u32,
                                              ctypes.POINTER(_u32)]),
            "mc_host_memory_configure": (ctypes.c_int, [_handle, _u64, _u64, _u32, _u32]),
            "mc_host_memory_info": (None, [_handle, ctypes.POINTER(_u64)]),
            "mc_host_memory_read": (ctypes.c_int, [_handle, _u64, ctypes.c_char_p, _u64]),
            "mc_host_memory_write": (ctypes.c_int, [_handle, _u64, ctypes.c_char_p, _u64]),
        }
        for name, (restype, argtypes) in signatures.items():
            try:
                func = getattr(lib, name)
            except AttributeError:
                raise OSError(f"{path} is not a microcore simulation model (no {name})") \
                    from None
            func.restype = restype
            func.argtypes = argtypes
        version = lib.mc_api_version()
        if version != _API_VERSION:
            raise OSError(f"{path} implements harness API {version}, this microcore expects "
                          f"{_API_VERSION}; rebuild the model")
        _libraries[path] = lib
        return lib


def _words_buffer(words):
    """Return a C uint32 array sharing memory with a copy of ``words``."""
    for code in "IL":
        if array.array(code).itemsize == 4:
            buf = array.array(code, words)
            return buf, (_u32 * len(buf)).from_buffer(buf)
    return None, (_u32 * len(words))(*words)


class SimHostMemory:
    """The simulated host DDR that the fabric's DMA master reaches (``SimBus.host_memory``).

    A flat byte array of :attr:`size` bytes at physical address :attr:`base` (by default
    16 MiB at ``0x1000_0000``), zero after :meth:`configure`. Reads answer ``read_latency``
    cycles after the fabric's read address was accepted, one 8-byte beat per cycle; a write is
    acknowledged ``write_latency`` cycles after its last beat; at most 4 bursts per direction
    are outstanding. DMA beats outside the array read zero, are not written, and answer DECERR.
    The host's own accesses (:meth:`read`, :meth:`write`) take no simulated time.
    """

    def __init__(self, bus):
        self._bus = bus

    def _info(self):
        info = (_u64 * 6)()
        self._bus._lib.mc_host_memory_info(self._bus._live(), info)
        return info

    base = property(lambda self: self._info()[0], doc="int: physical address of byte 0.")
    size = property(lambda self: self._info()[1], doc="int: size in bytes.")
    read_latency = property(lambda self: self._info()[2], doc="int: cycles to a read's data.")
    write_latency = property(lambda self: self._info()[3],
                             doc="int: cycles from a write's last beat to its response.")
    read_beats = property(lambda self: self._info()[4],
                          doc="int: 8-byte beats the DMA master has read so far.")
    write_beats = property(lambda self: self._info()[5],
                           doc="int: 8-byte beats the DMA master has written so far.")

    def configure(self, base=0x1000_0000, size=16 << 20, *, read_latency=24, write_latency=12):
        """Place the memory at physical ``base`` with ``size`` bytes (both multiples of 8, the
        range inside 4 GiB), clear it and set its timing."""
        for name, value in (("base", base), ("size", size)):
            if not isinstance(value, int) or value < 0 or value % 8:
                raise ValueError(f"{name} must be a non-negative multiple of 8, not {value!r}")
        if not size or base + size > 1 << 32:
            raise ValueError(f"host memory {base:#x} + {size:#x} must be non-empty and end "
                             f"within 4 GiB")
        for name, value in (("read_latency", read_latency), ("write_latency", write_latency)):
            if not isinstance(value, int) or not 0 <= value <= _MASK32:
                raise ValueError(f"{name} must be an unsigned 32-bit integer, not {value!r}")
        self._bus._lib.mc_host_memory_configure(self._bus._live(), base, size, read_latency,
                                                 write_latency)

    def _check(self, addr, n):
        base, size = self._info()[:2]
        if not (isinstance(addr, int) and base <= addr and addr + n <= base + size):
            raise ValueError(f"host memory range {addr!r} + {n} is outside "
                             f"{base:#x}..{base + size:#x}")

    def read(self, addr, n):
        """Return the ``n`` bytes at physical address ``addr``."""
        if not isinstance(n, int) or n < 0:
            raise ValueError(f"n must be a non-negative int, not {n!r}")
        self._check(addr, n)
        buf = ctypes.create_string_buffer(n)
        self._bus._lib.mc_host_memory_read(self._bus._live(), addr, buf, n)
        return buf.raw[:n]

    def write(self, addr, data):
        """Write the bytes ``data`` at physical address ``addr``."""
        data = bytes(data)
        self._check(addr, len(data))
        self._bus._lib.mc_host_memory_write(self._bus._live(), addr, data, len(data))

    def __repr__(self):
        return f"<SimHostMemory {self.size:#x} bytes at {self.base:#x}>"


class SimBus(Bus):
    """The fabric's host bus, simulated with Verilator.

    Constructing one builds the model (or takes it from the cache; see
    :func:`microcore.sim.build.build_model`), loads it and resets the fabric.

    Parameters
    ----------
    num_cores : int, optional
        Device cores in the fabric.
    mem_bytes : int, optional
        Local RAM per core, in bytes.
    isa : str, optional
        PicoRV32 instruction set, e.g. ``"rv32imc"``.
    fast_mul : bool, optional
        Single-cycle multipliers.
    library : path-like, optional
        Use this prebuilt model library instead of building the fabric; ``num_cores``,
        ``mem_bytes``, ``isa`` and ``fast_mul`` are then only recorded, not checked.
    waves : path-like, optional
        Write a waveform of the whole run to this file: VCD if it ends in ``.vcd``, FST if it
        ends in ``.fst`` (FST needs the zlib and LZ4 headers to build). This needs a model built
        with tracing, a separate and slower library built on demand. Defaults to
        ``$MICROCORE_SIM_WAVES``. Waveforms of the full fabric take hundreds of bytes per cycle.
    timeout_cycles : int, optional
        Cycles after which an unanswered access raises :class:`BusTimeoutError`.
    reset_cycles : int, optional
        Cycles ``rst`` is held high by :meth:`reset` and at construction.
    verbose : bool, optional
        Report build progress on stderr.

    Attributes
    ----------
    host_memory : SimHostMemory
        The simulated host DDR behind the fabric's DMA master.

    Notes
    -----
    Bus accesses take simulated cycles: they run the fabric's clock while the handshake is in
    progress, so :attr:`cycles` counts them. A SimBus is not thread-safe; use it from one
    thread at a time.
    """

    def __init__(self, num_cores=8, mem_bytes=64 * 1024, isa="rv32imc", *, fast_mul=False,
                 library=None, waves=None, timeout_cycles=10_000, reset_cycles=8,
                 verbose=True):
        super().__init__(1 << abi.HOST_WINDOW_BITS)
        self._closed = True
        self.num_cores = num_cores
        self.mem_bytes = mem_bytes
        self.isa = isa
        self.fast_mul = fast_mul
        if waves is None:
            waves = os.environ.get("MICROCORE_SIM_WAVES") or None
        self.waves = Path(waves) if waves is not None else None
        trace = False
        if self.waves is not None:
            trace = self.waves.suffix.lower().lstrip(".")
            if trace not in _TRACE_FORMATS:
                raise ValueError(f"waves must be a .vcd or .fst file, not {self.waves}")
        if library is None:
            from ..sim.build import build_model
            library = build_model(num_cores, mem_bytes, isa, fast_mul=fast_mul, trace=trace,
                                  verbose=verbose)
        self.library = Path(library)
        lib = self._lib = load_library(self.library)
        if trace and lib.mc_has_trace() != _TRACE_FORMATS[trace]:
            raise ValueError(f"{self.waves.name} needs a model built with trace={trace!r}, "
                             f"and {self.library} is not")
        if not 0 <= reset_cycles <= _MASK32:
            raise ValueError(f"reset_cycles must be an unsigned 32-bit integer, "
                             f"not {reset_cycles!r}")
        if not 1 <= timeout_cycles <= _MASK32:
            raise ValueError(f"timeout_cycles must be in range(1, 2**32), "
                             f"not {timeout_cycles!r}")
        self.reset_cycles = reset_cycles

        err = ctypes.create_string_buffer(512)
        path = os.fsencode(self.waves) if self.waves is not None else None
        handle = lib.mc_create(path, reset_cycles, err, len(err))
        if not handle:
            reason = err.value.decode(errors="replace")
            raise SimulationError(f"cannot create the simulation: {reason}")
        self._handle = handle
        self._finalizer = weakref.finalize(self, lib.mc_destroy, handle)
        self._closed = False
        self.timeout_cycles = timeout_cycles

        self._c_read32 = lib.mc_read32
        self._c_write32 = lib.mc_write32
        self.host_memory = SimHostMemory(self)

    # -- Simulation controls -------------------------------------------------------------------

    @property
    def timeout_cycles(self):
        """int: cycles after which an unanswered access raises :class:`BusTimeoutError`."""
        return self._timeout_cycles

    @timeout_cycles.setter
    def timeout_cycles(self, cycles):
        if not 1 <= cycles <= _MASK32:
            raise ValueError(f"timeout_cycles must be in range(1, 2**32), not {cycles!r}")
        self._lib.mc_set_timeout(self._live(), cycles)
        self._timeout_cycles = cycles

    @property
    def cycles(self):
        """int: fabric clock cycles since the end of the last reset, bus accesses included."""
        return self._lib.mc_cycles(self._live())

    @property
    def irq(self):
        """bool: the level of the fabric's ``irq`` output."""
        return bool(self._lib.mc_irq(self._live()))

    def profile(self):
        """Return the simulation's counters since the last reset, and each core's.

        Reading the per-core counters takes host-port accesses (and so a few cycles); the
        totals are taken before them.

        Returns
        -------
        dict
            ``cycles``: fabric cycles; ``host_reads`` and ``host_writes``: host-port accesses;
            ``host_access_cycles``: the cycles those accesses ran the clock for (the others
            ran in :meth:`advance` and :meth:`advance_until_irq`); ``dma_read_beats`` and
            ``dma_write_beats``: 8-byte beats the DMA master moved; ``cores``: for each core
            of the fabric (its ``NUM_CORES`` register), a dict of ``cycles`` (cycles spent
            running since its release) and ``instret`` (instructions fetched), from its
            control registers.
        """
        stats = (_u64 * 4)()
        self._lib.mc_stats(self._live(), stats)
        memory = self.host_memory._info()
        result = {"cycles": stats[0], "host_reads": stats[1], "host_writes": stats[2],
                  "host_access_cycles": stats[3], "dma_read_beats": memory[4],
                  "dma_write_beats": memory[5], "cores": {}}
        regs = abi.CORE_CTRL_REGS
        for core in range(self.read32(abi.GLOBAL_REGS.address("NUM_CORES"))):
            words = self.read_block(regs.address("CYCLE_LO", core), 4)   # LO latches HI
            result["cores"][core] = {"cycles": words[0] | words[1] << 32,
                                     "instret": words[2] | words[3] << 32}
        return result

    def reset(self):
        """Hold the fabric in reset for ``reset_cycles`` cycles, then release it.

        Afterwards :attr:`cycles` is 0. This also recovers the bus after a
        :class:`BusTimeoutError`.
        """
        self._check_status(self._lib.mc_reset(self._live(), self.reset_cycles), 0, "reset")

    def advance_until_irq(self, max_cycles):
        """Run the clock until ``irq`` is high, for at most ``max_cycles`` cycles.

        Parameters
        ----------
        max_cycles : int
            Upper bound on the cycles to run.

        Returns
        -------
        int
            Cycles run: 0 if ``irq`` was already high, ``max_cycles`` if it never rose.
        """
        if max_cycles < 0:
            raise ValueError(f"max_cycles must not be negative, not {max_cycles!r}")
        handle = self._live()
        func = self._lib.mc_advance_until_irq
        total = 0
        while total < max_cycles:
            want = min(_SLICE, max_cycles - total)
            ran = func(handle, want)
            if ran < 0:
                self._raise_fatal("advance")
            total += ran
            if ran < want:
                break
        return total

    # -- Bus primitives ------------------------------------------------------------------------

    def _read32(self, addr):
        result = self._c_read32(self._handle, addr)
        if result > _MASK32:
            self._check_status(result >> 32, addr, "read")
        return result & _MASK32

    def _write32(self, addr, value, strb):
        status = self._c_write32(self._handle, addr, value, strb)
        if status:
            self._check_status(status, addr, "write")

    def _read_block(self, addr, nwords):
        buf = (_u32 * nwords)()
        done = _u32()
        status = self._lib.mc_read_block(self._handle, addr, buf, nwords, ctypes.byref(done))
        if status:
            self._check_status(status, addr + 4 * done.value, "read")
        return buf[:]

    def _write_block(self, addr, words):
        keep, buf = _words_buffer(words)
        done = _u32()
        status = self._lib.mc_write_block(self._handle, addr, buf, len(words),
                                          ctypes.byref(done))
        del keep
        if status:
            self._check_status(status, addr + 4 * done.value, "write")

    def _advance(self, cycles):
        handle = self._handle
        func = self._lib.mc_advance
        while cycles:
            step = min(cycles, _SLICE)
            if func(handle, step):
                self._raise_fatal("advance")
            cycles -= step

    def _close(self):
        self._finalizer()

    # -- Helpers -------------------------------------------------------------------------------

    def _live(self):
        if self._closed:
            raise ValueError("I/O on a closed SimBus")
        return self._handle

    def _check_status(self, status, addr, op):
        if status == Resp.OKAY:
            return
        if status == _TIMEOUT:
            raise BusTimeoutError(addr, op, self._timeout_cycles)
        if status == _FATAL:
            self._raise_fatal(op)
        raise BusError(addr, op, status)

    def _raise_fatal(self, op):
        message = self._lib.mc_error(self._handle).decode(errors="replace")
        raise SimulationError(f"the simulation stopped during {op}: {message}; create a new "
                              f"SimBus to continue")

    def __repr__(self):
        state = "closed" if self._closed else f"cycle {self.cycles}"
        return (f"<SimBus {self.num_cores} cores, {self.mem_bytes // 1024} KiB, {self.isa}, "
                f"{state}>")
