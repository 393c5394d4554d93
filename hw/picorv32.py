"""The PicoRV32 soft core as an Amaranth component."""

import os

from amaranth.hdl import C, ClockSignal, Instance, Module, ResetSignal, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from microcore import abi

from ._checks import check_bool, check_int

__all__ = ["PicoRV32", "picorv32_verilog", "ISAS", "IRQ_MASKED"]

#: Supported ``isa`` values and the upstream parameters each one sets.
ISAS = {
    "rv32i": {"COMPRESSED_ISA": 0, "ENABLE_MUL": 0, "ENABLE_DIV": 0},
    "rv32im": {"COMPRESSED_ISA": 0, "ENABLE_MUL": 1, "ENABLE_DIV": 1},
    "rv32imc": {"COMPRESSED_ISA": 1, "ENABLE_MUL": 1, "ENABLE_DIV": 1},
}

#: The only PicoRV32 interrupt that can be taken: the tile's line (``abi.Irq.LINE``). Every other
#: line is permanently masked (``MASKED_IRQ``): the timer (0) is not built, and EBREAK/ECALL,
#: illegal instructions (1) and misaligned accesses (2) always trap, which halts the core.
IRQ_MASKED = 0xFFFF_FFFF & ~(1 << abi.Irq.LINE)

# Upstream parameters every microcore tile uses. Left out, for their LUTs (see
# docs/hardware.md): PicoRV32's own counters (``rdcycle[h]``/``rdinstr[h]`` trap; the tile's
# CYCLE/INSTRET CSRs count instead), the IRQ timer (the ``timer`` instruction traps), and the
# pending/mask logic of the 31 interrupt lines nothing drives.
_FIXED = {
    "ENABLE_COUNTERS": 0,
    "ENABLE_COUNTERS64": 0,
    "ENABLE_IRQ": 1,
    "ENABLE_IRQ_QREGS": 1,
    "ENABLE_IRQ_TIMER": 0,
    "MASKED_IRQ": IRQ_MASKED,
    "BARREL_SHIFTER": 1,
    "CATCH_MISALIGN": 1,
    "CATCH_ILLINSN": 1,
    "ENABLE_REGS_DUALPORT": 1,
    "PROGADDR_RESET": abi.RESET_VECTOR,
    "PROGADDR_IRQ": abi.IRQ_VECTOR,
}

# Upstream parameters a caller may still override.
_TUNABLE = ("ENABLE_REGS_16_31", "TWO_CYCLE_COMPARE", "TWO_CYCLE_ALU", "REGS_INIT_ZERO",
            "LATCHED_IRQ", "STACKADDR")


def picorv32_verilog():
    """Return the path of ``picorv32.v`` from the ``pythondata-cpu-picorv32`` package."""
    import pythondata_cpu_picorv32
    return os.path.join(pythondata_cpu_picorv32.data_location, "picorv32.v")


