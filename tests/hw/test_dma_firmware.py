"""Firmware moves data between the simulated host DDR and local RAM through the DMA runtime.

Runs ``programs/dma.c`` (with ``firmware/runtime/dma.c``) on every core of the simulated
fabric (the Verilator model of :class:`microcore.transport.sim.SimBus` with its DDR model), all
cores at once, and checks the bytes in host memory, the status of each transfer and its cycle
count.
"""

import random

import pytest

from microcore import abi
from microcore.transport.sim import SimBus

from fabric_tb import build_program

NUM_CORES = 2
MEM_BYTES = 16 * 1024
DDR_BASE = 0x1000_0000
DDR_BYTES = 1 << 20
LEN = 8189
HEAD = 3
DEFINES = {"HOST_SRC": DDR_BASE + 0x1_0000, "HOST_DST": DDR_BASE + 0x8_0000,
           "HOST_STRIDE": 0x1_0000, "HEAD": HEAD, "LEN": LEN, "BAD_HOST": 0x0800_0000,
           "RESULT_WORDS": 16}
S = abi.DmaStatus


@pytest.mark.hw
def test_firmware_dma_roundtrip():
    image = build_program("dma", DEFINES, runtime=["dma.c"]).read_bytes()
    image += bytes(-len(image) % 4)
    words = [int.from_bytes(image[i:i + 4], "little") for i in range(0, len(image), 4)]
    rng = random.Random(3)
    with SimBus(NUM_CORES, MEM_BYTES, verbose=False) as bus:
        ddr = bus.host_memory
        ddr.configure(DDR_BASE, DDR_BYTES)
        assert (ddr.base, ddr.size) == (DDR_BASE, DDR_BYTES)
        sources = {}
        for core in range(NUM_CORES):
            src = DEFINES["HOST_SRC"] + core * DEFINES["HOST_STRIDE"]
            sources[core] = rng.randbytes(LEN + HEAD + 8)
            ddr.write(src, sources[core])
            bus.write_block(abi.HOST_MAP["CORE_RAM"].address(core), words)
        guard = rng.randbytes(8)
        for core in range(NUM_CORES):
            dst = DEFINES["HOST_DST"] + core * DEFINES["HOST_STRIDE"]
            ddr.write(dst, guard)
            ddr.write(dst + HEAD + LEN, guard)
        all_cores = (1 << NUM_CORES) - 1
        bus.write32(abi.GLOBAL_REGS.address("RUN_SET"), all_cores)
        for _ in range(200):
            bus.advance(1000)
            if bus.read32(abi.GLOBAL_REGS.address("HALTED")) == all_cores:
                break
        assert bus.read32(abi.GLOBAL_REGS.address("HALTED")) == all_cores
        assert bus.read32(abi.GLOBAL_REGS.address("FAULTED")) == 0

        for core in range(NUM_CORES):
            assert bus.read32(abi.CORE_CTRL_REGS.address("EXIT_CODE", core)) == 0
            base = abi.HOST_MAP["SHARED"].address(0, 4 * DEFINES["RESULT_WORDS"] * core)
            r = bus.read_block(base, 9)
            assert r[0] == 1, "FEATURES lacks DMA"
            assert r[1] == S.DONE and r[3] == S.DONE, f"core {core}: {r[1]:#x} {r[3]:#x}"
            assert r[5] == S.DONE | S.ERR_RANGE and r[6] == S.DONE | S.ERR_RANGE
            assert r[7] == S.DONE | S.ERR_BUS and r[8] == 1
            dst = DEFINES["HOST_DST"] + core * DEFINES["HOST_STRIDE"]
            expect = bytes(b ^ ((core + 1 + i) & 0xFF) if i % 61 == 0 else b
                           for i, b in enumerate(sources[core][HEAD:HEAD + LEN]))
            assert ddr.read(dst + HEAD, LEN) == expect
            assert ddr.read(dst, HEAD) == guard[:HEAD]
            assert ddr.read(dst + HEAD + LEN, 8) == guard
            # Both cores ran at once, so a transfer may wait for the other core's; the
            # slower one still moves its 8 KiB at several bytes per cycle.
            print(f"core {core}: copy in {LEN} bytes in {r[2]} cycles "
                  f"({LEN / r[2]:.2f} B/cycle), out in {r[4]} cycles ({LEN / r[4]:.2f} B/cycle)")
            assert r[2] < 2 * (LEN // 8) + 400 and r[4] < 2 * (LEN // 8) + 400
        assert ddr.read_beats >= NUM_CORES * (LEN // 8)
        assert ddr.write_beats >= NUM_CORES * (LEN // 8)
