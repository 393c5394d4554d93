"""The shared on-chip memory under load: the host and every core hammer it at once.

Each core runs ``programs/shared.c`` (its own counter word, pattern block and byte lanes) while
the host writes and reads back its own region with random byte strobes and watches the cores'
counters only ever grow. Afterwards every word is checked against a model of the program.
"""

import os
import random
from pathlib import Path

import cocotb
import pytest

from microcore import abi
from microcore.hw.tile import features

from fabric_tb import TB, build_program, run

M32 = 0xFFFF_FFFF
ITERATIONS = 200
LAYOUT = {
    "COUNTER_OFFSET": 0x0,
    "LANE_OFFSET": 0x100,
    "LANE_BYTES": 16,
    "BLOCK_OFFSET": 0x400,
    "BLOCK_STRIDE": 0x100,
    "BLOCK_WORDS": 30,
}
HOST_OFFSET = LAYOUT["BLOCK_OFFSET"] + LAYOUT["BLOCK_STRIDE"] * abi.MAX_CORES
RUN_TIMEOUT = 400_000  # cycles


def pattern(core, i):
    return ((core << 24) ^ (i * 2654435761)) & M32


PROGRAM_DEFINES = {
    **LAYOUT,
    "ITERATIONS": ITERATIONS,
    "PATTERN(id,i)": "((((uint32_t)(id))<<24)^((uint32_t)(i)*2654435761u))",
}


def expected_block(core):
    """The pattern words a core leaves in its block: the last write to each."""
    words = {}
    for i in range(ITERATIONS):
        words[i % LAYOUT["BLOCK_WORDS"]] = pattern(core, i)
    return [words[k] for k in range(LAYOUT["BLOCK_WORDS"])]


def expected_lanes():
    lanes = {}
    for i in range(ITERATIONS):
        lanes[i % LAYOUT["LANE_BYTES"]] = i & 0xFF
    return bytes(lanes[k] for k in range(LAYOUT["LANE_BYTES"]))


@cocotb.test()
async def host_and_cores_hammer(dut):
    tb = TB(dut)
    await tb.reset()
    assert tb.shared_bytes > HOST_OFFSET, "the shared memory is too small for this test"
    assert await tb.reg("SHARED_BYTES") == tb.shared_bytes
    assert await tb.reg("FEATURES") & abi.Feature.SHARED_MEM
    image = Path(os.environ["MC_PROGRAM"]).read_bytes()
    everyone = (1 << tb.num_cores) - 1

    # Leftovers from the host would hide a core that never counts: fill with junk, then zero
    # what the cores read-modify-write.
    await tb.write(tb.shared_addr(0), bytes(range(256)) * 4)
    await tb.write(tb.shared_addr(LAYOUT["COUNTER_OFFSET"]), bytes(4 * abi.MAX_CORES))
    for core in range(tb.num_cores):
        await tb.load(core, image)

    await tb.set_reg("RUN_SET", everyone)
    rng = random.Random(3)
    host_words = (tb.shared_bytes - HOST_OFFSET) // 4
    shadow = {}
    last_counts = [0] * tb.num_cores
    accesses = 0
    while await tb.reg("HALTED") != everyone:
        assert await tb.reg("FAULTED") == 0
        for _ in range(8):
            word = rng.randrange(host_words)
            addr = tb.shared_addr(HOST_OFFSET + 4 * word)
            if rng.random() < 0.3:
                lane = rng.randrange(4)
                value = rng.getrandbits(8)
                await tb.write(addr + lane, bytes([value]))
                old = shadow.get(word, await tb.read(addr))
                shadow[word] = (old & ~(0xFF << 8 * lane) | value << 8 * lane) & M32
            else:
                shadow[word] = rng.getrandbits(32)
                await tb.write(addr, shadow[word])
            assert await tb.read(addr) == shadow[word], f"host word {word}"
            accesses += 2
        for core in range(tb.num_cores):
            count = await tb.read(tb.shared_addr(LAYOUT["COUNTER_OFFSET"] + 4 * core))
            assert last_counts[core] <= count <= ITERATIONS, f"core {core} counter {count}"
            last_counts[core] = count
        if tb.dut.irq.value:    # no core sends mail; nothing may ring
            raise AssertionError("unexpected doorbell")
    assert 0 < sum(last_counts), "the host never saw a core count (the run was too short)"
    dut._log.info("host: %d shared-memory accesses while the cores ran", accesses)

    assert await tb.reg("FAULTED") == 0
    for core in range(tb.num_cores):
        assert await tb.core_reg(core, "EXIT_CODE") == 0, f"core {core} read-back mismatches"
        assert await tb.read(tb.shared_addr(LAYOUT["COUNTER_OFFSET"] + 4 * core)) == ITERATIONS
        base = LAYOUT["BLOCK_OFFSET"] + LAYOUT["BLOCK_STRIDE"] * core
        got = (await tb.axil.read(tb.shared_addr(base), 4 * (2 + LAYOUT["BLOCK_WORDS"]))).data
        words = [int.from_bytes(got[i:i + 4], "little") for i in range(0, len(got), 4)]
        assert words[0] == tb.shared_bytes, f"core {core} SHARED_BYTES CSR"
        assert words[1] == features(tb.isa, False, tb.shared_bytes, tb.dma), f"core {core} FEATURES"
        assert words[2:] == expected_block(core), f"core {core} block"
        lanes = LAYOUT["LANE_OFFSET"] + LAYOUT["LANE_BYTES"] * core
        got = (await tb.axil.read(tb.shared_addr(lanes), LAYOUT["LANE_BYTES"])).data
        assert got == expected_lanes(), f"core {core} byte lanes"
        cycles = await tb.core_reg(core, "CYCLE_LO")
        dut._log.info("core %d: %d iterations in %d cycles", core, ITERATIONS, cycles)
    for word, value in shadow.items():
        assert await tb.read(tb.shared_addr(HOST_OFFSET + 4 * word)) == value
    # Counters of cores that do not exist were never touched.
    for core in range(tb.num_cores, abi.MAX_CORES):
        assert await tb.read(tb.shared_addr(LAYOUT["COUNTER_OFFSET"] + 4 * core)) == 0
    # The last word answers; the word after it does not.
    last = tb.shared_addr(tb.shared_bytes - 4)
    await tb.write(last, 0x5A5A_A5A5)
    assert await tb.read(last) == 0x5A5A_A5A5
    assert (await tb.read_raw(last + 4))[1] == 3  # DECERR


@pytest.mark.hw
def test_shared(tmp_path):
    program = build_program("shared", PROGRAM_DEFINES)
    run("test_shared", "shared", num_cores=4, mem_bytes=16 * 1024,
        extra_env={"MC_PROGRAM": str(program)})
