"""SimBus over Verilated models: the stand-in fabric and, when it exists, the real one."""

import pytest

from microcore import abi
from microcore.transport import BusError, BusTimeoutError, Resp
from microcore.transport.sim import SimBus, SimulationError

from .standin import (STANDIN_HANG, STANDIN_IRQ, STANDIN_STOP, standin_parameters,
                       unmapped_address)

pytestmark = pytest.mark.hw

G = abi.GLOBAL_REGS
WINDOW = 1 << abi.HOST_WINDOW_BITS


def test_id_register_is_the_fabric_magic(bus):
    assert bus.read32(G.address("ID")) == abi.FABRIC_MAGIC


def test_scratch_read_after_write_with_strobes(bus):
    scratch = G.address("SCRATCH")
    bus.write32(scratch, 0x1234_5678)
    assert bus.read32(scratch) == 0x1234_5678
    bus.write32(scratch, 0xAABB_CCDD, strb=0b0110)
    assert bus.read32(scratch) == 0x12BB_CC78
    bus.write32(scratch, 0xFFFF_FFFF, strb=0)
    assert bus.read32(scratch) == 0x12BB_CC78


def test_decerr_raises_and_the_bus_keeps_working(bus):
    addr = unmapped_address()
    with pytest.raises(BusError, match="read at .* DECERR") as info:
        bus.read32(addr)
    assert (info.value.addr, info.value.op, info.value.resp) == (addr, "read", Resp.DECERR)
    with pytest.raises(BusError, match="write at .* DECERR"):
        bus.write32(addr, 1)
    scratch = G.address("SCRATCH")
    bus.write32(scratch, 77)
    assert bus.read32(scratch) == 77
    assert bus.read32(G.address("ID")) == abi.FABRIC_MAGIC


def test_write_to_read_only_register_is_slverr(bus):
    with pytest.raises(BusError, match="SLVERR") as info:
        bus.write32(G.address("ID"), 0)
    assert info.value.resp == Resp.SLVERR
    assert bus.read32(G.address("ID")) == abi.FABRIC_MAGIC


def test_core_ram_block_round_trip(bus):
    words = [(0x9E37_79B9 * (i + 1)) & 0xFFFF_FFFF for i in range(512)]
    last = bus.num_cores - 1
    for core in sorted({0, last}):
        base = abi.HOST_MAP["CORE_RAM"].address(core)
        bus.write_block(base, [w ^ core for w in words])
    for core in sorted({0, last}):
        base = abi.HOST_MAP["CORE_RAM"].address(core)
        assert bus.read_block(base, len(words)) == [w ^ core for w in words]
        assert bus.read32(base + 4 * 100) == words[100] ^ core
    base = abi.HOST_MAP["CORE_RAM"].address(0)
    bus.write32(base + 8, 0xCAFE_F00D)
    assert bus.read_block(base, 3) == [words[0], words[1], 0xCAFE_F00D]


def test_block_error_names_the_failing_word(bus):
    addr = abi.HOST_MAP["CORE_RAM"].address(0) + bus.mem_bytes    # just past core 0's RAM
    with pytest.raises(BusError) as info:
        bus.read_block(addr - 8, 4)
    assert info.value.addr == addr and info.value.op == "read"
    with pytest.raises(BusError) as info:
        bus.write_block(addr - 4, [1, 2, 3])
    assert info.value.addr == addr and info.value.op == "write"


def test_advance_counts_exact_cycles(bus):
    start = bus.cycles
    bus.advance(1)
    assert bus.cycles == start + 1
    bus.advance(12_345)
    assert bus.cycles == start + 12_346
    bus.advance(0)
    assert bus.cycles == start + 12_346
    bus.read32(G.address("ID"))
    assert bus.cycles > start + 12_346


def test_reset_restarts_the_cycle_count(bus):
    bus.write32(G.address("SCRATCH"), 5)
    bus.advance(100)
    bus.reset()
    assert bus.cycles == 0
    assert bus.read32(G.address("SCRATCH")) == 0


@pytest.mark.parametrize("addr", [2, -4, WINDOW, WINDOW + 4, 1 << 32])
def test_bad_addresses_raise_value_error(bus, addr):
    before = bus.cycles
    with pytest.raises(ValueError):
        bus.read32(addr)
    with pytest.raises(ValueError):
        bus.write32(addr, 0)
    assert bus.cycles == before


