"""One compute tile: a PicoRV32, its local RAM, its mailbox memory and its control registers."""

from amaranth.hdl import Module, Mux, Signal
from amaranth.lib import wiring
from amaranth.lib.memory import Memory
from amaranth.lib.wiring import In, Out

from microcore import abi

from ._checks import check_bool, check_int
from .bus import BusSignature, Resp, decode_region
from .dma import LEN_WIDTH, LOCAL_WIDTH
from .mailbox_net import MailboxPortSignature, MailboxRequestSignature
from .picorv32 import ISAS, PicoRV32
from .regs import RegisterBank
from .shared_mem import check_shared_bytes

__all__ = ["Tile", "CTRL_RUN_BIT", "features", "check_config"]

#: Bit number of ``abi.Ctrl.RUN`` in the CORE_CTRL ``CTRL`` register.
CTRL_RUN_BIT = abi.Ctrl.RUN.bit_length() - 1

#: Address width of one core's host control block.
CTRL_ADDR_WIDTH = (abi.HOST_MAP["CORE_CTRL"].stride - 1).bit_length()
#: Address width of the tile CSR block (core view).
CSR_ADDR_WIDTH = (abi.CORE_MAP["CSR"].size - 1).bit_length()


def check_config(num_cores, mem_bytes, isa, fast_mul):
    """Raise ``TypeError``/``ValueError`` unless the fabric-wide tile settings are valid."""
    check_int("num_cores", num_cores, 1, abi.MAX_CORES)
    mem_what = f"a multiple of 4 in range {abi.MIN_MEM_BYTES}..{abi.MAX_MEM_BYTES}"
    check_int("mem_bytes", mem_bytes, abi.MIN_MEM_BYTES, abi.MAX_MEM_BYTES, what=mem_what)
    if mem_bytes % 4:
        raise ValueError(f"mem_bytes must be {mem_what}, not {mem_bytes!r}")
    if isa not in ISAS:
        raise ValueError(f"isa must be one of {', '.join(map(repr, ISAS))}, not {isa!r}")
    check_bool("fast_mul", fast_mul)
    if fast_mul and not ISAS[isa]["ENABLE_MUL"]:
        raise ValueError(f"fast_mul needs the M extension, which isa {isa!r} lacks")


def features(isa, fast_mul, shared_bytes=0, dma=False):
    """The :class:`abi.Feature` bits of a tile built with ``isa``, ``fast_mul``,
    ``shared_bytes`` of shared memory in the fabric and the DMA engine on or off."""
    bits = abi.Feature.CORE_MAILBOX
    if shared_bytes:
        bits |= abi.Feature.SHARED_MEM
    if dma:
        bits |= abi.Feature.DMA
    if ISAS[isa]["ENABLE_MUL"]:
        bits |= abi.Feature.ISA_M
    if ISAS[isa]["COMPRESSED_ISA"]:
        bits |= abi.Feature.ISA_C
    if fast_mul:
        bits |= abi.Feature.FAST_MUL
    return bits


