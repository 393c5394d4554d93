"""A bus for unit tests: memory-backed, with optional scripted transactions.

Without expectations, :class:`MockBus` behaves like a sparse memory of 32-bit words that
reads 0 where nothing was written. Tests that care about the exact traffic queue the
transactions they expect with :meth:`MockBus.expect_read` and :meth:`MockBus.expect_write`;
every access then has to match the head of the queue, in order, or an ``AssertionError`` names
the difference. Hooks emulate registers with side effects.
"""

from collections import deque
from dataclasses import dataclass

from .. import abi
from .base import Bus, BusError, Resp

__all__ = ["MockBus", "Transaction"]


@dataclass(frozen=True)
class Transaction:
    """One bus access.

    Attributes
    ----------
    op : {"read", "write"}
    addr : int
    value : int or None
        The word read or written; None in an expected read that returns memory contents.
    strb : int
        Byte-lane mask (writes; 0xF for reads).
    resp : int
        The :class:`~microcore.transport.base.Resp` answered.
    """

    op: str
    addr: int
    value: int
    strb: int = 0xF
    resp: int = Resp.OKAY

    def __str__(self):
        text = f"{self.op} {self.addr:#08x}"
        if self.value is not None:
            text += f" = {self.value:#010x}"
        if self.strb != 0xF:
            text += f" strb={self.strb:#x}"
        if self.resp != Resp.OKAY:
            text += f" -> {Resp.name(self.resp)}"
        return text


def _merge(old, value, strb):
    mask = 0
    for lane in range(4):
        if strb >> lane & 1:
            mask |= 0xFF << 8 * lane
    return (old & ~mask) | (value & mask)


class MockBus(Bus):
    """A memory-backed bus that can check the exact sequence of accesses.

    Parameters
    ----------
    window_bytes : int, optional
        Size of the address window.
    memory : dict of int to int, optional
        Initial contents, word address to word.

    Attributes
    ----------
    memory : dict of int to int
        Current contents; addresses not present read as 0.
    log : list of Transaction
        Every access so far, in order.

    Examples
    --------
    >>> bus = MockBus()
    >>> bus.expect_write(0x48, 0x1234)
    >>> bus.expect_read(0x48, 0x1234)
    >>> bus.write32(0x48, 0x1234)
    >>> hex(bus.read32(0x48))
    '0x1234'
    >>> bus.verify()
    """

    def __init__(self, window_bytes=1 << abi.HOST_WINDOW_BITS, memory=None):
        super().__init__(window_bytes)
        self.memory = dict(memory or {})
        self.log = []
        self._expected = deque()
        self._read_hooks = {}
        self._write_hooks = {}
        self._cycles = 0

    # -- Scripting -----------------------------------------------------------------------------

    def expect_read(self, addr, value=None, resp=Resp.OKAY):
        """Queue an expected read of ``addr``.

        Parameters
        ----------
        addr : int
            The address the read must use.
        value : int, optional
            The word to return; None returns what memory (or a hook) holds.
        resp : int, optional
            The response; anything but OKAY makes the read raise :class:`BusError`.
        """
        self._expected.append(Transaction("read", addr, value, 0xF, resp))

    def expect_write(self, addr, value, strb=0xF, resp=Resp.OKAY):
        """Queue an expected write of ``value`` to ``addr``.

        Parameters
        ----------
        addr, value, strb : int
            What the write must use. A write that matches updates memory (when ``resp`` is
            OKAY).
        resp : int, optional
            The response; anything but OKAY makes the write raise :class:`BusError`.
        """
        self._expected.append(Transaction("write", addr, value, strb, resp))

    @property
    def pending(self):
        """list of Transaction: expected transactions that have not happened yet."""
        return list(self._expected)

    def verify(self):
        """Assert that every expected transaction has happened.

        Raises
        ------
        AssertionError
            Listing the transactions still pending.
        """
        if self._expected:
            missing = "\n  ".join(map(str, self._expected))
            raise AssertionError(f"{len(self._expected)} expected bus transaction(s) did not "
                                 f"happen:\n  {missing}")

    def on_read(self, addr, hook):
        """Call ``hook(addr)`` for reads of ``addr``; its return value is the word read.

        The hook may raise :class:`BusError` to model an error response. Pass None to remove.
        """
        self._set_hook(self._read_hooks, addr, hook)

    def on_write(self, addr, hook):
        """Call ``hook(addr, value, strb)`` for writes to ``addr`` instead of storing.

        The hook may raise :class:`BusError` to model an error response. Pass None to remove.
        """
        self._set_hook(self._write_hooks, addr, hook)

    @staticmethod
    def _set_hook(hooks, addr, hook):
        if hook is None:
            hooks.pop(addr, None)
        else:
            hooks[addr] = hook

    # -- Bus primitives ------------------------------------------------------------------------

    def _next_expected(self, actual):
        if not self._expected:
            return None
        expected = self._expected[0]
        value_matches = actual.op == "read" or expected.value == actual.value
        if (expected.op, expected.addr, expected.strb) != (actual.op, actual.addr, actual.strb) \
                or not value_matches:
            raise AssertionError(f"unexpected bus transaction: got {actual}, expected {expected}")
        return self._expected.popleft()

    def _read32(self, addr):
        expected = self._next_expected(Transaction("read", addr, None))
        if expected is not None and expected.resp != Resp.OKAY:
            self.log.append(Transaction("read", addr, 0, 0xF, expected.resp))
            raise BusError(addr, "read", expected.resp)
        if expected is not None and expected.value is not None:
            value = expected.value
        elif addr in self._read_hooks:
            value = self._read_hooks[addr](addr) & 0xFFFF_FFFF
        else:
            value = self.memory.get(addr, 0)
        self.log.append(Transaction("read", addr, value))
        return value

    def _write32(self, addr, value, strb):
        expected = self._next_expected(Transaction("write", addr, value, strb))
        resp = expected.resp if expected is not None else Resp.OKAY
        self.log.append(Transaction("write", addr, value, strb, resp))
        if resp != Resp.OKAY:
            raise BusError(addr, "write", resp)
        if addr in self._write_hooks:
            self._write_hooks[addr](addr, value, strb)
        else:
            self.memory[addr] = _merge(self.memory.get(addr, 0), value, strb)

    def _advance(self, cycles):
        self._cycles += cycles

    @property
    def cycles(self):
        """int: the sum of all :meth:`advance` calls (accesses take no time on a MockBus)."""
        return self._cycles
