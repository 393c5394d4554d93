"""Host-side tests of the fabric: global registers, host windows, responses, AXI handshakes."""

import random

import cocotb
import pytest
from cocotb.triggers import ReadOnly, RisingEdge
from cocotbext.axi import AxiResp

from microcore import abi
from microcore.hw.global_regs import abi_version_word
from microcore.hw.tile import features

from fabric_tb import TB, idle_pattern, random_pattern, run

BUS_MODES = dict(idle=[None, idle_pattern], backpressure=[None, idle_pattern])


async def start(dut, idle=None, backpressure=None):
    tb = TB(dut)
    tb.set_idle_generator(idle)
    tb.set_backpressure_generator(backpressure)
    await tb.reset()
    return tb


@cocotb.test()
@cocotb.parametrize(**BUS_MODES)
async def identity_registers(dut, idle, backpressure):
    tb = await start(dut, idle, backpressure)
    expected = {
        "ID": abi.FABRIC_MAGIC,
        "VERSION": abi_version_word(),
        "ABI": abi.ABI_HASH,
        "NUM_CORES": tb.num_cores,
        "MEM_BYTES": tb.mem_bytes,
        "SHARED_BYTES": tb.shared_bytes,
        "FEATURES": features(tb.isa, False, tb.shared_bytes, tb.dma),
        "FPU_MASK": 0,
        "RUNNING": 0,
        "HALTED": 0,
        "FAULTED": 0,
        "HOST_RX": 0,
        "HOST_TX": 0,
    }
    for name, value in expected.items():
        got = await tb.reg(name)
        assert got == value, f"{name}: {got:#x} != {value:#x}"
    assert abi_version_word() >> 16 == abi.ABI_VERSION[0]
    assert features(tb.isa, False) & abi.Feature.CORE_MAILBOX
    for core in range(tb.num_cores):
        assert await tb.core_reg(core, "CTRL") == 0
        assert await tb.core_reg(core, "STATUS") == 0
    assert dut.irq.value == 0


@cocotb.test()
@cocotb.parametrize(**BUS_MODES)
async def scratch_and_access_rules(dut, idle, backpressure):
    tb = await start(dut, idle, backpressure)
    scratch = abi.GLOBAL_REGS.address("SCRATCH")
    for value in (0x1234_5678, 0xFFFF_FFFF, 0, 0xA5A5_5A5A):
        await tb.write(scratch, value)
        assert await tb.read(scratch) == value
    # Byte and halfword strobes only touch their lanes.
    await tb.write(scratch + 1, b"\xC3")
    assert await tb.read(scratch) == 0xA5A5_C35A
    await tb.write(scratch + 2, b"\x11\x22")
    assert await tb.read(scratch) == 0x2211_C35A

    # Read-only registers answer SLVERR and keep their value.
    for name in ("ID", "NUM_CORES", "RUNNING", "HOST_RX", "CYCLE_LO"):
        assert await tb.write_raw(abi.GLOBAL_REGS.address(name), 0) == AxiResp.SLVERR, name
    assert await tb.write_raw(abi.GLOBAL_REGS.address("ID") + 3, b"\x00") == AxiResp.SLVERR
    assert await tb.reg("ID") == abi.FABRIC_MAGIC
    for name in ("STATUS", "EXIT_CODE", "LAST_PC", "CYCLE_HI"):
        resp = await tb.write_raw(abi.CORE_CTRL_REGS.address(name, tb.num_cores - 1), 1)
        assert resp == AxiResp.SLVERR, name
    # Write-only registers read as 0; the w1c doorbell ack reads as HOST_RX.
    for name in ("RUN_SET", "RUN_CLEAR", "HOST_RX_ACK"):
        value, resp = await tb.read_raw(abi.GLOBAL_REGS.address(name))
        assert (value, resp) == (0, AxiResp.OKAY), name
    assert await tb.read(scratch) == 0x2211_C35A

    # The 64-bit cycle counter runs, and HI is latched by the LO read.
    lo1 = await tb.reg("CYCLE_LO")
    hi1 = await tb.reg("CYCLE_HI")
    lo2 = await tb.reg("CYCLE_LO")
    assert hi1 == 0 and lo2 > lo1


