# amaranth: UnusedElaboratable=no
"""Amaranth-simulator tests of the fabric's pure-Amaranth blocks, and elaboration checks.

These need no Verilator: PicoRV32 is a Verilog ``Instance`` and is only exercised by the cocotb
tests, but the bus bridge, the register bank and the mailbox network are plain Amaranth.
"""

import re

import pytest
from amaranth.back import rtlil
from amaranth.hdl import Const, Module, Signal
from amaranth.sim import Simulator

from microcore import abi
from microcore.hw.axi_lite import AxiLiteSignature
from microcore.hw.axi import Axi4Signature
from microcore.hw.bus import BusSignature, Resp, index_mux
from microcore.hw.dma import DmaEngine
from microcore.hw.fabric import Fabric
from microcore.hw.host_bridge import HostBridge
from microcore.hw.mailbox_net import MailboxNet, MailboxRequestSignature
from microcore.hw.picorv32 import ISAS, PicoRV32
from microcore.hw.regs import RegisterBank
from microcore.hw.shared_mem import LATENCY, SharedMemory
from microcore.hw.tile import Tile
from microcore.hw.verilog import generate


def simulate(dut, testbench, *, deadline_cycles=10_000):
    sim = Simulator(dut)
    sim.add_clock(1e-8)
    sim.add_testbench(testbench)
    sim.run_until(deadline_cycles * 1e-8)


# -- RegisterBank ----------------------------------------------------------------------------

def test_register_bank_responses():
    bank = RegisterBank(abi.GLOBAL_REGS, addr_width=8)
    seen = []

    async def access(ctx, offset, we=0, data=0, strb=0xF):
        ctx.set(bank.bus.addr, offset)
        ctx.set(bank.bus.we, we)
        ctx.set(bank.bus.wdata, data)
        ctx.set(bank.bus.wstrb, strb)
        ctx.set(bank.bus.valid, 1)
        for cycle in range(4):
            if ctx.get(bank.w_SCRATCH):
                seen.append(("w", ctx.get(bank.wdata), ctx.get(bank.wmask)))
            if ctx.get(bank.rd_CYCLE_LO):
                seen.append(("rd",))
            await ctx.tick()
            if ctx.get(bank.bus.ready):
                resp, rdata = ctx.get(bank.bus.resp), ctx.get(bank.bus.rdata)
                ctx.set(bank.bus.valid, 0)
                await ctx.tick()        # the ready cycle still belongs to this request
                return cycle, resp, rdata
        raise AssertionError("no answer")

    async def testbench(ctx):
        ctx.set(bank.r_ID, abi.FABRIC_MAGIC)
        assert await access(ctx, abi.GLOBAL_REGS.ID) == (0, Resp.OKAY, abi.FABRIC_MAGIC)
        assert (await access(ctx, abi.GLOBAL_REGS.ID, we=1))[1] == Resp.SLVERR
        assert await access(ctx, abi.GLOBAL_REGS.RUN_SET) == (0, Resp.OKAY, 0)
        assert (await access(ctx, abi.GLOBAL_REGS.SCRATCH, we=1, data=0x1234_5678,
                             strb=0b0110))[1] == Resp.OKAY
        assert seen == [("w", 0x0034_5600, 0x00FF_FF00)]
        await access(ctx, abi.GLOBAL_REGS.CYCLE_LO)
        assert seen[-1] == ("rd",)
        unused = max(reg.offset for reg in abi.GLOBAL_REGS.registers) + 4
        assert (await access(ctx, unused))[1] == Resp.DECERR
        assert (await access(ctx, unused, we=1))[1] == Resp.DECERR

    simulate(bank, testbench)


@pytest.mark.parametrize("block, addr_width", [
    (abi.GLOBAL_REGS, 8), (abi.TILE_CSRS, 8), (abi.CORE_CTRL_REGS, 8)])
def test_register_bank_read_mux(block, addr_width):
    """Every readable register reads its own input through the multiplexer tree; write-only
    registers, gaps and offsets that alias a register in the tree's address bits read 0."""
    bank = RegisterBank(block, addr_width=addr_width)
    readable = [reg for reg in block.registers if reg.access != "wo"]
    value = {reg.name: (0x9E37_79B9 * (i + 1)) & 0xFFFF_FFFF for i, reg in enumerate(readable)}
    offsets = {reg.offset for reg in block.registers}
    span = 1 << (max(offsets) >> 2).bit_length() + 2

    async def read(ctx, offset):
        ctx.set(bank.bus.addr, offset)
        ctx.set(bank.bus.we, 0)
        ctx.set(bank.bus.valid, 1)
        await ctx.tick()
        assert ctx.get(bank.bus.ready)
        result = ctx.get(bank.bus.resp), ctx.get(bank.bus.rdata)
        ctx.set(bank.bus.valid, 0)
        await ctx.tick()
        return result

    async def testbench(ctx):
        for reg in readable:
            ctx.set(getattr(bank, f"r_{reg.name}"), value[reg.name])
        for reg in block.registers:
            expect = value.get(reg.name, 0)
            assert await read(ctx, reg.offset) == (Resp.OKAY, expect), reg.name
        for offset in range(0, 1 << addr_width, 4):
            if offset not in offsets:
                assert await read(ctx, offset) == (Resp.DECERR, 0), hex(offset)
        assert span < 1 << addr_width       # the aliases above were exercised

    simulate(bank, testbench)


