"""The top level: tiles, host bridge, global registers and the mailbox network."""

from amaranth.hdl import Cat, Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import Out

from microcore import abi

from ._checks import check_bool
from .axi import Axi4Signature
from .axi_lite import AxiLiteSignature
from .bus import Resp, decode_region, index_mux
from .dma import DmaEngine
from .global_regs import GlobalRegs
from .host_bridge import HostBridge
from .mailbox_net import MailboxNet
from .shared_mem import SharedMemory, check_shared_bytes
from .tile import Tile, check_config

__all__ = ["Fabric", "AXI_PREFIX", "DMA_PREFIX", "TOP_NAME"]

#: Name of the generated Verilog module.
TOP_NAME = "microcore_fabric"
#: Prefix of the flat AXI4-Lite port names.
AXI_PREFIX = "s_axil_"
#: Prefix of the flat AXI4 master (DMA) port names.
DMA_PREFIX = "m_axi_"


class Fabric(wiring.Component):
    """The microcore fabric: ``num_cores`` tiles behind one AXI4-Lite subordinate.

    The host window (``abi.HOST_MAP``, ``2**abi.HOST_WINDOW_BITS`` bytes) holds the global
    registers, each core's control block, mailbox memory (the first
    ``abi.mailbox_bytes(num_cores)`` bytes of its window) and local RAM (the first
    ``mem_bytes`` bytes) and the shared memory (the first ``shared_bytes`` bytes of the
    ``SHARED`` window; see :class:`~microcore.hw.shared_mem.SharedMemory`). Every other address,
    including cores ``>= num_cores``, register-block gaps and the shared window past
    ``shared_bytes``, answers DECERR. A host store to a core's HOST_IN header
    word sets that slot's flag (HOST_TX bit k). Host mailbox accesses and core-to-core mailbox
    stores share one round-robin path (:class:`~microcore.hw.mailbox_net.MailboxNet`).

    With ``dma``, a :class:`~microcore.hw.dma.DmaEngine` serves the cores' DMA requests through
    the AXI4 master ``m_axi_*`` (for the Zynq HP port). It reaches each local RAM through the
    tile's host port, in cycles without a host RAM request (the host has priority).

    The ports are flat so the Verilog module has the fixed names ``clk``, ``rst`` (active
    high, synchronous; the ``sync`` domain), ``s_axil_*``, ``m_axi_*`` (with ``dma``) and
    ``irq``.

    Parameters
    ----------
    num_cores : int
        Number of tiles, 1..MAX_CORES.
    mem_bytes : int
        Local RAM per tile, a multiple of 4 in MIN_MEM_BYTES..MAX_MEM_BYTES.
    isa : str
        ``"rv32i"``, ``"rv32im"`` or ``"rv32imc"``.
    fast_mul : bool
        Single-cycle multipliers.
    lookahead : bool
        Tiles serve RAM loads and fetches through PicoRV32's look-ahead interface (about 4
        instead of 5.5 cycles per simple instruction, at the cost of a longer timing path into
        the block RAM address; see :class:`~microcore.hw.tile.Tile`).
    shared_bytes : int
        Shared on-chip memory that the host and every core can read and write, a multiple of 4
        up to the shared region's size; 0 for none.
    dma : bool
        The DMA engine and its AXI4 master port (``abi.Feature.DMA``).

    Members
    -------
    s_axil_<name> : AXI4-Lite subordinate port, flat
        One port per :class:`~microcore.hw.axi_lite.AxiLiteSignature` member, with
        ``abi.HOST_WINDOW_BITS`` address bits.
    m_axi_<name> : AXI4 manager port, flat
        Only with ``dma``: one port per :class:`~microcore.hw.axi.Axi4Signature` member
        (32-bit address, 64-bit data, 1-bit ID).
    irq : Out(1)
        High while any HOST_RX doorbell bit is set.
    """

    def __init__(self, num_cores=8, mem_bytes=64 * 1024, isa="rv32imc", fast_mul=False, *,
                 lookahead=True, shared_bytes=16 * 1024, dma=True):
        check_config(num_cores, mem_bytes, isa, fast_mul)
        check_bool("lookahead", lookahead)
        check_bool("dma", dma)
        self._dma = dma
        check_shared_bytes(shared_bytes)
        self._shared_bytes = shared_bytes
        self._num_cores = num_cores
        self._mem_bytes = mem_bytes
        self._isa = isa
        self._fast_mul = fast_mul
        self._lookahead = lookahead
        members = {AXI_PREFIX + name: member.flip()
                   for name, member in self.axi_signature().members.items()}
        if dma:
            members.update({DMA_PREFIX + name: member
                            for name, member in self.dma_signature().members.items()})
        members["irq"] = Out(1)
        super().__init__(members)

    num_cores = property(lambda self: self._num_cores)
    mem_bytes = property(lambda self: self._mem_bytes)
    isa = property(lambda self: self._isa)
    fast_mul = property(lambda self: self._fast_mul)
    lookahead = property(lambda self: self._lookahead)
    shared_bytes = property(lambda self: self._shared_bytes)
    dma = property(lambda self: self._dma)

    @staticmethod
    def axi_signature():
        """The host port's signature, from the manager's point of view."""
        return AxiLiteSignature(addr_width=abi.HOST_WINDOW_BITS)

    @staticmethod
    def dma_signature():
        """The DMA port's signature, from the manager's (the fabric's) point of view."""
        return Axi4Signature(addr_width=32, data_width=64, id_width=1)

    def elaborate(self, platform):
        m = Module()
        n = self._num_cores
        mbox_bytes = abi.mailbox_bytes(n)

        m.submodules.bridge = bridge = HostBridge(abi.HOST_WINDOW_BITS)
        m.submodules.regs = regs = GlobalRegs(n, self._mem_bytes, self._isa,
                                              fast_mul=self._fast_mul,
                                              shared_bytes=self._shared_bytes, dma=self._dma)
        m.submodules.net = net = MailboxNet(n)
        tiles = [Tile(k, n, self._mem_bytes, self._isa, fast_mul=self._fast_mul,
                      lookahead=self._lookahead, shared_bytes=self._shared_bytes,
                      dma=self._dma)
                 for k in range(n)]
        shared = None
        if self._shared_bytes:
            m.submodules.shared = shared = SharedMemory(n + 1, self._shared_bytes)
        for k, tile in enumerate(tiles):
            m.submodules[f"tile{k}"] = tile

        for name, member in self.axi_signature().members.items():
            outer, inner = getattr(self, AXI_PREFIX + name), getattr(bridge.axi, name)
            if member.flow == Out:
                m.d.comb += inner.eq(outer)
            else:
                m.d.comb += outer.eq(inner)

        # -- Host address decode -----------------------------------------------------------
        bus = bridge.bus
        answers = []

        def target(port, hit, offset, answer=True):
            m.d.comb += [
                port.valid.eq(bus.valid & hit),
                port.addr.eq(offset),
                port.we.eq(bus.we),
                port.wdata.eq(bus.wdata),
                port.wstrb.eq(bus.wstrb),
            ]
            if answer:
                answers.append((port.ready, port.rdata, port.resp))

        regs_hit, _, regs_offset = decode_region(bus.addr, abi.HOST_MAP["REGS"])
        ctrl_hit, ctrl_index, ctrl_offset = decode_region(
            bus.addr, abi.HOST_MAP["CORE_CTRL"], count=n)
        mbox_hit, mbox_index, mbox_offset = decode_region(
            bus.addr, abi.HOST_MAP["MAILBOX"], count=n, size=mbox_bytes)
        ram_hit, ram_index, ram_offset = decode_region(
            bus.addr, abi.HOST_MAP["CORE_RAM"], count=n, size=self._mem_bytes)

        target(regs.bus, regs_hit, regs_offset)
        for k, tile in enumerate(tiles):
            target(tile.host_ctrl, ctrl_hit & (ctrl_index == k), ctrl_offset, answer=False)
            target(tile.host_ram, ram_hit & (ram_index == k), ram_offset, answer=False)
        # The tiles' answers: `bus.addr` is held for the whole request, so its instance index
        # selects the answering tile's read data and response (a multiplexer tree per port
        # kind, cheaper than gating every tile's data with its `ready`).
        answers.append((
            Cat(tile.host_ctrl.ready for tile in tiles).any(),
            index_mux(ctrl_index, [tile.host_ctrl.rdata for tile in tiles]),
            index_mux(ctrl_index, [tile.host_ctrl.resp.as_value() for tile in tiles])))
        # One 64-bit multiplexer serves the host's RAM reads and the DMA engine's (which
        # never read in the same cycle: the engine waits while the host uses a RAM).
        dma = None
        ram_select = ram_index
        if self._dma:
            m.submodules.dma = dma = DmaEngine(n, self._mem_bytes)
            ram_select = Mux(dma.ram_reading, dma.cur, ram_index)
        ram_rdata = index_mux(ram_select, [tile.ram_rdata for tile in tiles])
        answers.append((
            Cat(tile.host_ram.ready for tile in tiles).any(),
            Mux(bus.addr[2], ram_rdata[32:], ram_rdata[:32]),
            Resp.OKAY))

        m.d.comb += [
            net.host.valid.eq(bus.valid & mbox_hit),
            net.host.target.eq(mbox_index),
            net.host.addr.eq(mbox_offset),
            net.host.we.eq(bus.we),
            net.host.wdata.eq(bus.wdata),
            net.host.wstrb.eq(bus.wstrb),
        ]
        answers.append((net.host.ready, net.host.rdata, Resp.OKAY))

        shared_hit = 0
        if shared is not None:
            shared_hit, _, shared_offset = decode_region(
                bus.addr, abi.HOST_MAP["SHARED"], size=self._shared_bytes)
            target(shared.ports[0], shared_hit, shared_offset)

        unmapped_ack = Signal()
        unmapped = ~(regs_hit | ctrl_hit | mbox_hit | ram_hit | shared_hit)
        m.d.sync += unmapped_ack.eq(bus.valid & unmapped & ~unmapped_ack)
        answers.append((unmapped_ack, 0, Resp.DECERR))

        ready = rdata = resp = 0
        for port_ready, port_rdata, port_resp in answers:
            ready = ready | port_ready
            rdata = rdata | Mux(port_ready, port_rdata, 0)
            resp = resp | Mux(port_ready, port_resp, 0)
        m.d.comb += [bus.ready.eq(ready), bus.rdata.eq(rdata), bus.resp.eq(resp)]

        # -- Tiles, network, global status -------------------------------------------------
        for k, tile in enumerate(tiles):
            wiring.connect(m, tile.remote, net.cores[k])
            wiring.connect(m, net.tiles[k], tile.mbox)
            if shared is not None:
                wiring.connect(m, tile.shared, shared.ports[1 + k])
            m.d.comb += [
                tile.run_set.eq(regs.run_set[k]),
                tile.run_clear.eq(regs.run_clear[k]),
                tile.host_rx_ack.eq(regs.host_rx_ack[k]),
                tile.tx_full.eq(Cat(other.core_in_full[k] for other in tiles)),
                regs.running[k].eq(tile.running),
                regs.halted[k].eq(tile.halted),
                regs.faulted[k].eq(tile.faulted),
                regs.host_rx[k].eq(tile.host_out_full),
                regs.host_tx[k].eq(tile.host_in_full),
            ]
        m.d.comb += self.irq.eq(regs.host_rx.any())

        # -- DMA ---------------------------------------------------------------------------
        if dma is not None:
            for name, member in self.dma_signature().members.items():
                outer, inner = getattr(self, DMA_PREFIX + name), getattr(dma.m_axi, name)
                if member.flow == Out:
                    m.d.comb += outer.eq(inner)
                else:
                    m.d.comb += inner.eq(outer)
            m.d.comb += [
                dma.host_busy.eq(bus.valid & ram_hit),
                dma.ram_rdata.eq(ram_rdata),
            ]
            for k, tile in enumerate(tiles):
                m.d.comb += [
                    dma.req[k].eq(tile.dma_req),
                    dma.req_bad[k].eq(tile.dma_bad),
                    dma.req_to_host[k].eq(tile.dma_to_host),
                    dma.req_host[k].eq(tile.dma_host),
                    dma.req_local[k].eq(tile.dma_local),
                    dma.req_len[k].eq(tile.dma_len),
                    tile.dma_done.eq(dma.done[k]),
                    tile.dma_err_range.eq(dma.err_range),
                    tile.dma_err_bus.eq(dma.err_bus),
                    tile.dma_en.eq(dma.ram_en[k]),
                    tile.dma_we.eq(dma.ram_we),
                    tile.dma_addr.eq(dma.ram_addr),
                    tile.dma_wdata.eq(dma.ram_wdata),
                    tile.dma_wstrb.eq(dma.ram_wstrb),
                ]

        return m
