"""The DMA engine (``hw/dma.py``) against cocotbext-axi's ``AxiRam`` as host memory.

The engine is simulated alone: the testbench plays the cores (their request registers), their
64-bit local RAMs (one Python ``bytearray`` each, with the block RAM's one-cycle read latency)
and the host, whose RAM accesses (``host_busy``) take the RAM ports away at random. Transfers
of random lengths and alignments, in both directions and from several cores at once, are
compared byte for byte; the throughput of large transfers is measured in cycles.
"""

import logging
import os
import random

import cocotb
import pytest
from cocotb.clock import Clock
from cocotb.triggers import ClockCycles, Event, RisingEdge
from cocotbext.axi import AxiBus, AxiRam

from microcore import abi

from fabric_tb import BUILD, random_pattern, run_design

NUM_CORES = 3
MEM_BYTES = 16 * 1024
#: Each core's private window of host memory (so concurrent transfers never overlap).
HOST_BASE = 0x1000_0000
HOST_WINDOW = 0x8000
DDR_BYTES = NUM_CORES * HOST_WINDOW


class DmaTB:
    """Clock, reset, host memory, local RAMs and the cores' request registers."""

    def __init__(self, dut, *, seed=0, ram=True):
        self.dut = dut
        self.rng = random.Random(seed)
        self.num_cores = int(os.environ["MC_NUM_CORES"])
        self.mem_bytes = int(os.environ["MC_MEM_BYTES"])
        Clock(dut.clk, 10, unit="ns").start()
        if ram:
            self.ddr = AxiRam(AxiBus.from_prefix(dut, "m_axi_"), dut.clk, dut.rst,
                              size=1 << 32)
            logging.getLogger(f"cocotb.{dut._name}.m_axi_").setLevel(logging.WARNING)
        self.local = [bytearray(self.rng.randbytes(self.mem_bytes))
                      for _ in range(self.num_cores)]
        self.req = 0
        self.to_host = 0
        self.busy_pattern = None
        self.results = {}
        self.events = [Event() for _ in range(self.num_cores)]
        self.ram_writes = 0
        self.cycle = 0

    def backpressure(self, seed):
        """Random host RAM use and random stalls on every AXI channel."""
        self.busy_pattern = random_pattern(seed)
        for n, channel in enumerate((self.ddr.write_if.aw_channel, self.ddr.write_if.w_channel,
                                     self.ddr.write_if.b_channel, self.ddr.read_if.ar_channel,
                                     self.ddr.read_if.r_channel)):
            channel.set_pause_generator(random_pattern(seed * 10 + n))

    async def reset(self):
        dut = self.dut
        dut.req.value = 0
        dut.req_bad.value = 0
        dut.req_to_host.value = 0
        dut.host_busy.value = 0
        dut.ram_rdata.value = 0
        dut.rst.value = 1
        await ClockCycles(dut.clk, 4)
        dut.rst.value = 0
        cocotb.start_soon(self._cores())
        await ClockCycles(dut.clk, 2)

    async def _cores(self):
        """Each cycle: perform the engine's RAM access, record ends, drive the requests."""
        dut = self.dut
        while True:
            await RisingEdge(dut.clk)
            self.cycle += 1
            en = int(dut.ram_en.value)
            busy = int(dut.host_busy.value)
            if en:
                assert en & (en - 1) == 0, f"ram_en {en:#b} is not one-hot"
                assert not busy, "the engine used a RAM port while the host did"
                core = en.bit_length() - 1
                word = int(dut.ram_addr.value)
                ram = self.local[core]
                assert 8 * word < self.mem_bytes
                if int(dut.ram_we.value):
                    strobes = int(dut.ram_wstrb.value)
                    data = int(dut.ram_wdata.value).to_bytes(8, "little")
                    for lane in range(8):
                        if strobes >> lane & 1:
                            ram[8 * word + lane] = data[lane]
                            self.ram_writes += 1
                else:
                    dut.ram_rdata.value = int.from_bytes(ram[8 * word:8 * word + 8], "little")
            done = int(dut.done.value)
            if done:
                core = done.bit_length() - 1
                assert self.req >> core & 1, f"done for core {core}, which did not ask"
                self.results[core] = (int(dut.err_range.value), int(dut.err_bus.value),
                                      self.cycle)
                self.req &= ~(1 << core)
                self.events[core].set()
            dut.req.value = self.req
            dut.req_to_host.value = self.to_host
            dut.host_busy.value = next(self.busy_pattern) if self.busy_pattern else 0

    async def transfer(self, core, host, local, length, to_host, *, bad=False):
        """Post a request from ``core`` and wait for its end; return (err_range, err_bus,
        cycles from the request to the end)."""
        dut = self.dut
        getattr(dut, f"req_host__{core}").value = host
        getattr(dut, f"req_local__{core}").value = local
        getattr(dut, f"req_len__{core}").value = length
        dut.req_bad.value = (int(dut.req_bad.value) & ~(1 << core)) | (int(bad) << core)
        self.events[core].clear()
        start = self.cycle
        self.to_host = (self.to_host & ~(1 << core)) | (int(to_host) << core)
        self.req |= 1 << core
        await self.events[core].wait()
        err_range, err_bus, end = self.results[core]
        return err_range, err_bus, end - start