def test_index_mux():
    index = Signal(5)
    values = [Const(v, 8) for v in (3, 1, 4, 1, 5, 9, 2)]
    out = Signal(8)
    m = Module()
    m.d.comb += out.eq(index_mux(index, values, default=0x77))

    async def testbench(ctx):
        for i in range(32):
            ctx.set(index, i)
            low = i % 8                     # only the 3 bits that 7 values need select
            assert ctx.get(out) == (values[low].value if low < len(values) else 0x77), i

    sim = Simulator(m)
    sim.add_testbench(testbench)
    sim.run()


# -- HostBridge ------------------------------------------------------------------------------

def test_host_bridge_timeout_and_ordering():
    """A target that never answers yields SLVERR after the timeout; the bridge keeps working."""
    bridge = HostBridge(16, timeout=20)
    axi, bus = bridge.axi, bridge.bus

    async def write(ctx, addr, data):
        ctx.set(axi.awaddr, addr)
        ctx.set(axi.wdata, data)
        ctx.set(axi.wstrb, 0xF)
        ctx.set(axi.awvalid, 1)
        ctx.set(axi.wvalid, 1)
        ctx.set(axi.bready, 1)
        cycles = 0
        while True:
            aw, w, b, resp = ctx.get(axi.awready), ctx.get(axi.wready), ctx.get(axi.bvalid), \
                ctx.get(axi.bresp)
            await ctx.tick()
            cycles += 1
            if aw:
                ctx.set(axi.awvalid, 0)
            if w:
                ctx.set(axi.wvalid, 0)
            if b:
                ctx.set(axi.bready, 0)
                return cycles, resp
            assert cycles < 100

    async def testbench(ctx):
        cycles, resp = await write(ctx, 0x10, 1)          # nobody answers
        assert resp == Resp.SLVERR.value and 20 <= cycles <= 25
        cycles, resp = await write(ctx, 0x20, 2)          # answered at once
        assert resp == Resp.OKAY.value and cycles < 8
        done.append(True)

    async def target(ctx):                                 # answers only address 0x20
        while True:
            await ctx.tick()
            answer = ctx.get(bus.valid) and ctx.get(bus.addr) == 0x20 and not ctx.get(bus.ready)
            ctx.set(bus.ready, answer)
            ctx.set(bus.resp, Resp.OKAY)

    done = []
    sim = Simulator(bridge)
    sim.add_clock(1e-8)
    sim.add_testbench(testbench)
    sim.add_testbench(target, background=True)
    sim.run_until(200e-8)
    assert done


# -- MailboxNet ------------------------------------------------------------------------------

def test_mailbox_net_round_robin():
    n = 3
    net = MailboxNet(n)
    requesters = [net.host, *net.cores]
    served = []

    async def tiles(ctx):
        """Read data is the access's address plus the tile index."""
        while True:
            await ctx.tick()
            for t, tile in enumerate(net.tiles):
                ctx.set(tile.rdata, (t << 16) | ctx.get(tile.addr))

    async def requester(ctx, index):
        req = requesters[index]
        for k in range(4):
            target, addr = (index + k) % n, 4 * (index + 8 * k)
            ctx.set(req.target, target)
            ctx.set(req.addr, addr)
            ctx.set(req.we, k % 2)
            ctx.set(req.wdata, index)
            ctx.set(req.wstrb, 0xF)
            ctx.set(req.valid, 1)
            for wait in range(3 * (n + 1) + 1):
                for t, tile in enumerate(net.tiles):
                    if ctx.get(tile.en) and ctx.get(tile.addr) == addr and t == target:
                        assert ctx.get(tile.from_host) == (index == 0)
                        if index:
                            assert ctx.get(tile.src) == index - 1
                await ctx.tick()
                if ctx.get(req.ready):
                    break
            else:
                raise AssertionError(f"requester {index} starved")
            assert ctx.get(req.rdata) == (target << 16) | addr
            served.append(index)
            ctx.set(req.valid, 0)

    sim = Simulator(net)
    sim.add_clock(1e-8)
    sim.add_testbench(tiles, background=True)
    for index in range(len(requesters)):
        async def bench(ctx, index=index):
            await requester(ctx, index)
        sim.add_testbench(bench)
    sim.run_until(300e-8)
    # Everyone requests all the time, so grants rotate strictly (starting after requester 0).
    assert served == [(i + 1) % (n + 1) for i in range(4 * (n + 1))]


