"""The host bus: 32-bit accesses to the fabric's AXI4-Lite slave.

Everything above the transport layer (loader, monitor, runtime) talks to the fabric only
through :class:`Bus`. Backends implement the two primitives :meth:`Bus._read32` and
:meth:`Bus._write32`; the public methods check arguments first, so every backend rejects bad
addresses the same way. Backends may also override the block primitives when they can move
many words faster than one access at a time (the simulator loops in C++, PYNQ copies from a
mapped buffer).
"""

import abc
import operator

from .. import abi

__all__ = ["Resp", "BusError", "BusTimeoutError", "Bus"]


class Resp:
    """AXI4-Lite response codes."""

    OKAY = 0
    EXOKAY = 1
    SLVERR = 2
    DECERR = 3

    _NAMES = {0: "OKAY", 1: "EXOKAY", 2: "SLVERR", 3: "DECERR"}
    _MEANING = {
        1: "exclusive-access response, invalid for AXI4-Lite",
        2: "the slave refused the access",
        3: "no slave decodes this address",
    }

    @classmethod
    def name(cls, resp):
        """Return the name of response code ``resp`` (``"DECERR"`` ...)."""
        return cls._NAMES.get(resp, f"response {resp}")


class BusError(Exception):
    """A bus access that did not complete with OKAY.

    Parameters
    ----------
    addr : int
        Byte address of the failed access.
    op : {"read", "write"}
        Direction of the access.
    resp : int or None
        The AXI response code (:class:`Resp`), or None if the slave never answered.
    detail : str, optional
        Replaces the standard explanation of ``resp`` in the message.

    Attributes
    ----------
    addr, op, resp, detail
        As passed (``detail`` filled in when not given).
    """

    def __init__(self, addr, op, resp, detail=None):
        self.addr = addr
        self.op = op
        self.resp = resp
        if detail is None:
            detail = f"{Resp.name(resp)} ({Resp._MEANING.get(resp, 'unexpected response')})"
        self.detail = detail
        super().__init__(f"bus {op} at {addr:#08x} failed: {detail}")

    def __reduce__(self):
        return (type(self), (self.addr, self.op, self.resp, self.detail))


class BusTimeoutError(BusError):
    """A bus access the fabric never answered.

    The fabric may still complete the access later, so the bus is in an unknown state; reset
    the fabric before using it again.
    """

    def __init__(self, addr, op, cycles, detail=None):
        self.cycles = cycles
        if detail is None:
            detail = (f"no response within {cycles} cycles; the fabric is hung or "
                      f"misbehaving (reset it before further use)")
        super().__init__(addr, op, None, detail)

    def __reduce__(self):
        return (type(self), (self.addr, self.op, self.cycles, self.detail))


