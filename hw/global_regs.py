"""The fabric's global registers (``abi.GLOBAL_REGS``)."""

from amaranth.hdl import Module, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from microcore import abi

from .bus import BusSignature
from .regs import RegisterBank
from .shared_mem import check_shared_bytes
from .tile import check_config, features

__all__ = ["GlobalRegs", "ADDR_WIDTH"]

#: Address width of the global register block.
ADDR_WIDTH = (abi.HOST_MAP["REGS"].size - 1).bit_length()


def abi_version_word():
    """The VERSION register value: ``major << 16 | minor << 8 | patch``."""
    major, minor, patch = abi.ABI_VERSION
    return major << 16 | minor << 8 | patch


class GlobalRegs(wiring.Component):
    """Identification, run control, doorbells and the free-running cycle counter.

    Read-only values come from the contract and the fabric's configuration. RUN_SET/RUN_CLEAR
    writes pulse ``run_set``/``run_clear`` with the written mask for one cycle; HOST_RX_ACK
    pulses ``host_rx_ack`` (reading it returns HOST_RX, the bits it would clear). CYCLE counts
    every cycle since reset; reading CYCLE_LO latches the high word that CYCLE_HI returns.
    SHARED_BYTES is ``shared_bytes``; FPU_MASK is 0 (no tile has an FPU).

    Parameters
    ----------
    num_cores : int
    mem_bytes : int
    isa : str
    fast_mul : bool
    shared_bytes : int
    dma : bool
        The fabric configuration, as for :class:`~microcore.hw.fabric.Fabric`.

    Members
    -------
    bus : In(BusSignature(ADDR_WIDTH))
        Addresses relative to ``HOST_MAP["REGS"]``.
    run_set, run_clear, host_rx_ack : Out(num_cores)
        One-cycle masks.
    running, halted, faulted, host_rx, host_tx : In(num_cores)
        Per-core status and doorbell bits.
    """

    def __init__(self, num_cores, mem_bytes, isa="rv32imc", *, fast_mul=False, shared_bytes=0,
                 dma=False):
        check_config(num_cores, mem_bytes, isa, fast_mul)
        check_shared_bytes(shared_bytes)
        self._num_cores = num_cores
        self._mem_bytes = mem_bytes
        self._shared_bytes = shared_bytes
        self._features = features(isa, fast_mul, shared_bytes, dma)
        super().__init__({
            "bus": In(BusSignature(ADDR_WIDTH)),
            "run_set": Out(num_cores),
            "run_clear": Out(num_cores),
            "host_rx_ack": Out(num_cores),
            "running": In(num_cores),
            "halted": In(num_cores),
            "faulted": In(num_cores),
            "host_rx": In(num_cores),
            "host_tx": In(num_cores),
        })

    def elaborate(self, platform):
        m = Module()
        m.submodules.bank = bank = RegisterBank(abi.GLOBAL_REGS, addr_width=ADDR_WIDTH)
        wiring.connect(m, wiring.flipped(self.bus), bank.bus)

        cycle = Signal(64)
        cycle_hi = Signal(32)
        scratch = Signal(32)
        m.d.sync += cycle.eq(cycle + 1)
        with m.If(bank.rd_CYCLE_LO):
            m.d.sync += cycle_hi.eq(cycle[32:])
        with m.If(bank.w_SCRATCH):
            m.d.sync += scratch.eq((scratch & ~bank.wmask) | bank.wdata)

        with m.If(bank.w_RUN_SET):
            m.d.comb += self.run_set.eq(bank.wdata)
        with m.If(bank.w_RUN_CLEAR):
            m.d.comb += self.run_clear.eq(bank.wdata)
        with m.If(bank.w_HOST_RX_ACK):
            m.d.comb += self.host_rx_ack.eq(bank.wdata)

        m.d.comb += [
            bank.r_ID.eq(abi.FABRIC_MAGIC),
            bank.r_VERSION.eq(abi_version_word()),
            bank.r_ABI.eq(abi.ABI_HASH),
            bank.r_NUM_CORES.eq(self._num_cores),
            bank.r_MEM_BYTES.eq(self._mem_bytes),
            bank.r_SHARED_BYTES.eq(self._shared_bytes),
            bank.r_FEATURES.eq(self._features),
            bank.r_FPU_MASK.eq(0),
            bank.r_RUNNING.eq(self.running),
            bank.r_HALTED.eq(self.halted),
            bank.r_FAULTED.eq(self.faulted),
            bank.r_HOST_RX.eq(self.host_rx),
            bank.r_HOST_RX_ACK.eq(self.host_rx),
            bank.r_HOST_TX.eq(self.host_tx),
            bank.r_CYCLE_LO.eq(cycle[:32]),
            bank.r_CYCLE_HI.eq(cycle_hi),
            bank.r_SCRATCH.eq(scratch),
        ]
        return m