def random_transfer(rng, core, mem_bytes, max_len):
    length = rng.choice([rng.randrange(1, 17), rng.randrange(1, max_len)])
    local = rng.randrange(0, mem_bytes - length + 1)
    host = HOST_BASE + core * HOST_WINDOW + rng.randrange(0, HOST_WINDOW // 8 - max_len // 8
                                                          - 2) * 8 + local % 8
    return host, local, length, rng.random() < 0.5


async def check_transfers(tb, core, count, max_len):
    for _ in range(count):
        host, local, length, to_host = random_transfer(tb.rng, core, tb.mem_bytes, max_len)
        ddr_before = tb.ddr.read(host - 16, length + 32)
        local_before = bytes(tb.local[core])
        err_range, err_bus, _ = await tb.transfer(core, host, local, length, to_host)
        assert (err_range, err_bus) == (0, 0), f"{host:#x} {local:#x} {length} {to_host}"
        ddr_after = tb.ddr.read(host - 16, length + 32)
        if to_host:
            expect = ddr_before[:16] + local_before[local:local + length] + ddr_before[-16:]
            assert ddr_after == expect, f"host memory wrong after {length} bytes to host"
            assert tb.local[core] == local_before
        else:
            expect = local_before[:local] + ddr_before[16:16 + length] + \
                local_before[local + length:]
            diff = [i - local for i in range(len(expect)) if tb.local[core][i] != expect[i]]
            assert not diff, (f"local RAM wrong after {length} bytes from host {host:#x} to "
                              f"{local:#x}: offsets {diff[:16]}")
            assert ddr_after == ddr_before


@cocotb.test()
@cocotb.parametrize(seed=[1, 2])
async def random_transfers_all_cores(dut, seed):
    """Every core runs random transfers at once, under random back-pressure everywhere."""
    tb = DmaTB(dut, seed=seed)
    tb.ddr.write(HOST_BASE, tb.rng.randbytes(DDR_BYTES))
    tb.backpressure(seed)
    await tb.reset()
    tasks = [cocotb.start_soon(check_transfers(tb, core, 25, 1500))
             for core in range(tb.num_cores)]
    for task in tasks:
        await task


@cocotb.test()
async def throughput(dut):
    """Large transfers without back-pressure approach 8 bytes per cycle."""
    tb = DmaTB(dut)
    tb.ddr.write(HOST_BASE, tb.rng.randbytes(DDR_BYTES))
    await tb.reset()
    for length in (4096, 8192, tb.mem_bytes):
        for to_host in (False, True):
            host = HOST_BASE
            _, _, cycles = await tb.transfer(0, host, 0, length, to_host)
            rate = length / cycles
            direction = "local -> host" if to_host else "host -> local"
            dut._log.info(f"DMA {direction}, {length} bytes: {cycles} cycles, "
                          f"{rate:.2f} bytes/cycle")
            assert tb.ddr.read(HOST_BASE, length) == bytes(tb.local[0][:length])
            # Bursts of 16 beats with several in flight: only a fixed start-up cost remains.
            assert cycles <= length // 8 + 40, f"{direction}: {cycles} cycles for {length} bytes"


