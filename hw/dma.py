"""The DMA engine: the cores' transfers between host memory (AXI4) and local RAM."""

from amaranth.hdl import C, Cat, Const, Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from microcore import abi

from ._checks import check_int
from .axi import Axi4Signature, Burst
from .bus import index_mux

__all__ = ["DmaEngine", "LOCAL_WIDTH", "LEN_WIDTH", "MAX_BURST", "AXI_CACHE"]

#: Width of a local RAM address in a request (covers MAX_MEM_BYTES - 1).
LOCAL_WIDTH = (abi.MAX_MEM_BYTES - 1).bit_length()
#: Width of a request's length (covers MAX_MEM_BYTES).
LEN_WIDTH = abi.MAX_MEM_BYTES.bit_length()
#: Beats per AXI burst at most; bursts end on 16-beat (128-byte) boundaries, so none crosses
#: a 4 KiB page.
MAX_BURST = 16
#: ``arcache``/``awcache``: normal non-cacheable bufferable memory, as the Zynq HP ports expect.
AXI_CACHE = 0b0011

_BEAT_BYTES = abi.DMA_ALIGN
_BEAT_SHIFT = _BEAT_BYTES.bit_length() - 1


class DmaEngine(wiring.Component):
    """One DMA engine for all cores, behind one AXI4 manager port (64-bit data, ID 0).

    Each core ``k`` presents a request (``req[k]`` high while its DMA_STATUS has BUSY, with
    ``req_host``, ``req_local``, ``req_len``, ``req_bad`` and ``req_to_host`` stable). While
    idle, the engine grants the lowest requesting core above the last one served (round robin),
    copies its request, and checks it: a request with ``req_bad``, a local range
    ``local + len`` past ``mem_bytes``, a host range past 4 GiB, or host and local addresses
    that differ modulo ``abi.DMA_ALIGN`` ends at once with ``ERR_RANGE`` and moves nothing; a
    length of 0 ends at once without an error. Otherwise the engine moves the bytes with INCR
    bursts of 8-byte beats (``*size`` 3), at most :data:`MAX_BURST` beats each and ending on a
    128-byte boundary, so no burst crosses 4 KiB; byte strobes cover the unaligned head and
    tail. Address requests run ahead of the data (several bursts outstanding); reads accept
    one beat per cycle, and writes send one beat per cycle from a two-entry prefetch buffer,
    each beat only after its burst's address was accepted. An error response (SLVERR/DECERR)
    sets ``ERR_BUS``; the transfer still completes on the bus, but no later read beat is
    written to local RAM. The transfer ends with a one-cycle ``done[k]`` pulse carrying
    ``err_range``/``err_bus``.

    Local RAM is reached through one 64-bit port per core (the tiles' host ports): ``ram_en``
    (one-hot), ``ram_we``, ``ram_addr`` (a 64-bit word index), ``ram_wdata``, ``ram_wstrb``;
    ``ram_rdata`` is the addressed core's read data one cycle after a read (the fabric
    multiplexes it by ``cur`` while ``ram_reading``). The engine uses the ports only while
    ``host_busy`` is low, so the host always has priority.

    Parameters
    ----------
    num_cores : int
        Requesters, 1..MAX_CORES.
    mem_bytes : int
        Local RAM per core.

    Members
    -------
    m_axi : Out(Axi4Signature(addr_width=32, data_width=64, id_width=1))
    req, req_bad, req_to_host : In(num_cores)
    req_host : In(32).array(num_cores)
    req_local : In(LOCAL_WIDTH).array(num_cores)
    req_len : In(LEN_WIDTH).array(num_cores)
    done : Out(num_cores)
    err_range, err_bus : Out(1)
        Valid with ``done``.
    host_busy : In(1)
    ram_en : Out(num_cores)
    ram_we : Out(1)
    ram_addr : Out(word_width)
    ram_wdata : Out(64)
    ram_wstrb : Out(8)
    ram_rdata : In(64)
    cur : Out(range(num_cores))
        The core being served.
    ram_reading : Out(1)
        ``ram_rdata`` must come from core ``cur`` in this cycle.
    """

    def __init__(self, num_cores, mem_bytes):
        check_int("num_cores", num_cores, 1, abi.MAX_CORES)
        check_int("mem_bytes", mem_bytes, abi.MIN_MEM_BYTES, abi.MAX_MEM_BYTES)
        self._num_cores = num_cores
        self._mem_bytes = mem_bytes
        n = num_cores
        super().__init__({
            "m_axi": Out(Axi4Signature(addr_width=32, data_width=64, id_width=1)),
            "req": In(n), "req_bad": In(n), "req_to_host": In(n),
            "req_host": In(32).array(n),
            "req_local": In(LOCAL_WIDTH).array(n),
            "req_len": In(LEN_WIDTH).array(n),
            "done": Out(n), "err_range": Out(1), "err_bus": Out(1),
            "host_busy": In(1),
            "ram_en": Out(n), "ram_we": Out(1), "ram_addr": Out(self.word_width),
            "ram_wdata": Out(64), "ram_wstrb": Out(8), "ram_rdata": In(64),
            "cur": Out(range(n)), "ram_reading": Out(1),
        })

    num_cores = property(lambda self: self._num_cores)
    mem_bytes = property(lambda self: self._mem_bytes)

    @property
    def word_width(self):
        """Width of a 64-bit word index into one core's local RAM."""
        return max(1, (self._mem_bytes - 1).bit_length() - _BEAT_SHIFT)

    def elaborate(self, platform):
        m = Module()
        n = self._num_cores
        axi = self.m_axi

        # -- Arbitration: round robin over the requesting cores ----------------------------
        last = Signal(range(n))
        chosen = Signal(range(n))
        for i in reversed(range(n)):
            with m.If(self.req[i]):
                m.d.comb += chosen.eq(i)
        for i in reversed(range(1, n)):
            with m.If(self.req[i] & (i > last)):
                m.d.comb += chosen.eq(i)
        cur = Signal(range(n))
        m.d.comb += self.cur.eq(cur)

        # -- The request being served ------------------------------------------------------
        host = Signal(32)
        local = Signal(LOCAL_WIDTH)
        length = Signal(LEN_WIDTH)
        bad = Signal()
        to_host = Signal()
        err_range = Signal()
        err_bus = Signal()
        m.d.comb += [self.err_range.eq(err_range), self.err_bus.eq(err_bus)]

        head = Signal(_BEAT_BYTES)          # strobes of the first beat
        tail = Signal(_BEAT_BYTES)          # strobes of the last beat
        total_bits = LEN_WIDTH + 1 - _BEAT_SHIFT
        issue_addr = Signal(32 - _BEAT_SHIFT)   # next burst's beat address
        issue_left = Signal(total_bits)         # beats not yet requested
        data_left = Signal(total_bits)          # beats not yet moved (read: received; write: sent)
        first = Signal()                        # the next data beat is the first
        lword = Signal(self.word_width)         # local word of the next RAM access
        bursts_out = Signal(range(abi.MAX_MEM_BYTES // (MAX_BURST * _BEAT_BYTES) + 2))

        def strobes(is_first, is_last):
            return (Mux(is_first, head, Const(0xFF, 8)) & Mux(is_last, tail, Const(0xFF, 8)))

        # Address channel (AR for reads from host memory, AW for writes to it).
        to_boundary = MAX_BURST - issue_addr[:4]                       # 1..16
        burst = Mux(issue_left < to_boundary, issue_left, to_boundary)  # beats of this burst
        running = Signal()
        addr_valid = running & (issue_left != 0)
        for ch, valid in (("ar", addr_valid & ~to_host), ("aw", addr_valid & to_host)):
            m.d.comb += [
                getattr(axi, f"{ch}id").eq(0),
                getattr(axi, f"{ch}addr").eq(Cat(C(0, _BEAT_SHIFT), issue_addr)),
                getattr(axi, f"{ch}len").eq(burst - 1),
                getattr(axi, f"{ch}size").eq(_BEAT_SHIFT),
                getattr(axi, f"{ch}burst").eq(Burst.INCR),
                getattr(axi, f"{ch}lock").eq(0),
                getattr(axi, f"{ch}cache").eq(AXI_CACHE),
                getattr(axi, f"{ch}prot").eq(0),
                getattr(axi, f"{ch}valid").eq(valid),
            ]
        addr_fire = Mux(to_host, axi.awvalid & axi.awready, axi.arvalid & axi.arready)
        with m.If(addr_fire):
            m.d.sync += [issue_addr.eq(issue_addr + burst), issue_left.eq(issue_left - burst)]

        # Reads from host memory: each R beat goes straight into local RAM.
        r_fire = Signal()
        m.d.comb += [
            axi.rready.eq(running & ~to_host & ~self.host_busy),
            r_fire.eq(axi.rvalid & axi.rready),
        ]
        r_error = axi.rresp[1]
        with m.If(r_fire):
            m.d.sync += [lword.eq(lword + 1), data_left.eq(data_left - 1), first.eq(0)]
            with m.If(r_error):
                m.d.sync += err_bus.eq(1)

        # Writes to host memory: local RAM -> two-entry buffer -> W beats.
        fifo = [Signal(64, name=f"fifo{i}") for i in range(2)]
        count = Signal(range(3))
        inflight = Signal()
        rd_left = Signal(total_bits)
        w_beat = Signal(4)                      # low bits of the next W beat's beat address
        w_fire = Signal()
        m.d.comb += [
            axi.wdata.eq(fifo[0]),
            axi.wstrb.eq(strobes(first, data_left == 1)),
            axi.wlast.eq((w_beat == MAX_BURST - 1) | (data_left == 1)),
            # A beat leaves only after its burst's address was accepted.
            axi.wvalid.eq(running & to_host & (count != 0) & (issue_left < data_left)),
            w_fire.eq(axi.wvalid & axi.wready),
            axi.bready.eq(1),
        ]
        can_read = (running & to_host & (rd_left != 0) & ~self.host_busy &
                    (count + inflight < 2 + w_fire))
        m.d.sync += inflight.eq(can_read)
        m.d.comb += self.ram_reading.eq(inflight)
        with m.If(can_read):
            m.d.sync += [lword.eq(lword + 1), rd_left.eq(rd_left - 1)]
        with m.If(w_fire):
            m.d.sync += [fifo[0].eq(fifo[1]), data_left.eq(data_left - 1), first.eq(0),
                         w_beat.eq(w_beat + 1)]
        slot = count - w_fire
        with m.If(inflight):
            with m.If(slot == 0):
                m.d.sync += fifo[0].eq(self.ram_rdata)
            with m.Else():
                m.d.sync += fifo[1].eq(self.ram_rdata)
        m.d.sync += count.eq(count + inflight - w_fire)

        b_fire = axi.bvalid & axi.bready
        aw_fire = axi.awvalid & axi.awready
        m.d.sync += bursts_out.eq(bursts_out + aw_fire - b_fire)
        with m.If(b_fire & axi.bresp[1]):
            m.d.sync += err_bus.eq(1)

        # The local RAM port.
        port_en = Signal()
        m.d.comb += [
            port_en.eq(Mux(to_host, can_read, r_fire)),
            self.ram_we.eq(~to_host),
            self.ram_addr.eq(lword),
            self.ram_wdata.eq(axi.rdata),
            self.ram_wstrb.eq(Mux(r_error | err_bus, 0, strobes(first, data_left == 1))),
        ]
        for i in range(n):
            m.d.comb += self.ram_en[i].eq(port_en & (cur == i))

        # -- Sequencing --------------------------------------------------------------------
        offset = host[:_BEAT_SHIFT]
        end = offset + length                               # bytes from the first beat's start
        with m.FSM():
            with m.State("IDLE"):
                with m.If(self.req.any()):
                    m.d.sync += [cur.eq(chosen), last.eq(chosen)]
                    m.next = "LOAD"

            with m.State("LOAD"):
                m.d.sync += [
                    host.eq(index_mux(cur, list(self.req_host))),
                    local.eq(index_mux(cur, list(self.req_local))),
                    length.eq(index_mux(cur, list(self.req_len))),
                    bad.eq(self.req_bad.bit_select(cur, 1)),
                    to_host.eq(self.req_to_host.bit_select(cur, 1)),
                    err_range.eq(0),
                    err_bus.eq(0),
                ]
                m.next = "CHECK"

            with m.State("CHECK"):
                out_of_range = (bad | (local + length > self._mem_bytes) |
                                (host + length > (1 << 32)) |
                                (host[:_BEAT_SHIFT] != local[:_BEAT_SHIFT]))
                beats = (end + _BEAT_BYTES - 1)[_BEAT_SHIFT:]
                end_lane = end[:_BEAT_SHIFT]
                m.d.sync += [
                    head.eq(Const(0xFF, 8) << offset),
                    tail.eq(Mux(end_lane == 0, 0xFF, ~(Const(0xFF, 8) << end_lane))),
                    issue_addr.eq(host[_BEAT_SHIFT:]),
                    issue_left.eq(beats),
                    data_left.eq(beats),
                    rd_left.eq(beats),
                    first.eq(1),
                    lword.eq(local[_BEAT_SHIFT:]),
                    w_beat.eq(host[_BEAT_SHIFT:_BEAT_SHIFT + 4]),
                ]
                with m.If(out_of_range):
                    m.d.sync += err_range.eq(1)
                    m.next = "DONE"
                with m.Elif(length == 0):
                    m.next = "DONE"
                with m.Else():
                    m.next = "RUN"

            with m.State("RUN"):
                m.d.comb += running.eq(1)
                finished = Mux(to_host,
                               (data_left == 0) & (bursts_out == 0),
                               (data_left == 1) & r_fire)
                with m.If(finished):
                    m.next = "DONE"

            with m.State("DONE"):
                for i in range(n):
                    m.d.comb += self.done[i].eq(cur == i)
                m.next = "IDLE"

        return m