class PicoRV32(wiring.Component):
    """One ``picorv32`` Verilog instance with its native memory interface.

    The core fetches from :data:`abi.RESET_VECTOR` after reset and enters interrupts at
    :data:`abi.IRQ_VECTOR`; IRQs with q-registers, the barrel shifter, the dual-port register
    file and the misalignment/illegal-instruction traps are always on. Only ``irq[abi.Irq.LINE]``
    can interrupt (:data:`IRQ_MASKED`); EBREAK, ECALL, illegal and misaligned accesses always
    trap. PicoRV32's counter instructions (``rdcycle``, ``rdinstret`` and their high words)
    and its ``timer`` instruction are not built and trap as illegal instructions. It is held in reset while ``rst`` or
    the ``sync`` domain's reset is high. Amaranth's simulator cannot run it; use Verilator with
    :func:`picorv32_verilog`.

    Parameters
    ----------
    isa : str
        ``"rv32i"``, ``"rv32im"`` or ``"rv32imc"``.
    fast_mul : bool
        Use the single-cycle (DSP) multiplier; needs the M extension.
    **overrides
        Further upstream parameters by their Verilog names (for example ``STACKADDR``); only
        those that do not change the contract are accepted.

    Members
    -------
    rst : In(1)
        Hold the core in reset.
    mem_valid, mem_instr : Out(1)
    mem_ready : In(1)
    mem_addr, mem_wdata : Out(32)
    mem_wstrb : Out(4)
    mem_rdata : In(32)
        The PicoRV32 native memory interface, as documented upstream.
    mem_la_read, mem_la_write : Out(1)
    mem_la_addr : Out(32)
        The look-ahead interface: the next transfer, one cycle before ``mem_valid`` (driven
        combinationally by the core).
    irq : In(32)
        Interrupt request lines.
    trap : Out(1)
        High while the core has trapped.
    """

    def __init__(self, *, isa="rv32imc", fast_mul=False, **overrides):
        if isa not in ISAS:
            raise ValueError(f"isa must be one of {', '.join(map(repr, ISAS))}, not {isa!r}")
        check_bool("fast_mul", fast_mul)
        if fast_mul and not ISAS[isa]["ENABLE_MUL"]:
            raise ValueError(f"fast_mul needs the M extension, which isa {isa!r} lacks")
        for name, value in overrides.items():
            if name not in _TUNABLE:
                raise TypeError(f"{name!r} is not a tunable PicoRV32 parameter; use one of "
                                f"{', '.join(_TUNABLE)}")
            check_int(name, value, 0, 2**32 - 1, what="an integer in range 0..2**32-1")
        self._isa = isa
        self._fast_mul = fast_mul
        self._parameters = {**_FIXED, **ISAS[isa], **overrides}
        if fast_mul:
            self._parameters.update(ENABLE_MUL=0, ENABLE_FAST_MUL=1)
        super().__init__({
            "rst": In(1),
            "mem_valid": Out(1),
            "mem_instr": Out(1),
            "mem_ready": In(1),
            "mem_addr": Out(32),
            "mem_wdata": Out(32),
            "mem_wstrb": Out(4),
            "mem_rdata": In(32),
            "mem_la_read": Out(1),
            "mem_la_write": Out(1),
            "mem_la_addr": Out(32),
            "irq": In(32),
            "trap": Out(1),
        })

    @property
    def isa(self):
        return self._isa

    @property
    def fast_mul(self):
        return self._fast_mul

    @property
    def parameters(self):
        """The upstream parameters of the instance, by Verilog name."""
        return dict(self._parameters)

    def elaborate(self, platform):
        m = Module()
        # Outputs the fabric does not use, connected so that no instance pin dangles.
        unused = {name: Signal(width, name=f"unused_{name}") for name, width in (
            ("mem_la_wdata", 32), ("mem_la_wstrb", 4), ("pcpi_valid", 1), ("pcpi_insn", 32),
            ("pcpi_rs1", 32), ("pcpi_rs2", 32), ("eoi", 32), ("trace_valid", 1),
            ("trace_data", 36))}
        m.submodules.core = Instance(
            "picorv32",
            **{f"p_{name}": value for name, value in self._parameters.items()},
            i_clk=ClockSignal(),
            i_resetn=~(self.rst | ResetSignal()),
            o_trap=self.trap,
            o_mem_valid=self.mem_valid,
            o_mem_instr=self.mem_instr,
            i_mem_ready=self.mem_ready,
            o_mem_addr=self.mem_addr,
            o_mem_wdata=self.mem_wdata,
            o_mem_wstrb=self.mem_wstrb,
            i_mem_rdata=self.mem_rdata,
            o_mem_la_read=self.mem_la_read,
            o_mem_la_write=self.mem_la_write,
            o_mem_la_addr=self.mem_la_addr,
            i_pcpi_wr=C(0, 1),
            i_pcpi_rd=C(0, 32),
            i_pcpi_wait=C(0, 1),
            i_pcpi_ready=C(0, 1),
            i_irq=self.irq,
            **{f"o_{name}": signal for name, signal in unused.items()},
        )
        return m
