"""AXI4-Lite subordinate that turns host transactions into internal bus requests."""

from amaranth.hdl import Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from ._checks import check_int
from .axi_lite import AxiLiteSignature
from .bus import BusSignature, Resp

__all__ = ["HostBridge"]


class HostBridge(wiring.Component):
    """An AXI4-Lite subordinate with one transaction in flight.

    The write address and write data channels are accepted independently, in either order; a
    read is accepted only when no write is partly accepted. When a read and a write arrive
    together they alternate, so neither starves. Each transaction becomes one request on
    ``bus``; the target's ``resp`` is returned as BRESP/RRESP. A target that does not answer
    within ``timeout`` cycles gets the request withdrawn and the host gets SLVERR, so the AXI
    bus never hangs (the fabric's targets all answer long before that). ``awprot``/``arprot``
    are ignored and the two low address bits are passed through unchanged.

    Parameters
    ----------
    addr_width : int
        AXI address width, 3..32.
    timeout : int
        Cycles to wait for the target, 1..65535.

    Members
    -------
    axi : In(AxiLiteSignature(addr_width=addr_width))
        The host port (subordinate side).
    bus : Out(BusSignature(addr_width))
        The internal request.
    """

    def __init__(self, addr_width, *, timeout=1024):
        check_int("addr_width", addr_width, 3, 32)
        check_int("timeout", timeout, 1, 0xFFFF)
        self._timeout = timeout
        super().__init__({
            "axi": In(AxiLiteSignature(addr_width=addr_width)),
            "bus": Out(BusSignature(addr_width)),
        })

    def elaborate(self, platform):
        m = Module()
        axi, bus = self.axi, self.bus

        addr = Signal.like(bus.addr)
        wdata = Signal(32)
        wstrb = Signal(4)
        we = Signal()
        aw_have = Signal()
        w_have = Signal()
        prefer_read = Signal()
        resp = Signal(Resp)
        rdata = Signal(32)
        timer = Signal(range(self._timeout + 1))

        m.d.comb += [
            bus.addr.eq(addr),
            bus.wdata.eq(wdata),
            bus.wstrb.eq(wstrb),
            bus.we.eq(we),
            axi.bresp.eq(resp),
            axi.rresp.eq(resp),
            axi.rdata.eq(rdata),
        ]

        with m.FSM():
            with m.State("IDLE"):
                write_pending = aw_have | w_have | axi.awvalid | axi.wvalid
                m.d.comb += axi.arready.eq(~aw_have & ~w_have & (~write_pending | prefer_read))
                read_fire = axi.arvalid & axi.arready
                m.d.comb += [
                    axi.awready.eq(~aw_have & ~read_fire),
                    axi.wready.eq(~w_have & ~read_fire),
                ]
                aw_fire = axi.awvalid & axi.awready
                w_fire = axi.wvalid & axi.wready
                m.d.sync += timer.eq(0)
                with m.If(read_fire):
                    m.d.sync += [addr.eq(axi.araddr), we.eq(0)]
                    m.next = "REQUEST"
                with m.Else():
                    with m.If(aw_fire):
                        m.d.sync += [addr.eq(axi.awaddr), aw_have.eq(1)]
                    with m.If(w_fire):
                        m.d.sync += [wdata.eq(axi.wdata), wstrb.eq(axi.wstrb), w_have.eq(1)]
                    with m.If((aw_have | aw_fire) & (w_have | w_fire)):
                        m.d.sync += [we.eq(1), aw_have.eq(0), w_have.eq(0)]
                        m.next = "REQUEST"

            with m.State("REQUEST"):
                m.d.comb += bus.valid.eq(1)
                m.d.sync += timer.eq(timer + 1)
                with m.If(bus.ready):
                    m.d.sync += [resp.eq(bus.resp), rdata.eq(Mux(we, 0, bus.rdata))]
                    m.next = "RESPOND"
                with m.Elif(timer == self._timeout - 1):
                    m.d.sync += [resp.eq(Resp.SLVERR), rdata.eq(0)]
                    m.next = "RESPOND"

            with m.State("RESPOND"):
                with m.If(we):
                    m.d.comb += axi.bvalid.eq(1)
                    with m.If(axi.bready):
                        m.d.sync += prefer_read.eq(1)
                        m.next = "IDLE"
                with m.Else():
                    m.d.comb += axi.rvalid.eq(1)
                    with m.If(axi.rready):
                        m.d.sync += prefer_read.eq(0)
                        m.next = "IDLE"

        return m

