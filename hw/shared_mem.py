"""The shared on-chip memory: one block RAM that the host and every core can read and write."""

from amaranth.hdl import Cat, Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.memory import Memory
from amaranth.lib.wiring import In

from microcore import abi

from ._checks import check_int
from .bus import BusSignature, Resp, index_mux

__all__ = ["SharedMemory", "check_shared_bytes", "LATENCY"]

#: Cycles from a granted request's ``valid`` to its ``ready`` (grant, access, answer).
LATENCY = 2


def check_shared_bytes(shared_bytes):
    """Raise ``TypeError``/``ValueError`` unless ``shared_bytes`` is a valid fabric size.

    Valid sizes are 0 (no shared memory) and multiples of 4 up to the size of the shared
    region of the address maps (``abi.HOST_MAP["SHARED"].size``).
    """
    limit = min(abi.HOST_MAP["SHARED"].size, abi.CORE_MAP["SHARED"].size)
    what = f"a multiple of 4 in range 0..{limit}"
    check_int("shared_bytes", shared_bytes, 0, limit, what=what)
    if shared_bytes % 4:
        raise ValueError(f"shared_bytes must be {what}, not {shared_bytes!r}")


class SharedMemory(wiring.Component):
    """A block RAM of ``size_bytes`` bytes behind a fair, pipelined arbiter.

    Port 0 is the host and port ``1 + s`` is core ``s``. The arbiter grants one request per
    cycle, round-robin starting after the last port granted, and never grants a port whose
    request is still in flight. A granted request is performed in the next cycle and answered
    (``ready``, with ``rdata`` for a read) in the cycle after that, so one port's access takes
    :data:`LATENCY` cycles after its grant, and a request waits for at most ``num_ports - 1``
    other grants: every access completes within ``num_ports + LATENCY - 1`` cycles of
    ``valid`` rising, whatever the other ports do. Nobody starves.

    Atomicity: the memory performs exactly one access per cycle, and each access is one aligned
    word with byte strobes, so a single 32-bit load or store is atomic with respect to every
    other access (it is never torn or interleaved). There is no read-modify-write operation: a
    load followed by a store from one port can be interleaved with other ports' accesses.

    Every request answers OKAY; the caller decodes the address range (addresses are byte
    offsets below ``size_bytes``; the two low bits are ignored). A requester that drops
    ``valid`` before ``ready`` still has its granted access performed.

    Parameters
    ----------
    num_ports : int
        Requesters, 2..MAX_CORES + 1 (the host and the cores).
    size_bytes : int
        Memory size, a multiple of 4 in 4..the shared region's size.

    Members
    -------
    ports : In(BusSignature(addr_width)).array(num_ports)
        One request port per requester; ``addr_width`` covers ``size_bytes - 1``.
    """

    def __init__(self, num_ports, size_bytes):
        check_int("num_ports", num_ports, 2, abi.MAX_CORES + 1)
        check_shared_bytes(size_bytes)
        if size_bytes == 0:
            raise ValueError("size_bytes must be a multiple of 4 in range 4.."
                             f"{abi.HOST_MAP['SHARED'].size}, not 0")
        self._num_ports = num_ports
        self._size_bytes = size_bytes
        super().__init__({
            "ports": In(BusSignature(self.addr_width)).array(num_ports),
        })

    num_ports = property(lambda self: self._num_ports)
    size_bytes = property(lambda self: self._size_bytes)

    @property
    def addr_width(self):
        """Width of the ports' byte address."""
        return max(2, (self._size_bytes - 1).bit_length())

    def elaborate(self, platform):
        m = Module()
        n = self._num_ports
        ports = self.ports

        m.submodules.mem = mem = Memory(shape=32, depth=self._size_bytes // 4, init=[])
        rd = mem.read_port()
        wr = mem.write_port(granularity=8)

        busy = Signal(n)
        last = Signal(range(n))
        chosen = Signal(range(n))
        eligible = Cat(port.valid & ~busy[i] for i, port in enumerate(ports))

        # Round robin: the lowest eligible port above `last`, else the lowest eligible one.
        for i in reversed(range(n)):
            with m.If(eligible[i]):
                m.d.comb += chosen.eq(i)
        for i in reversed(range(1, n)):
            with m.If(eligible[i] & (i > last)):
                m.d.comb += chosen.eq(i)
        grant = eligible.any()

        # Stage 1: the granted request, registered.
        s1_valid = Signal()
        s1_port = Signal(range(n))
        s1_word = Signal.like(rd.addr)
        s1_we = Signal()
        s1_wdata = Signal(32)
        s1_wstrb = Signal(4)
        m.d.sync += s1_valid.eq(grant)
        with m.If(grant):
            m.d.sync += [
                s1_port.eq(chosen),
                last.eq(chosen),
                s1_word.eq(index_mux(chosen, [port.addr[2:] for port in ports])),
                s1_we.eq(index_mux(chosen, [port.we for port in ports])),
                s1_wdata.eq(index_mux(chosen, [port.wdata for port in ports])),
                s1_wstrb.eq(index_mux(chosen, [port.wstrb for port in ports])),
            ]

        # Stage 2: the memory access.
        m.d.comb += [
            rd.addr.eq(s1_word),
            wr.addr.eq(s1_word),
            wr.data.eq(s1_wdata),
            wr.en.eq(Mux(s1_valid & s1_we, s1_wstrb, 0)),
        ]
        s2_valid = Signal()
        s2_port = Signal(range(n))
        m.d.sync += [s2_valid.eq(s1_valid), s2_port.eq(s1_port)]

        # Stage 3: the answer.
        for i, port in enumerate(ports):
            done = s2_valid & (s2_port == i)
            m.d.comb += [
                port.ready.eq(done),
                port.rdata.eq(rd.data),
                port.resp.eq(Resp.OKAY),
            ]
            with m.If(grant & (chosen == i)):
                m.d.sync += busy[i].eq(1)
            with m.If(done):
                m.d.sync += busy[i].eq(0)

        return m