class Bus(abc.ABC):
    """A 32-bit memory-mapped window onto the fabric.

    Parameters
    ----------
    window_bytes : int, optional
        Size of the address window; every access must lie inside ``[0, window_bytes)``. The
        default is the fabric's full host window, ``2 ** abi.HOST_WINDOW_BITS`` bytes.

    Notes
    -----
    Addresses are byte addresses relative to the fabric's base and must be multiples of 4.
    Words are unsigned 32-bit integers. A bus is a context manager that calls :meth:`close`
    on exit.
    """

    def __init__(self, window_bytes=1 << abi.HOST_WINDOW_BITS):
        if window_bytes <= 0 or window_bytes % 4:
            raise ValueError(f"window_bytes must be a positive multiple of 4, "
                             f"not {window_bytes!r}")
        self.window_bytes = window_bytes
        self._closed = False

    # -- Backend primitives --------------------------------------------------------------------

    @abc.abstractmethod
    def _read32(self, addr):
        """Read the word at ``addr`` (already checked); raise :class:`BusError` on failure."""

    @abc.abstractmethod
    def _write32(self, addr, value, strb):
        """Write ``value`` at ``addr`` (already checked); raise :class:`BusError` on failure."""

    def _read_block(self, addr, nwords):
        read32 = self._read32
        return [read32(addr + 4 * i) for i in range(nwords)]

    def _write_block(self, addr, words):
        write32 = self._write32
        for i, word in enumerate(words):
            write32(addr + 4 * i, word, 0xF)

    def _advance(self, cycles):
        pass

    def _close(self):
        pass

    # -- Public interface ----------------------------------------------------------------------

    def read32(self, addr):
        """Read one 32-bit word.

        Parameters
        ----------
        addr : int
            Byte address, a multiple of 4 inside the window.

        Returns
        -------
        int
            The word, ``0 <= value < 2**32``.

        Raises
        ------
        ValueError
            If ``addr`` is misaligned or outside the window.
        BusError
            If the fabric answers SLVERR or DECERR, or does not answer at all
            (:class:`BusTimeoutError`).
        """
        if type(addr) is not int or addr & 3 or not 0 <= addr < self.window_bytes \
                or self._closed:
            addr = self._check(addr, 1)
        return self._read32(addr)

    def write32(self, addr, value, strb=0xF):
        """Write one 32-bit word.

        Parameters
        ----------
        addr : int
            Byte address, a multiple of 4 inside the window.
        value : int
            The word, ``0 <= value < 2**32``.
        strb : int, optional
            Byte-lane mask; bit ``i`` enables byte ``i`` (bits ``8*i .. 8*i+7`` of ``value``).

        Raises
        ------
        ValueError
            If an argument is out of range.
        BusError
            If the fabric answers SLVERR or DECERR, or does not answer at all.
        """
        if type(addr) is not int or addr & 3 or not 0 <= addr < self.window_bytes \
                or self._closed:
            addr = self._check(addr, 1)
        if type(value) is not int or not 0 <= value <= 0xFFFF_FFFF:
            value = operator.index(value)
            if not 0 <= value <= 0xFFFF_FFFF:
                raise ValueError(f"value must be an unsigned 32-bit integer, not {value!r}")
        if type(strb) is not int or not 0 <= strb <= 0xF:
            strb = operator.index(strb)
            if not 0 <= strb <= 0xF:
                raise ValueError(f"strb must be a 4-bit byte-lane mask, not {strb!r}")
        self._write32(addr, value, strb)

    def read_block(self, addr, nwords):
        """Read ``nwords`` consecutive words starting at ``addr``.

        Parameters
        ----------
        addr : int
            Byte address of the first word, a multiple of 4.
        nwords : int
            Number of words; the whole range must lie inside the window.

        Returns
        -------
        list of int
            The words in address order.

        Raises
        ------
        ValueError
            If the range is misaligned or leaves the window.
        BusError
            At the first word that fails; earlier words have been read.
        """
        nwords = operator.index(nwords)
        if nwords < 0:
            raise ValueError(f"nwords must not be negative, not {nwords!r}")
        addr = self._check(addr, nwords)
        return self._read_block(addr, nwords) if nwords else []

    def write_block(self, addr, words):
        """Write consecutive words starting at ``addr``, all byte lanes enabled.

        Parameters
        ----------
        addr : int
            Byte address of the first word, a multiple of 4.
        words : sequence of int
            Unsigned 32-bit words; the whole range must lie inside the window.

        Raises
        ------
        ValueError
            If the range is misaligned or leaves the window, or a word is out of range.
        BusError
            At the first word that fails; earlier words have been written.
        """
        words = [operator.index(word) for word in words]
        addr = self._check(addr, len(words))
        for i, word in enumerate(words):
            if not 0 <= word <= 0xFFFF_FFFF:
                raise ValueError(f"words[{i}] must be an unsigned 32-bit integer, not {word!r}")
        if words:
            self._write_block(addr, words)

    def advance(self, cycles):
        """Let the fabric run for ``cycles`` clock cycles.

        A simulator runs its clock; real hardware runs on its own, so the default does nothing.
        Polling loops call this between polls, which makes them work on both.

        Parameters
        ----------
        cycles : int
            Number of cycles, at least 0.
        """
        cycles = operator.index(cycles)
        if cycles < 0:
            raise ValueError(f"cycles must not be negative, not {cycles!r}")
        if self._closed:
            raise ValueError(f"I/O on a closed {type(self).__name__}")
        self._advance(cycles)

    @property
    def cycles(self):
        """int or None: fabric clock cycles since reset, or None where the bus cannot tell."""
        return None

    @property
    def closed(self):
        """bool: whether :meth:`close` has been called."""
        return self._closed

    def close(self):
        """Release the backend's resources. Further accesses raise ValueError."""
        if not self._closed:
            self._closed = True
            self._close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _check(self, addr, nwords):
        addr = operator.index(addr)
        if self._closed:
            raise ValueError(f"I/O on a closed {type(self).__name__}")
        if addr % 4:
            raise ValueError(f"address {addr:#x} is not 4-byte aligned")
        if addr < 0 or addr + 4 * max(nwords, 1) > self.window_bytes:
            what = f"address {addr:#x}" if nwords <= 1 else (
                f"range {addr:#x}..{addr + 4 * nwords - 1:#x}")
            raise ValueError(f"{what} is outside the bus window [0, {self.window_bytes:#x})")
        return addr