def test_closed_bus_refuses_access(standin_library):
    bus = SimBus(library=standin_library)
    bus.close()
    bus.close()
    with pytest.raises(ValueError, match="closed"):
        bus.read32(0)
    with pytest.raises(ValueError, match="closed"):
        bus.cycles


# -- Stand-in only: behaviour the real fabric cannot be made to show on demand --------------

def test_timeout_raises_and_reset_recovers(standin_bus):
    standin_bus.timeout_cycles = 50
    start = standin_bus.cycles
    with pytest.raises(BusTimeoutError, match="no response within 50 cycles") as info:
        standin_bus.read32(STANDIN_HANG)
    assert info.value.addr == STANDIN_HANG and info.value.resp is None
    assert standin_bus.cycles - start == 50
    with pytest.raises(BusTimeoutError):
        standin_bus.write32(STANDIN_HANG, 1)
    standin_bus.reset()
    assert standin_bus.read32(G.address("ID")) == abi.FABRIC_MAGIC


def test_advance_until_irq(standin_bus):
    assert not standin_bus.irq
    assert standin_bus.advance_until_irq(500) == 500
    standin_bus.write32(STANDIN_IRQ, 1000)
    start = standin_bus.cycles
    ran = standin_bus.advance_until_irq(10_000)
    assert 990 <= ran <= 1000
    assert standin_bus.irq and standin_bus.cycles == start + ran
    assert standin_bus.advance_until_irq(10_000) == 0
    standin_bus.write32(STANDIN_IRQ, 0)
    assert not standin_bus.irq


def test_verilog_stop_raises_without_killing_python(standin_bus):
    with pytest.raises(SimulationError, match=r"\$stop"):
        standin_bus.write32(STANDIN_STOP, 1)
    with pytest.raises(SimulationError):
        standin_bus.read32(G.address("ID"))
    with pytest.raises(SimulationError):
        standin_bus.advance(10)


def test_two_models_in_one_process(standin_library):
    from microcore.sim import build_library
    from .standin import STANDIN
    other = build_library([STANDIN], parameters=standin_parameters(ID_VALUE=0x1234_5678,
                                                                   RAM_WORDS_LOG2=6))
    assert other != standin_library
    with SimBus(library=standin_library) as a, SimBus(library=other) as b, \
            SimBus(library=other) as c:
        assert a.read32(G.address("ID")) == abi.FABRIC_MAGIC
        assert b.read32(G.address("ID")) == 0x1234_5678
        b.write32(G.address("SCRATCH"), 1)
        c.write32(G.address("SCRATCH"), 2)
        assert (b.read32(G.address("SCRATCH")), c.read32(G.address("SCRATCH"))) == (1, 2)
        ram = abi.HOST_MAP["CORE_RAM"].address(0)
        with pytest.raises(BusError, match="DECERR"):
            b.write32(ram + 4 * 64, 9)   # beyond b's 64 words of RAM
        a.write32(ram + 4 * 64, 9)
        assert a.read32(ram + 4 * 64) == 9
    assert b.closed and c.closed


def test_large_block_load_is_one_call_into_the_model(standin_bus, monkeypatch):
    # A 16 KiB load crosses into C once each way, never word by word (no wall-clock timing).
    calls = []
    for name in ("_write_block", "_read_block"):
        real = getattr(standin_bus, name)
        monkeypatch.setattr(standin_bus, name,
                            lambda *a, _real=real, _name=name: calls.append(_name) or _real(*a))

    def per_word(*args):
        raise AssertionError("a block access went word by word")
    monkeypatch.setattr(standin_bus, "_c_write32", per_word)
    monkeypatch.setattr(standin_bus, "_c_read32", per_word)
    words = list(range(1 << 12))
    base = abi.HOST_MAP["CORE_RAM"].address(0)
    standin_bus.write_block(base, words)
    assert standin_bus.read_block(base, len(words)) == words
    assert calls == ["_write_block", "_read_block"]


# -- Real fabric only ---------------------------------------------------------------------------

def _lui(rd, imm20):
    return (imm20 << 12) | (rd << 7) | 0x37


def _addi(rd, rs1, imm):
    return ((imm & 0xFFF) << 20) | (rs1 << 15) | (rd << 7) | 0x13


def _sw(rs2, offset, rs1):
    return (((offset >> 5) & 0x7F) << 25) | (rs2 << 20) | (rs1 << 15) | (0b010 << 12) | \
        ((offset & 0x1F) << 7) | 0x23


JUMP_TO_SELF = 0x0000_006F


