"""The stand-in fabric: a small Verilog module with the fabric's ports, for transport tests."""

from pathlib import Path

from microcore import abi

STANDIN = Path(__file__).parent / "fixtures" / "standin_fabric.v"

_REGS = abi.HOST_MAP["REGS"]
#: Test-only registers of the stand-in, in the unused upper half of the global register page.
STANDIN_IRQ = _REGS.base + _REGS.size // 2
STANDIN_HANG = STANDIN_IRQ + 4
STANDIN_STOP = STANDIN_IRQ + 8
STANDIN_RAM_WORDS_LOG2 = 12

assert not {STANDIN_IRQ, STANDIN_HANG, STANDIN_STOP} & {
    abi.GLOBAL_REGS.address(r.name) for r in abi.GLOBAL_REGS.registers}


def standin_parameters(**overrides):
    """Parameters that place the stand-in's registers at the ABI's addresses."""
    params = {
        "ID_ADDR": abi.GLOBAL_REGS.address("ID"),
        "ID_VALUE": abi.FABRIC_MAGIC,
        "SCRATCH_ADDR": abi.GLOBAL_REGS.address("SCRATCH"),
        "IRQ_ADDR": STANDIN_IRQ,
        "HANG_ADDR": STANDIN_HANG,
        "STOP_ADDR": STANDIN_STOP,
        "RAM_BASE": abi.HOST_MAP["CORE_RAM"].address(0),
        "RAM_WORDS_LOG2": STANDIN_RAM_WORDS_LOG2,
    }
    params.update(overrides)
    return params


def unmapped_address():
    """An address inside the host window that no region of the host map covers."""
    spans = sorted((r.base, r.end) for r in abi.HOST_MAP.values())
    for (_, end), (next_base, _) in zip(spans, spans[1:]):
        if end < next_base:
            return end
    raise AssertionError("the host map has no gap")