class Tile(wiring.Component):
    """A PicoRV32 with local RAM, a mailbox memory, tile CSRs and host control registers.

    Core view (``abi.CORE_MAP``): RAM answers below ``mem_bytes``; the own mailbox answers below
    ``abi.mailbox_bytes(num_cores)`` (any slot may be read or written); the CSRs answer at the
    offsets of ``abi.TILE_CSRS`` (and, with ``dma``, of ``abi.DMA_REGS``). In the remote mailbox region, instance ``r < num_cores``
    answers loads and stores inside slot ``CORE_IN_BASE + core_id`` through ``remote``; any
    other remote-mailbox access is a ``FORBIDDEN`` fault, and so is a store to a read-only CSR.
    The first ``shared_bytes`` bytes of the shared region are the shared memory, reached
    through ``shared``. Everything else (including the shared region past ``shared_bytes``) is
    ``UNMAPPED_LOAD``/``UNMAPPED_STORE``.
    A fault or a rising ``trap`` (``FaultCause.TRAP``, with ``FAULT_ADDR`` = ``LAST_PC``) stops
    the core; so does a store to ``HALT``. A stopped core is held in reset until the host
    releases it again: writing RUN (``run_set`` or CTRL bit :data:`CTRL_RUN_BIT`) to a core that
    is not running clears its status, exit code, fault registers, ``LAST_PC`` and counters and
    restarts it at the reset vector. Mailbox full flags survive a release.

    RAM and mailbox accesses complete one cycle after ``mem_valid`` (registered block RAM; a
    mailbox access waits a cycle more while the fabric's ``mbox`` port uses the memory);
    CSRs likewise; remote mailbox accesses wait for the mailbox network. With ``lookahead``,
    RAM loads and fetches use PicoRV32's look-ahead outputs to read the block RAM a cycle early
    and complete in the cycle ``mem_valid`` rises (this puts PicoRV32's combinational
    ``mem_la_addr`` in front of the block RAM address, a longer timing path). Instruction
    fetches decode like loads. The cycle counter counts while the core is RUNNING; the instret
    counter counts completed instruction *fetches* (``mem_instr`` transfers), not retired
    instructions: compressed instructions share a word or straddle two, and PicoRV32 also
    fetches the word after a taken branch (a two-instruction loop makes three fetches per
    iteration). Reading a counter's LO word latches its HI word; the host and the core have
    separate latches.

    Mailbox flags: a header-word store by the slot's writer sets the slot's flag (HOST_OUT by
    this core through its own mailbox; HOST_IN by the host and ``CORE_IN_BASE + s`` by core
    ``s``, both through ``mbox``). The core writing a slot index to ``MBOX_ACK`` clears HOST_IN
    or a CORE_IN flag (other values are ignored), ``host_rx_ack`` clears HOST_OUT. A set and a
    clear in the same cycle leave the flag set. ``MBOX_HOST`` shows the HOST_IN and HOST_OUT
    flags as ``abi.MboxHost`` bits. While ``IRQ_ENABLE`` has ``Irq.MBOX_RX`` and an inbound slot
    is full, PicoRV32 ``irq[Irq.LINE]`` is high.

    Parameters
    ----------
    core_id : int
        This core's index, ``0 .. num_cores - 1``.
    num_cores : int
        Cores in the fabric, 1..MAX_CORES.
    mem_bytes : int
        Local RAM in bytes, a multiple of 4 in MIN_MEM_BYTES..MAX_MEM_BYTES.
    isa : str
        ``"rv32i"``, ``"rv32im"`` or ``"rv32imc"``.
    fast_mul : bool
        Single-cycle multiplier.
    lookahead : bool
        Use the look-ahead interface for RAM loads and fetches.
    shared_bytes : int
        Size of the fabric's shared memory (0: none); see
        :class:`~microcore.hw.shared_mem.SharedMemory`.
    dma : bool
        The fabric has the DMA engine: the CSR window also decodes ``abi.DMA_REGS``.

    Members
    -------
    host_ctrl : In(BusSignature(CTRL_ADDR_WIDTH))
        The core's ``abi.CORE_CTRL_REGS`` block; addresses relative to the block.
    host_ram : In(BusSignature(...))
        Host port of the local RAM, byte addresses below ``mem_bytes``.
    ram_rdata : Out(64)
        The 64-bit word the host/DMA port of the local RAM read in the previous cycle (the
        local RAM is 64 bits wide; ``host_ram.rdata`` is its addressed half).
    dma_req, dma_bad, dma_to_host : Out(1) ; dma_host, dma_local, dma_len : Out(...)
        Only with ``dma``: this core's DMA request (see :class:`~microcore.hw.dma.DmaEngine`).
        ``dma_req`` is DMA_STATUS.BUSY; ``dma_bad`` says DMA_LOCAL or DMA_LEN had bits set
        above what the request fields hold.
    dma_done, dma_err_range, dma_err_bus : In(1)
        Only with ``dma``: the end of this core's transfer.
    dma_en, dma_we : In(1) ; dma_addr, dma_wdata, dma_wstrb : In(...)
        Only with ``dma``: the engine's access to the local RAM through the host port (a
        64-bit word index; the engine never uses the port while the host does).
    mbox : In(MailboxPortSignature(num_cores))
        Fabric port of the mailbox memory.
    remote : Out(MailboxRequestSignature(num_cores))
        This core's accesses to other cores' mailboxes.
    run_set, run_clear : In(1)
        Pulses from the global RUN_SET/RUN_CLEAR registers.
    host_rx_ack : In(1)
        Pulse: empty the HOST_OUT slot.
    running, halted, faulted : Out(1)
        Status (faulted: trapped or bus fault).
    host_in_full, host_out_full : Out(1)
        Flags of the HOST_IN and HOST_OUT slots.
    core_in_full : Out(num_cores)
        Bit ``s``: flag of slot ``CORE_IN_BASE + s``.
    tx_full : In(num_cores)
        Bit ``r``: flag of this core's slot at core ``r`` (``core_in_full[core_id]`` of tile r).
    shared : Out(BusSignature(...))
        Only with ``shared_bytes``: this core's requests to the shared memory, byte offsets
        below ``shared_bytes``.
    """

    def __init__(self, core_id, num_cores, mem_bytes, isa="rv32imc", *, fast_mul=False,
                 lookahead=True, shared_bytes=0, dma=False):
        check_config(num_cores, mem_bytes, isa, fast_mul)
        check_bool("lookahead", lookahead)
        check_bool("dma", dma)
        self._dma = dma
        check_shared_bytes(shared_bytes)
        check_int("core_id", core_id, 0, num_cores - 1)
        self._shared_bytes = shared_bytes
        self._core_id = core_id
        self._num_cores = num_cores
        self._mem_bytes = mem_bytes
        self._isa = isa
        self._fast_mul = fast_mul
        self._lookahead = lookahead
        members = {
            "host_ctrl": In(BusSignature(CTRL_ADDR_WIDTH)),
            "host_ram": In(BusSignature((mem_bytes - 1).bit_length())),
            "mbox": In(MailboxPortSignature(num_cores)),
            "remote": Out(MailboxRequestSignature(num_cores)),
            "run_set": In(1),
            "run_clear": In(1),
            "host_rx_ack": In(1),
            "running": Out(1),
            "halted": Out(1),
            "faulted": Out(1),
            "host_in_full": Out(1),
            "host_out_full": Out(1),
            "core_in_full": Out(num_cores),
            "tx_full": In(num_cores),
            "ram_rdata": Out(64),
        }
        if dma:
            members.update({
                "dma_req": Out(1), "dma_bad": Out(1), "dma_to_host": Out(1),
                "dma_host": Out(32), "dma_local": Out(LOCAL_WIDTH), "dma_len": Out(LEN_WIDTH),
                "dma_done": In(1), "dma_err_range": In(1), "dma_err_bus": In(1),
                "dma_en": In(1), "dma_we": In(1), "dma_addr": In(self.word_width),
                "dma_wdata": In(64), "dma_wstrb": In(8),
            })
        if shared_bytes:
            members["shared"] = Out(BusSignature(max(2, (shared_bytes - 1).bit_length())))
        super().__init__(members)

    core_id = property(lambda self: self._core_id)
    num_cores = property(lambda self: self._num_cores)
    mem_bytes = property(lambda self: self._mem_bytes)
    isa = property(lambda self: self._isa)
    fast_mul = property(lambda self: self._fast_mul)
    lookahead = property(lambda self: self._lookahead)
    shared_bytes = property(lambda self: self._shared_bytes)
    dma = property(lambda self: self._dma)

    @property
    def word_width(self):
        """Width of a 64-bit word index into the local RAM."""
        return max(1, (self._mem_bytes - 1).bit_length() - 3)

    def elaborate(self, platform):
        m = Module()
        mbox_bytes = abi.mailbox_bytes(self._num_cores)

        m.submodules.cpu = cpu = PicoRV32(isa=self._isa, fast_mul=self._fast_mul)
        # Local RAM is 64 bits wide, so that the DMA engine moves 8 bytes per cycle; the core's
        # and the host's 32-bit accesses use one half (same block RAM count as 32 bits wide).
        m.submodules.ram = ram = Memory(shape=64, depth=(self._mem_bytes + 7) // 8, init=[])
        m.submodules.mboxmem = mboxmem = Memory(shape=32, depth=mbox_bytes // 4, init=[])
        csr_block = abi.TILE_CSRS
        if self._dma:
            csr_block = abi.RegisterBlock("CSR", csr_block.base,
                                          csr_block.registers + abi.DMA_REGS.registers)
        m.submodules.csr = csr = RegisterBank(csr_block, addr_width=CSR_ADDR_WIDTH)
        m.submodules.ctrl = ctrl = RegisterBank(abi.CORE_CTRL_REGS, addr_width=CTRL_ADDR_WIDTH)

        # -- Run state ---------------------------------------------------------------------
        run = Signal()
        halted = Signal()
        trapped = Signal()
        fault = Signal()
        exit_code = Signal(32)
        fault_cause = Signal(8)
        fault_addr = Signal(32)
        last_pc = Signal(32)
        cycle = Signal(64)
        instret = Signal(64)
        hold = ~run | halted | trapped | fault
        running = Signal()
        m.d.comb += [
            running.eq(~hold),
            cpu.rst.eq(hold),
            self.running.eq(running),
            self.halted.eq(halted),
            self.faulted.eq(trapped | fault),
        ]

        def stop_with(cause, addr):
            m.d.sync += [fault.eq(1), fault_cause.eq(cause), fault_addr.eq(addr)]

        # -- Core bus decode ---------------------------------------------------------------
        addr = cpu.mem_addr
        store = cpu.mem_wstrb.any()
        request = cpu.mem_valid & running
        ram_hit, _, ram_offset = decode_region(addr, abi.CORE_MAP["RAM"], size=self._mem_bytes)
        mbox_hit, _, mbox_offset = decode_region(addr, abi.CORE_MAP["MAILBOX"], size=mbox_bytes)
        csr_hit, _, csr_offset = decode_region(addr, abi.CORE_MAP["CSR"])
        remote_hit, remote_index, remote_offset = decode_region(
            addr, abi.CORE_MAP["REMOTE_MAILBOX"])
        my_slot = abi.slot_offset(abi.Slot.CORE_IN_BASE + self._core_id)
        remote_ok = (remote_hit & (remote_index < self._num_cores) &
                     (remote_offset >= my_slot) & (remote_offset < my_slot + abi.Slot.BYTES))
        if self._shared_bytes:
            shared_hit, _, shared_offset = decode_region(addr, abi.CORE_MAP["SHARED"],
                                                         size=self._shared_bytes)
        else:
            shared_hit = 0
        unmapped = ~(ram_hit | mbox_hit | csr_hit | remote_hit | shared_hit)

        # Local RAM, core port. With look-ahead, a RAM load or fetch announced on mem_la_*
        # reads the block RAM one cycle early and completes in the cycle mem_valid rises.
        # Stores, and anything the port was busy for, take the registered path (ready one
        # cycle after mem_valid), which has priority on the port.
        ram_rd = ram.read_port()
        ram_wr = ram.write_port(granularity=8)
        ram_half = Signal()         # the half of the word read in the previous cycle
        ram_ack = Signal()
        la_ack = Signal()
        la_done = Signal()
        ram_req = request & ram_hit & ~ram_ack & ~la_done
        ram_word = Signal(len(ram_rd.addr) + 1)       # a 32-bit word index
        m.d.comb += ram_word.eq(ram_offset[2:])
        if self._lookahead:
            la_hit, _, la_offset = decode_region(cpu.mem_la_addr, abi.CORE_MAP["RAM"],
                                                 size=self._mem_bytes)
            la_use = cpu.mem_la_read & ~cpu.mem_la_write & running & ~ram_req
            m.d.sync += la_ack.eq(la_use & la_hit)
            m.d.comb += la_done.eq(la_ack & request & ~store)
            with m.If(la_use):
                m.d.comb += ram_word.eq(la_offset[2:])
        m.d.comb += [
            ram_rd.addr.eq(ram_word[1:]),
            ram_wr.addr.eq(ram_word[1:]),
            ram_wr.data.eq(cpu.mem_wdata.replicate(2)),
            ram_wr.en.eq(Mux(ram_req, Mux(ram_word[0], cpu.mem_wstrb << 4, cpu.mem_wstrb), 0)),
        ]
        m.d.sync += ram_half.eq(ram_word[0])
        ram_data = Mux(ram_half, ram_rd.data[32:], ram_rd.data[:32])
        m.d.sync += ram_ack.eq(ram_req)

        # Own mailbox. The mailbox memory has a single port (so that it fits one RAMB18): the
        # fabric's accesses (`mbox.en`) take it, and the core's access waits for a free cycle.
        mbox_rd = mboxmem.read_port()
        mbox_wr = mboxmem.write_port(granularity=8)
        mbox_ack = Signal()
        net_write = self.mbox.en & self.mbox.we
        mbox_req = request & mbox_hit & ~mbox_ack & ~self.mbox.en
        mbox_word = Mux(self.mbox.en, self.mbox.addr[2:], mbox_offset[2:])
        m.d.comb += [
            mbox_rd.addr.eq(mbox_word),
            mbox_wr.addr.eq(mbox_word),
            mbox_wr.data.eq(Mux(self.mbox.en, self.mbox.wdata, cpu.mem_wdata)),
            mbox_wr.en.eq(Mux(net_write, self.mbox.wstrb, Mux(mbox_req, cpu.mem_wstrb, 0))),
            self.mbox.rdata.eq(mbox_rd.data),
        ]
        m.d.sync += mbox_ack.eq(mbox_req)

        # Tile CSRs.
        csr_ok = csr.bus.resp == Resp.OKAY
        m.d.comb += [
            csr.bus.valid.eq(request & csr_hit),
            csr.bus.addr.eq(csr_offset),
            csr.bus.we.eq(store),
            csr.bus.wdata.eq(cpu.mem_wdata),
            csr.bus.wstrb.eq(cpu.mem_wstrb),
        ]

        # Remote mailboxes.
        m.d.comb += [
            self.remote.valid.eq(request & remote_ok),
            self.remote.target.eq(remote_index),
            self.remote.addr.eq(remote_offset),
            self.remote.we.eq(store),
            self.remote.wdata.eq(cpu.mem_wdata),
            self.remote.wstrb.eq(cpu.mem_wstrb),
        ]

        # Shared memory.
        other_ready, other_rdata = self.remote.ready, self.remote.rdata
        if self._shared_bytes:
            m.d.comb += [
                self.shared.valid.eq(request & shared_hit),
                self.shared.addr.eq(shared_offset),
                self.shared.we.eq(store),
                self.shared.wdata.eq(cpu.mem_wdata),
                self.shared.wstrb.eq(cpu.mem_wstrb),
            ]
            other_ready = other_ready | self.shared.ready
            other_rdata = Mux(self.shared.ready, self.shared.rdata, other_rdata)

        m.d.comb += [
            cpu.mem_ready.eq(ram_ack | la_done | mbox_ack | (csr.bus.ready & csr_ok) |
                             other_ready),
            cpu.mem_rdata.eq(Mux(ram_ack | la_done, ram_data,
                             Mux(mbox_ack, mbox_rd.data,
                             Mux(csr.bus.ready, csr.bus.rdata, other_rdata)))),
        ]

        # -- Faults, halt, counters --------------------------------------------------------
        unmapped_cause = Mux(store, abi.FaultCause.UNMAPPED_STORE, abi.FaultCause.UNMAPPED_LOAD)
        with m.If(request & unmapped):
            stop_with(unmapped_cause, addr)
        with m.If(request & remote_hit & ~remote_ok):
            stop_with(abi.FaultCause.FORBIDDEN, addr)
        with m.If(running & csr.bus.ready & ~csr_ok):
            stop_with(Mux(csr.bus.resp == Resp.SLVERR, abi.FaultCause.FORBIDDEN, unmapped_cause),
                      addr)
        with m.If(running & cpu.trap):
            m.d.sync += [trapped.eq(1), fault_cause.eq(abi.FaultCause.TRAP),
                         fault_addr.eq(last_pc)]
        with m.If(csr.w_HALT):
            m.d.sync += [halted.eq(1), exit_code.eq(csr.wdata)]

        with m.If(request & cpu.mem_instr):
            m.d.sync += last_pc.eq(addr)
        with m.If(running):
            m.d.sync += cycle.eq(cycle + 1)
        with m.If(running & cpu.mem_valid & cpu.mem_instr & cpu.mem_ready):
            m.d.sync += instret.eq(instret + 1)

        # Release and stop, from the host; these override the core's own updates above.
        ctrl_run = ctrl.w_CTRL & ctrl.wmask[CTRL_RUN_BIT]
        release = (self.run_set | (ctrl_run & ctrl.wdata[CTRL_RUN_BIT])) & hold
        with m.If(release):
            m.d.sync += [
                run.eq(1), halted.eq(0), trapped.eq(0), fault.eq(0), exit_code.eq(0),
                fault_cause.eq(abi.FaultCause.NONE), fault_addr.eq(0), last_pc.eq(0),
                cycle.eq(0), instret.eq(0),
            ]
        with m.If(self.run_clear | (ctrl_run & ~ctrl.wdata[CTRL_RUN_BIT])):
            m.d.sync += run.eq(0)

        # -- Mailbox memory, fabric port, and full flags -----------------------------------

        def header_word(slot):
            return abi.slot_offset(slot) >> 2

        host_in_full = Signal()
        host_out_full = Signal()
        core_in_full = Signal(self._num_cores)
        ack_slot = csr.wdata
        with m.If(csr.w_MBOX_ACK & (ack_slot == abi.Slot.HOST_IN)):
            m.d.sync += host_in_full.eq(0)
        for s in range(self._num_cores):
            with m.If(csr.w_MBOX_ACK & (ack_slot == abi.Slot.CORE_IN_BASE + s)):
                m.d.sync += core_in_full[s].eq(0)
        with m.If(self.host_rx_ack):
            m.d.sync += host_out_full.eq(0)

        with m.If(mbox_req & store & (mbox_offset[2:] == header_word(abi.Slot.HOST_OUT))):
            m.d.sync += host_out_full.eq(1)
        net_header = net_write & self.mbox.wstrb.any()
        net_word = self.mbox.addr[2:]
        with m.If(net_header & self.mbox.from_host &
                  (net_word == header_word(abi.Slot.HOST_IN))):
            m.d.sync += host_in_full.eq(1)
        for s in range(self._num_cores):
            with m.If(net_header & ~self.mbox.from_host & (self.mbox.src == s) &
                      (net_word == header_word(abi.Slot.CORE_IN_BASE + s))):
                m.d.sync += core_in_full[s].eq(1)

        m.d.comb += [
            self.host_in_full.eq(host_in_full),
            self.host_out_full.eq(host_out_full),
            self.core_in_full.eq(core_in_full),
        ]

        irq_enable = Signal(32)
        with m.If(csr.w_IRQ_ENABLE):
            m.d.sync += irq_enable.eq((irq_enable & ~csr.wmask) | csr.wdata)
        inbound_full = host_in_full | core_in_full.any()
        m.d.comb += cpu.irq[abi.Irq.LINE].eq((irq_enable & abi.Irq.MBOX_RX).any() & inbound_full)

        # -- Register values ---------------------------------------------------------------
        def latched_hi(read_lo, counter):
            """The counter's high word, captured when its low word is read."""
            hi = Signal(32)
            with m.If(read_lo):
                m.d.sync += hi.eq(counter[32:])
            return hi

        cycle_hi_core = latched_hi(csr.rd_CYCLE_LO, cycle)
        instret_hi_core = latched_hi(csr.rd_INSTRET_LO, instret)
        m.d.comb += [
            csr.r_CORE_ID.eq(self._core_id),
            csr.r_NUM_CORES.eq(self._num_cores),
            csr.r_MEM_BYTES.eq(self._mem_bytes),
            csr.r_FEATURES.eq(features(self._isa, self._fast_mul, self._shared_bytes,
                                       self._dma)),
            csr.r_SHARED_BYTES.eq(self._shared_bytes),
            csr.r_CYCLE_LO.eq(cycle[:32]),
            csr.r_CYCLE_HI.eq(cycle_hi_core),
            csr.r_INSTRET_LO.eq(instret[:32]),
            csr.r_INSTRET_HI.eq(instret_hi_core),
            csr.r_MBOX_RX.eq(core_in_full),
            csr.r_MBOX_TX.eq(self.tx_full),
            csr.r_MBOX_HOST.eq(Mux(host_in_full, abi.MboxHost.IN_FULL, 0) |
                               Mux(host_out_full, abi.MboxHost.OUT_FULL, 0)),
            csr.r_IRQ_ENABLE.eq(irq_enable),
            csr.r_ABI.eq(abi.ABI_HASH),
        ]

        cycle_hi_host = latched_hi(ctrl.rd_CYCLE_LO, cycle)
        instret_hi_host = latched_hi(ctrl.rd_INSTRET_LO, instret)
        m.d.comb += [
            ctrl.r_CTRL.eq(run << CTRL_RUN_BIT),
            ctrl.r_STATUS.eq(
                Mux(running, abi.Status.RUNNING, 0) | Mux(halted, abi.Status.HALTED, 0) |
                Mux(trapped, abi.Status.TRAPPED, 0) | Mux(fault, abi.Status.FAULT, 0)),
            ctrl.r_EXIT_CODE.eq(exit_code),
            ctrl.r_FAULT_CAUSE.eq(fault_cause),
            ctrl.r_FAULT_ADDR.eq(fault_addr),
            ctrl.r_LAST_PC.eq(last_pc),
            ctrl.r_CYCLE_LO.eq(cycle[:32]),
            ctrl.r_CYCLE_HI.eq(cycle_hi_host),
            ctrl.r_INSTRET_LO.eq(instret[:32]),
            ctrl.r_INSTRET_HI.eq(instret_hi_host),
        ]
        wiring.connect(m, wiring.flipped(self.host_ctrl), ctrl.bus)

        # -- Local RAM, host port ----------------------------------------------------------
        host_rd = ram.read_port()
        host_wr = ram.write_port(granularity=8)
        host_ack = Signal()
        host_req = self.host_ram.valid & ~host_ack
        host_half = self.host_ram.addr[2]
        m.d.comb += [
            host_rd.addr.eq(self.host_ram.addr[3:]),
            host_wr.addr.eq(self.host_ram.addr[3:]),
            host_wr.data.eq(self.host_ram.wdata.replicate(2)),
            host_wr.en.eq(Mux(host_req & self.host_ram.we,
                              Mux(host_half, self.host_ram.wstrb << 4, self.host_ram.wstrb), 0)),
            self.host_ram.ready.eq(host_ack),
            self.ram_rdata.eq(host_rd.data),
            self.host_ram.rdata.eq(Mux(host_half, host_rd.data[32:], host_rd.data[:32])),
            self.host_ram.resp.eq(Resp.OKAY),
        ]
        m.d.sync += host_ack.eq(host_req)

        # -- DMA requests and the engine's RAM access --------------------------------------
        if self._dma:
            # The engine uses the host port only in cycles without a host request.
            with m.If(self.dma_en):
                m.d.comb += [
                    host_rd.addr.eq(self.dma_addr),
                    host_wr.addr.eq(self.dma_addr),
                    host_wr.data.eq(self.dma_wdata),
                    host_wr.en.eq(Mux(self.dma_we, self.dma_wstrb, 0)),
                ]
            busy = Signal()
            done = Signal()
            err_range = Signal()
            err_bus = Signal()
            local_high = Signal()
            len_high = Signal()
            with m.If(~busy):
                with m.If(csr.w_DMA_HOST):
                    m.d.sync += self.dma_host.eq(csr.wdata)
                with m.If(csr.w_DMA_LOCAL):
                    m.d.sync += [self.dma_local.eq(csr.wdata),
                                 local_high.eq(csr.wdata[LOCAL_WIDTH:].any())]
                with m.If(csr.w_DMA_LEN):
                    m.d.sync += [self.dma_len.eq(csr.wdata),
                                 len_high.eq(csr.wdata[LEN_WIDTH:].any())]
                with m.If(csr.w_DMA_START & (csr.wdata & abi.DmaStart.GO).any()):
                    m.d.sync += [busy.eq(1), done.eq(0), err_range.eq(0), err_bus.eq(0),
                                 self.dma_to_host.eq((csr.wdata & abi.DmaStart.TO_HOST).any())]
            with m.If(self.dma_done):
                m.d.sync += [busy.eq(0), done.eq(1), err_range.eq(self.dma_err_range),
                             err_bus.eq(self.dma_err_bus)]
            m.d.comb += [
                self.dma_req.eq(busy),
                self.dma_bad.eq(local_high | len_high),
                csr.r_DMA_STATUS.eq(
                    Mux(busy, abi.DmaStatus.BUSY, 0) | Mux(done, abi.DmaStatus.DONE, 0) |
                    Mux(err_range, abi.DmaStatus.ERR_RANGE, 0) |
                    Mux(err_bus, abi.DmaStatus.ERR_BUS, 0)),
            ]

        return m