def test_core_post_to_host_raises_irq(fabric_bus):
    """A core writes its HOST_OUT header; advance_until_irq stops there."""
    bus = fabric_bus
    mailbox = abi.CORE_MAP["MAILBOX"].base
    assert mailbox & 0xFFF == 0
    header = abi.pack_header(1, abi.Service.PRINT, 0)
    t0, t1 = 5, 6
    program = [_lui(t0, mailbox >> 12), _addi(t1, 0, header),
               _sw(t1, abi.slot_offset(abi.Slot.HOST_OUT), t0), JUMP_TO_SELF]
    core = bus.num_cores - 1
    bus.write_block(abi.HOST_MAP["CORE_RAM"].address(core, abi.RESET_VECTOR), program)
    assert bus.advance_until_irq(1000) == 1000 and not bus.irq
    bus.write32(G.address("RUN_SET"), 1 << core)
    ran = bus.advance_until_irq(100_000)
    assert 0 < ran < 1000
    assert bus.irq
    assert bus.read32(G.address("HOST_RX")) == 1 << core
    slot = abi.HOST_MAP["MAILBOX"].address(core, abi.slot_offset(abi.Slot.HOST_OUT))
    assert bus.read32(slot) == header
    bus.write32(G.address("HOST_RX_ACK"), 1 << core)
    bus.advance(2)
    assert not bus.irq and bus.read32(G.address("HOST_RX")) == 0


def test_host_memory_round_trip_and_bounds(standin_bus):
    """The simulated host DDR: configure, byte-exact read/write at physical addresses, bounds."""
    ddr = standin_bus.host_memory
    assert (ddr.base, ddr.size) == (0x1000_0000, 16 << 20)
    ddr.configure(0x2000_0000, 1 << 16, read_latency=30, write_latency=5)
    assert (ddr.base, ddr.size, ddr.read_latency, ddr.write_latency) == \
        (0x2000_0000, 1 << 16, 30, 5)
    assert ddr.read(0x2000_0000, 16) == bytes(16)
    data = bytes(range(1, 200))
    ddr.write(0x2000_0003, data)
    assert ddr.read(0x2000_0003, len(data)) == data
    assert ddr.read(0x2000_0000, 3) == bytes(3)
    ddr.write(0x2000_0000 + (1 << 16) - 2, b"\xAB\xCD")
    assert ddr.read(0x2000_0000 + (1 << 16) - 1, 1) == b"\xCD"
    for addr, n in ((0x1FFF_FFFF, 1), (0x2000_0000 + (1 << 16) - 1, 2), (0, 4)):
        with pytest.raises(ValueError, match="outside"):
            ddr.read(addr, n)
    with pytest.raises(ValueError, match="outside"):
        ddr.write(0x2000_0000 + (1 << 16), b"x")
    with pytest.raises(ValueError, match="end within 4 GiB"):
        ddr.configure(0xFFFF_0000, 1 << 17)
    with pytest.raises(ValueError, match="multiple of 8"):
        ddr.configure(0x2000_0004, 1 << 16)
    assert ddr.read_beats == 0 and ddr.write_beats == 0     # the stand-in has no DMA master
    ddr.configure(0x2000_0000, 1 << 16)
    assert ddr.read(0x2000_0003, len(data)) == bytes(len(data))     # configure() clears it


def test_profile_counts_host_accesses_and_core_counters(fabric_bus):
    """profile(): the harness's host-port counters and each core's CYCLE and INSTRET."""
    bus = fabric_bus
    bus.reset()
    before = bus.profile()
    assert before["host_reads"] == before["host_writes"] == 0
    assert before["cores"].keys() == set(range(bus.num_cores))
    core = bus.num_cores - 1
    bus.write_block(abi.HOST_MAP["CORE_RAM"].address(core, abi.RESET_VECTOR), [JUMP_TO_SELF])
    bus.write32(G.address("RUN_SET"), 1 << core)
    bus.advance(1000)
    after = bus.profile()
    # The totals come before profile()'s own reads: the first one read NUM_CORES, then four
    # counter words per core.
    assert after["host_reads"] == 1 + 4 * bus.num_cores
    assert after["host_writes"] == 2
    assert after["host_access_cycles"] == after["cycles"] - 1000 > 0     # the rest: advance
    running = after["cores"][core]
    assert 1000 <= running["cycles"] < after["cycles"]
    assert 0 < running["instret"] < running["cycles"]      # a jump-to-self loop
    assert all(after["cores"][k] == {"cycles": 0, "instret": 0} for k in range(core))