# -- SharedMemory ----------------------------------------------------------------------------

def test_shared_memory_fair_and_bounded():
    """Every port requests back to back; each access completes within the documented bound,
    grants rotate, and a Python model of the memory agrees with every read."""
    n, size = 4, 256
    shm = SharedMemory(n, size)
    model = {}
    bound = n + LATENCY - 1
    served = []
    waits = []

    async def requester(ctx, index):
        port = shm.ports[index]
        for k in range(12):
            word = (index * 5 + k * 3) % (size // 4)  # ports overlap on some words
            write = (k + index) % 3 != 2
            strb = 0xF if k % 4 else 0b0101
            data = (index << 24) | (k << 8) | word
            ctx.set(port.addr, 4 * word)
            ctx.set(port.we, write)
            ctx.set(port.wdata, data)
            ctx.set(port.wstrb, strb)
            ctx.set(port.valid, 1)
            for wait in range(bound):
                await ctx.tick()
                if ctx.get(port.ready):
                    break
            else:
                raise AssertionError(f"port {index} waited more than {bound} cycles")
            waits.append(wait + 1)
            assert ctx.get(port.resp) == Resp.OKAY
            # Accesses take effect in grant order, which is the order they complete in.
            old = model.get(word, 0)
            if write:
                mask = sum(0xFF << 8 * lane for lane in range(4) if strb >> lane & 1)
                model[word] = (old & ~mask) | (data & mask)
            else:
                assert ctx.get(port.rdata) == old, f"port {index} read word {word}"
            served.append(index)
            ctx.set(port.valid, 0)
            if k % 5 == 4:
                await ctx.tick()

    sim = Simulator(shm)
    sim.add_clock(1e-8)
    for index in range(n):
        async def bench(ctx, index=index):
            await requester(ctx, index)
        sim.add_testbench(bench)
    sim.run_until(2000e-8)
    assert len(served) == 12 * n
    assert max(waits) == bound and min(waits) == LATENCY
    # While everyone waits, nobody is served twice before each other port is served once.
    first = served[:n]
    assert sorted(first) == list(range(n))


# -- Elaboration and argument checks ---------------------------------------------------------

def test_fabric_rtlil_and_verilog(tmp_path):
    text = rtlil.convert(Fabric(2, 16 * 1024), name="microcore_fabric")
    assert "picorv32" in text
    sources = generate(tmp_path, num_cores=2, mem_bytes=16 * 1024)
    assert sources[0].name == "microcore_fabric.v" and sources[1].name == "picorv32.v"
    assert all(path.exists() for path in sources)
    verilog = sources[0].read_text()
    header = re.search(r"^module microcore_fabric\((.*?)\);", verilog, re.S | re.M).group(1)
    ports = {port.strip() for port in header.split(",")}
    lite = {"clk", "rst", "irq"} | {
        f"s_axil_{name}" for name in AxiLiteSignature(addr_width=24).members}
    full = {f"m_axi_{name}" for name in Axi4Signature().members}
    assert ports == lite | full
    assert re.search(rf"input \[{abi.HOST_WINDOW_BITS - 1}:0\] s_axil_awaddr;", verilog)
    assert re.search(r"output \[63:0\] m_axi_wdata;", verilog)
    assert re.search(r"input \[63:0\] m_axi_rdata;", verilog)
    # Without DMA there is no master port.
    verilog = generate(tmp_path / "nodma", num_cores=2, mem_bytes=16 * 1024,
                       dma=False)[0].read_text()
    header = re.search(r"^module microcore_fabric\((.*?)\);", verilog, re.S | re.M).group(1)
    assert {port.strip() for port in header.split(",")} == lite


@pytest.mark.parametrize("make, error, message", [
    (lambda: Fabric(0), ValueError, "num_cores must be an integer in range 1..32, not 0"),
    (lambda: Fabric(abi.MAX_CORES + 1), ValueError, "num_cores must be an integer in range 1..32"),
    (lambda: Fabric(2.0), TypeError, "num_cores must be an integer in range 1..32, not 2.0"),
    (lambda: Fabric(2, 1000), ValueError, "mem_bytes must be a multiple of 4 in range"),
    (lambda: Fabric(2, 16 * 1024 + 2), ValueError, "mem_bytes must be a multiple of 4"),
    (lambda: Fabric(2, abi.MAX_MEM_BYTES * 2), ValueError, "mem_bytes must be a multiple of 4"),
    (lambda: Fabric(2, isa="rv64gc"), ValueError, "isa must be one of"),
    (lambda: Fabric(2, isa="rv32i", fast_mul=True), ValueError, "fast_mul needs the M extension"),
    (lambda: Fabric(2, fast_mul=1), TypeError, "fast_mul must be a bool, not 1"),
    (lambda: Fabric(2, lookahead=None), TypeError, "lookahead must be a bool, not None"),
    (lambda: Tile(2, 2, 16 * 1024), ValueError, "core_id must be an integer in range 0..1, not 2"),
    (lambda: PicoRV32(isa="rv32e"), ValueError, "isa must be one of"),
    (lambda: PicoRV32(PROGADDR_RESET=4), TypeError, "'PROGADDR_RESET' is not a tunable"),
    (lambda: PicoRV32(STACKADDR=-4), ValueError, "STACKADDR must be an integer in range"),
    (lambda: HostBridge(24, timeout=0), ValueError, "timeout must be an integer in range 1..65535"),
    (lambda: MailboxNet(0), ValueError, "num_cores must be an integer in range 1..32, not 0"),
    (lambda: MailboxRequestSignature(True), TypeError, "num_cores must be an integer"),
    (lambda: BusSignature(1), ValueError, "addr_width must be an integer in range 2..64, not 1"),
    (lambda: AxiLiteSignature(addr_width=24, data_width=16), ValueError, "data_width must be"),
    (lambda: Axi4Signature(data_width=48), ValueError, "data_width must be 32, 64 or 128, not 48"),
    (lambda: Axi4Signature(id_width=0), ValueError, "id_width must be an integer in range 1..8"),
    (lambda: Fabric(2, dma=1), TypeError, "dma must be a bool, not 1"),
    (lambda: DmaEngine(0, 16 * 1024), ValueError, "num_cores must be an integer in range 1..32"),
    (lambda: Fabric(2, shared_bytes=6), ValueError,
     "shared_bytes must be a multiple of 4 in range 0..1048576, not 6"),
    (lambda: Fabric(2, shared_bytes=abi.HOST_MAP["SHARED"].size + 4), ValueError,
     "shared_bytes must be a multiple of 4 in range 0..1048576, not 1048580"),
    (lambda: Fabric(2, shared_bytes=16.0), TypeError, "shared_bytes must be a multiple of 4"),
    (lambda: SharedMemory(1, 1024), ValueError, "num_ports must be an integer in range 2..33"),
    (lambda: SharedMemory(3, 0), ValueError, "size_bytes must be a multiple of 4 in range 4.."),
])
def test_argument_checks(make, error, message):
    with pytest.raises(error, match=re.escape(message)):
        make()


def test_picorv32_parameters():
    params = PicoRV32().parameters
    assert params["PROGADDR_RESET"] == abi.RESET_VECTOR
    assert params["PROGADDR_IRQ"] == abi.IRQ_VECTOR
    assert (params["COMPRESSED_ISA"], params["ENABLE_MUL"], params["ENABLE_DIV"]) == (1, 1, 1)
    fast = PicoRV32(isa="rv32im", fast_mul=True).parameters
    assert (fast["COMPRESSED_ISA"], fast["ENABLE_FAST_MUL"], fast["ENABLE_MUL"]) == (0, 1, 0)
    assert PicoRV32(isa="rv32i").parameters["ENABLE_DIV"] == 0
    assert PicoRV32(STACKADDR=0x1000).parameters["STACKADDR"] == 0x1000
    # Only the tile's line interrupts; traps always halt; no PicoRV32 counters or timer.
    assert params["MASKED_IRQ"] == 0xFFFF_FFFF ^ (1 << abi.Irq.LINE)
    assert (params["ENABLE_COUNTERS"], params["ENABLE_IRQ_TIMER"]) == (0, 0)
    assert (params["CATCH_MISALIGN"], params["CATCH_ILLINSN"], params["ENABLE_IRQ"]) == (1, 1, 1)
    with pytest.raises(TypeError, match="MASKED_IRQ"):
        PicoRV32(MASKED_IRQ=0)


def test_signatures_compare():
    assert AxiLiteSignature(addr_width=24) == AxiLiteSignature(addr_width=24)
    assert AxiLiteSignature(addr_width=24) != AxiLiteSignature(addr_width=16)
    assert repr(AxiLiteSignature(addr_width=24)) == \
        "AxiLiteSignature(addr_width=24, data_width=32)"
    iface = AxiLiteSignature(addr_width=12).create()
    assert iface.addr_width == 12 and len(iface.awaddr) == 12
    assert BusSignature(8) == BusSignature(8) != BusSignature(9)


def test_cli_offers_exactly_the_fabric_isas():
    from microcore import cli
    assert set(cli._ISAS) == set(ISAS)
