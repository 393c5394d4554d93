"""A bus target that decodes one :class:`microcore.abi.RegisterBlock`."""

from amaranth.hdl import Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from ._checks import check_int
from .bus import BusSignature, Resp, index_mux, strobe_mask

__all__ = ["RegisterBank"]

_ACCESS = ("ro", "rw", "wo", "w1c")


class RegisterBank(wiring.Component):
    """Decodes the registers of one register block and leaves their behaviour to the parent.

    Every request is answered one cycle after it arrives. Reads of readable registers return
    the matching ``r_<NAME>`` input, sampled in the request cycle; reads of write-only registers
    return 0. Writes to read-only registers answer SLVERR and do nothing; offsets that name no
    register answer DECERR. ``w1c`` registers read like ``ro`` ones and are written like ``wo``
    ones. In the request cycle the bank pulses ``w_<NAME>`` for an accepted write (with
    ``wdata`` and ``wmask`` valid) and ``rd_<NAME>`` for a read, so the parent can implement side
    effects such as latching a counter's high word.

    Parameters
    ----------
    block : abi.RegisterBlock
        The registers; their offsets are relative to the bank's address 0.
    addr_width : int
        Width of the bus address; must cover every register offset.

    Members
    -------
    bus : In(BusSignature(addr_width))
    r_<NAME> : In(32)
        Read value of each readable (``ro``, ``rw``, ``w1c``) register.
    w_<NAME> : Out(1)
        Write pulse of each writable (``rw``, ``wo``, ``w1c``) register.
    rd_<NAME> : Out(1)
        Read pulse of each readable register.
    wdata : Out(32)
        Written data, already masked by the byte strobes.
    wmask : Out(32)
        Bit mask of the written byte lanes.
    """

    def __init__(self, block, *, addr_width):
        check_int("addr_width", addr_width, 2, 64)
        for reg in block.registers:
            if reg.access not in _ACCESS:
                raise ValueError(f"register {reg.name} has unknown access {reg.access!r}")
            if reg.offset >> addr_width:
                raise ValueError(f"register {reg.name} offset {reg.offset:#x} does not fit in "
                                 f"{addr_width} address bits")
        self._block = block
        members = {"bus": In(BusSignature(addr_width)), "wdata": Out(32), "wmask": Out(32)}
        for reg in block.registers:
            if reg.access != "wo":
                members[f"r_{reg.name}"] = In(32)
                members[f"rd_{reg.name}"] = Out(1)
            if reg.access != "ro":
                members[f"w_{reg.name}"] = Out(1)
        super().__init__(members)

    @property
    def block(self):
        return self._block

    def elaborate(self, platform):
        m = Module()

        ack = Signal()
        rdata = Signal(32)
        resp = Signal(Resp)
        request = self.bus.valid & ~ack
        word = self.bus.addr[2:]

        m.d.comb += [
            self.wmask.eq(strobe_mask(self.bus.wstrb)),
            self.wdata.eq(self.bus.wdata & self.wmask),
            self.bus.ready.eq(ack),
            self.bus.rdata.eq(rdata),
            self.bus.resp.eq(resp),
        ]
        m.d.sync += ack.eq(request)

        # Read data: a binary multiplexer tree on the low word-address bits (cheaper in LUTs
        # than a one-hot decode of every register), qualified by the decoded read below.
        readable = {reg.offset >> 2: getattr(self, f"r_{reg.name}")
                    for reg in self._block.registers if reg.access != "wo"}
        size = max(readable, default=0) + 1
        read_value = index_mux(word, [readable.get(i, 0) for i in range(size)])
        read_hit = Signal()

        with m.If(request):
            with m.Switch(word):
                for reg in self._block.registers:
                    with m.Case(reg.offset >> 2):
                        with m.If(self.bus.we):
                            if reg.access == "ro":
                                m.d.sync += resp.eq(Resp.SLVERR)
                            else:
                                m.d.sync += resp.eq(Resp.OKAY)
                                m.d.comb += getattr(self, f"w_{reg.name}").eq(1)
                        with m.Else():
                            m.d.sync += resp.eq(Resp.OKAY)
                            if reg.access != "wo":
                                m.d.comb += [read_hit.eq(1),
                                             getattr(self, f"rd_{reg.name}").eq(1)]
                with m.Default():
                    m.d.sync += resp.eq(Resp.DECERR)
            m.d.sync += rdata.eq(Mux(read_hit, read_value, 0))

        return m