@cocotb.test()
async def rejected_requests(dut):
    """Requests outside the core's RAM, past 4 GiB or misaligned end with ERR_RANGE at once."""
    tb = DmaTB(dut)
    await tb.reset()
    before = [bytes(ram) for ram in tb.local]
    m = tb.mem_bytes
    cases = [
        (HOST_BASE, m - 8, 16, False, False),       # local range past the RAM
        (HOST_BASE, m, 8, True, False),             # starts at the end of the RAM
        (HOST_BASE + 1, 0, 8, False, False),        # host and local differ modulo 8
        (0xFFFF_FFF8, 8, 16, False, False),         # host range past 4 GiB
        (HOST_BASE, 0, 8, True, True),              # DMA_LOCAL/DMA_LEN had high bits set
    ]
    for core, (host, local, length, to_host, bad) in enumerate(cases * 1):
        core %= tb.num_cores
        err_range, err_bus, cycles = await tb.transfer(core, host, local, length, to_host,
                                                       bad=bad)
        assert (err_range, err_bus) == (1, 0), (host, local, length)
        assert cycles < 10
    # A zero-length transfer ends at once, without an error.
    assert (await tb.transfer(0, HOST_BASE, 0, 0, False))[:2] == (0, 0)
    # The largest legal transfer ends exactly at the RAM's end.
    assert (await tb.transfer(1, HOST_BASE + 8, 8, m - 8, False))[:2] == (0, 0)
    assert tb.local[1][8:] == tb.ddr.read(HOST_BASE + 8, m - 8)
    assert [bytes(ram) for ram in tb.local][0] == before[0]
    assert [bytes(ram) for ram in tb.local][2] == before[2]


async def error_slave(dut, resp, count):
    """A minimal AXI4 subordinate that answers every burst with ``resp`` (2: SLVERR)."""
    dut.m_axi__arready.value = 1
    dut.m_axi__awready.value = 1
    dut.m_axi__wready.value = 1
    dut.m_axi__rvalid.value = 0
    dut.m_axi__bvalid.value = 0
    reads, writes = [], 0
    beat = 0
    while True:
        await RisingEdge(dut.clk)
        if int(dut.m_axi__arvalid.value):
            reads.append(int(dut.m_axi__arlen.value) + 1)
            count["ar"] += 1
        if int(dut.m_axi__awvalid.value):
            count["aw"] += 1
        if int(dut.m_axi__wvalid.value) and int(dut.m_axi__wlast.value):
            writes += 1
        if int(dut.m_axi__rvalid.value) and int(dut.m_axi__rready.value):
            beat += 1
            if beat == reads[0]:
                reads.pop(0)
                beat = 0
        if int(dut.m_axi__bvalid.value) and int(dut.m_axi__bready.value):
            writes -= 1
        dut.m_axi__rvalid.value = int(bool(reads))
        dut.m_axi__rlast.value = int(bool(reads) and beat == reads[0] - 1)
        dut.m_axi__rresp.value = resp
        dut.m_axi__rdata.value = 0x5A5A_5A5A_5A5A_5A5A
        dut.m_axi__bvalid.value = int(writes > 0)
        dut.m_axi__bresp.value = resp


@cocotb.test()
async def bus_errors(dut):
    """SLVERR on reads and writes ends the transfer with ERR_BUS; nothing reaches local RAM."""
    tb = DmaTB(dut, ram=False)
    count = {"ar": 0, "aw": 0}
    cocotb.start_soon(error_slave(dut, 2, count))
    await tb.reset()
    before = bytes(tb.local[0])
    assert (await tb.transfer(0, HOST_BASE + 4, 4, 300, False))[:2] == (0, 1)
    assert tb.local[0] == before and tb.ram_writes == 0
    assert count["ar"] == 3         # 38 beats from beat 0: 16 + 16 + 6
    assert (await tb.transfer(0, HOST_BASE, 0, 1024, True))[:2] == (0, 1)
    assert count["aw"] == 8
    # The next request works normally again (the error bits belong to one transfer).
    assert (await tb.transfer(1, HOST_BASE, 0, 0, True))[:2] == (0, 0)


@pytest.mark.hw
def test_dma():
    from amaranth.back import verilog

    from microcore.hw.dma import DmaEngine

    name = f"dma_{NUM_CORES}c_{MEM_BYTES // 1024}k"
    rtl = BUILD / name / "rtl" / "dma_engine.v"
    rtl.parent.mkdir(parents=True, exist_ok=True)
    text = verilog.convert(DmaEngine(NUM_CORES, MEM_BYTES), name="dma_engine", emit_src=False)
    if not rtl.exists() or rtl.read_text() != text:
        rtl.write_text(text)
    run_design("test_dma", "dma", name, [rtl], "dma_engine",
               {"MC_NUM_CORES": str(NUM_CORES), "MC_MEM_BYTES": str(MEM_BYTES)})