@cocotb.test()
@cocotb.parametrize(**BUS_MODES)
async def ram_windows(dut, idle, backpressure):
    tb = await start(dut, idle, backpressure)
    offsets = [0, 4, tb.mem_bytes // 2, tb.mem_bytes - 4]
    for core in range(tb.num_cores):
        for offset in offsets:
            await tb.write(tb.ram_addr(core, offset), (core << 28) | offset | 0x0123_0000)
    for core in range(tb.num_cores):
        for offset in offsets:
            assert await tb.read(tb.ram_addr(core, offset)) == (core << 28) | offset | 0x0123_0000
    # Byte strobes, halfword strobes and multi-word bursts split by the master.
    for core in range(tb.num_cores):
        base = tb.ram_addr(core, 0x100)
        await tb.write(base, 0x4433_2211)
        await tb.write(base + 1, b"\xAA")
        await tb.write(base + 2, b"\xBB\xCC")
        assert await tb.read(base) == 0xCCBB_AA11
        await tb.write(base + 3, b"\xDD")
        await tb.write(base, b"\xEE")
        assert await tb.read(base) == 0xDDBB_AAEE
        data = bytes((core * 16 + i) & 0xFF for i in range(32))
        await tb.write(base + 8, data)
        got = await tb.axil.read(base + 8, len(data))
        assert got.data == data and got.resp == AxiResp.OKAY


@cocotb.test()
@cocotb.parametrize(**BUS_MODES)
async def mailbox_windows(dut, idle, backpressure):
    tb = await start(dut, idle, backpressure)
    last_slot = abi.Slot.CORE_IN_BASE + tb.num_cores - 1
    for core in range(tb.num_cores):
        for slot in range(last_slot + 1):
            await tb.write(tb.mbox_addr(core, slot, abi.Slot.PAYLOAD_OFFSET),
                           0xBEEF_0000 | core << 8 | slot)
            await tb.write(tb.mbox_addr(core, slot, abi.Slot.BYTES - 4), 0x5A00_0000 | slot)
    for core in range(tb.num_cores):
        for slot in range(last_slot + 1):
            got = await tb.read(tb.mbox_addr(core, slot, abi.Slot.PAYLOAD_OFFSET))
            assert got == 0xBEEF_0000 | core << 8 | slot
            assert await tb.read(tb.mbox_addr(core, slot, abi.Slot.BYTES - 4)) == \
                0x5A00_0000 | slot
    await tb.write(tb.mbox_addr(0, abi.Slot.HOST_OUT, 2), b"\x77")
    assert await tb.read(tb.mbox_addr(0, abi.Slot.HOST_OUT)) == 0x0077_0000

    # Host header writes set only the HOST_IN flag; other slots' headers are plain data.
    assert await tb.reg("HOST_TX") == 0
    assert await tb.reg("HOST_RX") == 0
    core = tb.num_cores - 1
    await tb.send_host_in(core, b"hello!", seq=7)
    assert await tb.reg("HOST_TX") == 1 << core
    assert await tb.reg("HOST_RX") == 0
    assert await tb.read(tb.mbox_addr(core, abi.Slot.HOST_IN)) == \
        abi.pack_header(7, abi.HostTag.USER, 8)
    assert dut.irq.value == 0


# Harmless values to write to each writable register in the sweep (no core is released).
SWEEP_WRITES = {"SCRATCH": 0x3C5A_96E1, "RUN_SET": 0, "RUN_CLEAR": 0, "HOST_RX_ACK": 0,
                "CTRL": 0}


@cocotb.test()
@cocotb.parametrize(seed=[1, 2])
async def register_sweep(dut, seed):
    """Every word of the global and per-core register windows, read and written, under random
    valid/ready stalls: registers answer OKAY (read-only ones SLVERR to a write, keeping their
    value; writable ones read back what was written), every gap answers DECERR."""
    tb = TB(dut)
    tb.set_idle_generator(lambda: random_pattern(seed))
    tb.set_backpressure_generator(lambda: random_pattern(seed + 50))
    await tb.reset()
    windows = [(abi.GLOBAL_REGS, abi.HOST_MAP["REGS"].base, abi.HOST_MAP["REGS"].size)]
    windows += [(abi.CORE_CTRL_REGS, abi.HOST_MAP["CORE_CTRL"].address(core),
                 abi.HOST_MAP["CORE_CTRL"].stride) for core in range(tb.num_cores)]
    volatile = {"CYCLE_LO", "CYCLE_HI", "INSTRET_LO", "INSTRET_HI"}
    checked = 0
    for block, base, size in windows:
        registers = {reg.offset: reg for reg in block.registers}
        for offset in range(0, size, 4):
            addr = base + offset
            reg = registers.get(offset)
            value, resp = await tb.read_raw(addr)
            if reg is None:
                assert (value, resp) == (0, AxiResp.DECERR), f"read {addr:#x}"
                assert await tb.write_raw(addr, 0xFFFF_FFFF) == AxiResp.DECERR, f"{addr:#x}"
                continue
            assert resp == AxiResp.OKAY, f"read {block.name}.{reg.name}"
            if reg.access == "wo":
                assert value == 0, reg.name
            if reg.access == "ro":
                assert await tb.write_raw(addr, ~value & 0xFFFF_FFFF) == AxiResp.SLVERR, \
                    reg.name
                if reg.name not in volatile:
                    assert await tb.read(addr) == value, f"{reg.name} changed"
            else:
                assert await tb.write_raw(addr, SWEEP_WRITES[reg.name]) == AxiResp.OKAY, \
                    reg.name
                if reg.access == "rw":
                    assert await tb.read(addr) == SWEEP_WRITES[reg.name], reg.name
            checked += 1
    assert checked == len(abi.GLOBAL_REGS.registers) + \
        tb.num_cores * len(abi.CORE_CTRL_REGS.registers)
    assert await tb.reg("RUNNING") == 0 and await tb.reg("FAULTED") == 0


def unmapped_addresses(num_cores, mem_bytes, shared_bytes):
    regs, ctrl = abi.HOST_MAP["REGS"], abi.HOST_MAP["CORE_CTRL"]
    mbox, shared, ram = abi.HOST_MAP["MAILBOX"], abi.HOST_MAP["SHARED"], abi.HOST_MAP["CORE_RAM"]
    last_global = max(reg.offset for reg in abi.GLOBAL_REGS.registers)
    last_ctrl = max(reg.offset for reg in abi.CORE_CTRL_REGS.registers)
    addresses = [
        regs.base + last_global + 4, regs.base + regs.size - 4, regs.base + regs.size,
        ctrl.base - 4,
        ctrl.address(0, last_ctrl + 4), ctrl.address(0) + ctrl.size,
        ctrl.address(0) + ctrl.stride - 4,
        ctrl.end, mbox.base - 4,
        mbox.address(0, abi.mailbox_bytes(num_cores)), mbox.address(0, mbox.size - 4),
        mbox.end,
        shared.base + shared_bytes, shared.base + shared.size - 4, shared.end,
        ram.address(0, mem_bytes), ram.address(num_cores - 1, ram.size - 4),
        2 ** abi.HOST_WINDOW_BITS - 4,
    ]
    if num_cores < abi.MAX_CORES:
        addresses += [ctrl.address(num_cores), ctrl.address(abi.MAX_CORES - 1),
                      mbox.address(num_cores), mbox.address(abi.MAX_CORES - 1, 4),
                      ram.address(num_cores), ram.address(abi.MAX_CORES - 1, 8)]
    return addresses


@cocotb.test()
@cocotb.parametrize(**BUS_MODES)
async def unmapped_addresses_decerr(dut, idle, backpressure):
    tb = await start(dut, idle, backpressure)
    scratch = abi.GLOBAL_REGS.address("SCRATCH")
    await tb.write(tb.ram_addr(0), 0x600D_F00D)
    for i, addr in enumerate(unmapped_addresses(tb.num_cores, tb.mem_bytes, tb.shared_bytes)):
        value, resp = await tb.read_raw(addr)
        assert resp == AxiResp.DECERR and value == 0, f"read {addr:#x}: {resp!r} {value:#x}"
        resp = await tb.write_raw(addr, 0xDEAD_0000 | i)
        assert resp == AxiResp.DECERR, f"write {addr:#x}: {resp!r}"
        await tb.write(scratch, i)
        assert await tb.read(scratch) == i
    # Nothing aliased into RAM, and the bus still works.
    assert await tb.read(tb.ram_addr(0)) == 0x600D_F00D
    assert await tb.reg("ID") == abi.FABRIC_MAGIC


@cocotb.test()
@cocotb.parametrize(seed=[1, 2])
async def concurrent_traffic(dut, seed):
    """Many reads and writes in flight at once, with random stalls on every channel."""
    tb = TB(dut)
    tb.set_idle_generator(lambda: random_pattern(seed))
    tb.set_backpressure_generator(lambda: random_pattern(seed + 100))
    await tb.reset()
    rng = random.Random(seed)
    words = {tb.ram_addr(rng.randrange(tb.num_cores), rng.randrange(tb.mem_bytes // 4) * 4):
             rng.getrandbits(32) for _ in range(24)}

    async def writer(addr, value):
        await tb.write(addr, value)

    tasks = [cocotb.start_soon(writer(addr, value)) for addr, value in words.items()]
    tasks += [cocotb.start_soon(tb.read(abi.GLOBAL_REGS.address("ID"))) for _ in range(8)]
    for task in tasks:
        await task
    assert all(task.result() == abi.FABRIC_MAGIC for task in tasks[len(words):])
    reads = {addr: cocotb.start_soon(tb.read(addr)) for addr in words}
    for addr, task in reads.items():
        assert await task == words[addr], f"{addr:#x}"


class RawAxi:
    """Drives the AXI4-Lite ports directly, for handshake orderings a master model won't do."""

    def __init__(self, dut):
        self.dut = dut
        self.clk = dut.clk
        for name in ("awvalid", "wvalid", "bready", "arvalid", "rready", "awprot", "arprot"):
            self.sig(name).value = 0

    def sig(self, name):
        return getattr(self.dut, f"s_axil_{name}")

    async def handshake(self, channel, **fields):
        """Hold ``<channel>valid`` with ``fields`` until a clock edge sees ``<channel>ready``."""
        for name, value in fields.items():
            self.sig(name).value = value
        self.sig(f"{channel}valid").value = 1
        for _ in range(100):
            await ReadOnly()
            accepted = self.sig(f"{channel}ready").value == 1
            await RisingEdge(self.clk)
            if accepted:
                self.sig(f"{channel}valid").value = 0
                return
        raise AssertionError(f"{channel}ready never rose")

    async def respond(self, channel, stall):
        """Wait for ``<channel>valid``, keep ``<channel>ready`` low for ``stall`` cycles while
        checking the response stays put, then accept it; return (data, resp)."""
        fields = ("bresp",) if channel == "b" else ("rdata", "rresp")
        for _ in range(100):
            await ReadOnly()
            if self.sig(f"{channel}valid").value == 1:
                break
            await RisingEdge(self.clk)
        else:
            raise AssertionError(f"{channel}valid never rose")
        values = [int(self.sig(name).value) for name in fields]
        for _ in range(stall):
            await RisingEdge(self.clk)
            await ReadOnly()
            assert self.sig(f"{channel}valid").value == 1, f"{channel}valid dropped"
            assert [int(self.sig(name).value) for name in fields] == values
        await RisingEdge(self.clk)
        self.sig(f"{channel}ready").value = 1
        await RisingEdge(self.clk)
        self.sig(f"{channel}ready").value = 0
        return (None, *values) if channel == "b" else tuple(values)


@cocotb.test()
async def independent_channels(dut):
    """W before AW, AW long before W, AR racing a write, and stalled B/R responses."""
    tb = TB(dut, master=False)
    axi = RawAxi(dut)
    await tb.reset()
    scratch = abi.GLOBAL_REGS.address("SCRATCH")
    okay = (None, AxiResp.OKAY)

    # W first, AW three cycles later.
    await axi.handshake("w", wdata=0x1111_2222, wstrb=0xF)
    await tb.cycles(3)
    await axi.handshake("aw", awaddr=scratch)
    assert await axi.respond("b", 5) == okay

    # AW first, W much later; a read waits for the write to finish.
    await axi.handshake("aw", awaddr=scratch)
    read = cocotb.start_soon(axi.handshake("ar", araddr=scratch))
    await tb.cycles(10)
    assert not read.done(), "read accepted while a write was half accepted"
    await axi.handshake("w", wdata=0x3333_4444, wstrb=0xF)
    assert await axi.respond("b", 0) == okay
    await read
    assert await axi.respond("r", 7) == (0x3333_4444, AxiResp.OKAY)

    # AW, W and AR raised together, twice: both get served, one at a time.
    for value in (0x5555_6666, 0x7777_8888):
        handshakes = [cocotb.start_soon(axi.handshake("aw", awaddr=scratch)),
                      cocotb.start_soon(axi.handshake("w", wdata=value, wstrb=0xF)),
                      cocotb.start_soon(axi.handshake("ar", araddr=abi.GLOBAL_REGS.ID))]
        b = cocotb.start_soon(axi.respond("b", 2))
        r = cocotb.start_soon(axi.respond("r", 2))
        for task in handshakes:
            await task
        assert await b == okay
        assert await r == (abi.FABRIC_MAGIC, AxiResp.OKAY)
        await tb.cycles(2)
    await axi.handshake("ar", araddr=scratch)
    assert await axi.respond("r", 0) == (0x7777_8888, AxiResp.OKAY)

    # An unmapped write with split handshakes still answers DECERR.
    await axi.handshake("w", wdata=0, wstrb=0xF)
    await axi.handshake("aw", awaddr=abi.HOST_MAP["SHARED"].base + tb.shared_bytes)
    assert await axi.respond("b", 3) == (None, AxiResp.DECERR)


@pytest.mark.hw
@pytest.mark.parametrize("num_cores, mem_bytes, isa, shared_bytes", [
    (2, 16 * 1024, "rv32imc", 16 * 1024),
    (3, 20 * 1024, "rv32im", 0),
])
def test_fabric_regs(num_cores, mem_bytes, isa, shared_bytes):
    # The second configuration also leaves out the DMA engine.
    run("test_fabric_regs", "regs", num_cores=num_cores, mem_bytes=mem_bytes, isa=isa,
        shared_bytes=shared_bytes, dma=bool(shared_bytes))
