"""Real RV32 programs on a 2-core fabric: boot, host messages, halt, faults, core-to-core mail.

The program is ``programs/scenarios.c``; the host picks each core's behaviour by writing a
scenario number into the core's HOST_IN slot before releasing it.
"""

import os
import random
from pathlib import Path

import cocotb
import pytest

from microcore import abi
from microcore.hw.tile import CTRL_RUN_BIT, features

from fabric_tb import TB, build_program, run

SCENARIOS = {name: number for number, name in enumerate((
    "BOOT", "LOAD_FAULT", "STORE_FAULT", "REMOTE_FORBIDDEN", "CSR_FORBIDDEN", "TRAP", "SPIN",
    "SEND", "RECV_IRQ", "COMPUTE"), start=1)}
EXIT_BOOT = 0xB007_0000
EXIT_SEND = 0x5E4D_0000
EXIT_RECV = 0x4ECF_0000
SEND_SEQ = 5
LOOP_COUNT = 1000
COMPUTE_WORDS = 64
M32 = 0xFFFF_FFFF
RUN_TIMEOUT = 40_000    # cycles


def send_word(i, core):
    return 0xC0DE_0000 ^ (i << 8) ^ core


PROGRAM_DEFINES = {
    **{f"SCENARIO_{name}": number for name, number in SCENARIOS.items()},
    "EXIT_BOOT": EXIT_BOOT, "EXIT_SEND": EXIT_SEND, "EXIT_RECV": EXIT_RECV,
    "EXIT_BAD_HOST_IN": 0xBAD0, "EXIT_FELL_THROUGH": 0xFA11,
    "SEND_SEQ": SEND_SEQ, "RECV_DELAY": 100, "LOOP_COUNT": LOOP_COUNT,
    "COMPUTE_WORDS": COMPUTE_WORDS,
    "SEND_WORD(i,core)": "(0xC0DE0000u^((i)<<8)^(core))",
}


def compute_model(words):
    """Python model of ``compute()`` in scenarios.c: returns (exit code, final buffer)."""
    h, out = 2166136261, []
    for word in words:
        h = ((h ^ word) * 16777619) & M32
        out.append(h)
    for i, word in enumerate(out):
        h = (h + word // (i + 1) + word % 7) & M32
    buf = bytearray(b"".join(word.to_bytes(4, "little") for word in out))
    for byte in buf:
        h = (h * 31 + byte) & M32
    buf[6:8] = (h & 0xFFFF).to_bytes(2, "little")
    buf[9] = (h >> 8) & 0xFF
    for i in range(4):
        h ^= (int.from_bytes(buf[6 + i:7 + i], "little", signed=True) << (8 * i)) & M32
    return h, bytes(buf)


async def boot(dut, scenarios):
    """Reset, load the program into every core, post ``scenarios`` {core: (name, arg)}."""
    tb = TB(dut)
    await tb.reset()
    image = Path(os.environ["MC_PROGRAM"]).read_bytes()
    for core in range(tb.num_cores):
        await tb.load(core, image)
        assert await tb.read(tb.ram_addr(core)) == int.from_bytes(image[:4], "little")
    for core, (name, arg) in scenarios.items():
        await post(tb, core, name, arg)
    return tb, image


async def post(tb, core, name, arg=0):
    payload = SCENARIOS[name].to_bytes(4, "little") + arg.to_bytes(4, "little")
    await tb.send_host_in(core, payload)
    assert (await tb.reg("HOST_TX")) & (1 << core)


async def wait_mask(tb, name, mask, what=None):
    return await tb.wait_until(lambda: tb.reg(name), lambda v: v & mask == mask,
                               timeout_cycles=RUN_TIMEOUT, what=what or f"{name} & {mask:#x}")


def mask_of(cores):
    return sum(1 << core for core in cores)


@cocotb.test()
async def boot_message_halt(dut):
    tb, image = await boot(dut, {0: ("BOOT", 0), 1: ("BOOT", 0)})
    both = mask_of(range(tb.num_cores))
    assert await tb.reg("RUNNING") == 0
    await tb.set_reg("RUN_SET", both)
    assert await tb.reg("RUNNING") == both
    for core in range(tb.num_cores):
        assert await tb.core_reg(core, "CTRL") == 1 << CTRL_RUN_BIT

    await wait_mask(tb, "HOST_RX", both, "both HOST_OUT messages")
    assert dut.irq.value == 1
    assert await tb.reg("HOST_TX") == 0, "cores acknowledge HOST_IN at start"
    for core in range(tb.num_cores):
        seq, tag, payload = await tb.read_host_out(core)
        words = [int.from_bytes(payload[i:i + 4], "little") for i in range(0, len(payload), 4)]
        assert (seq, tag, len(payload)) == (core + 1, abi.Service.USER, 24)
        core_id, cycles, fetches, num_cores, abi_hash, feature_bits = words
        assert (core_id, num_cores, abi_hash) == (core, tb.num_cores, abi.ABI_HASH)
        assert feature_bits == features(tb.isa, False, tb.shared_bytes, tb.dma)
        # INSTRET counts fetches: one per instruction of the word-aligned, uncompressed loop,
        # plus PicoRV32's fetch of the word after each taken branch.
        assert 2 * LOOP_COUNT <= fetches <= 3 * LOOP_COUNT + 8, fetches
        dut._log.info("core %d: %d-instruction loop took %d cycles (%.2f cycles/instruction) "
                      "and %d fetches", core, 2 * LOOP_COUNT, cycles, cycles / (2 * LOOP_COUNT),
                      fetches)
        assert 2 * 2 * LOOP_COUNT <= cycles <= 10 * 2 * LOOP_COUNT

    # Acknowledge one doorbell at a time; the halts follow each acknowledgement.
    await tb.set_reg("HOST_RX_ACK", 1 << 0)
    assert await tb.reg("HOST_RX") == both & ~1
    assert dut.irq.value == 1
    await wait_mask(tb, "HALTED", 1 << 0)
    assert (await tb.reg("HALTED")) & 2 == 0, "core 1 halted before its acknowledgement"
    await tb.set_reg("HOST_RX_ACK", 1 << 1)
    await wait_mask(tb, "HALTED", both)
    assert await tb.reg("HOST_RX") == 0
    assert dut.irq.value == 0
    assert await tb.reg("RUNNING") == 0
    assert await tb.reg("FAULTED") == 0

    for core in range(tb.num_cores):
        assert await tb.core_reg(core, "STATUS") == abi.Status.HALTED
        assert await tb.core_reg(core, "EXIT_CODE") == EXIT_BOOT | core
        assert await tb.core_reg(core, "FAULT_CAUSE") == abi.FaultCause.NONE
        assert 0 < await tb.core_reg(core, "LAST_PC") < len(image)
        counters = []
        for _ in range(2):
            counters.append([await tb.core_reg(core, name) for name in
                             ("CYCLE_LO", "CYCLE_HI", "INSTRET_LO", "INSTRET_HI")])
            await tb.cycles(50)
        assert counters[0] == counters[1], "counters run after halt"
        cycle, cycle_hi, instret, instret_hi = counters[0]
        assert cycle > LOOP_COUNT * 4 and instret > LOOP_COUNT * 2 and cycle > instret
        assert cycle_hi == instret_hi == 0

    # Releasing a halted core again clears its status and counters and restarts it.
    await post(tb, 0, "BOOT")
    await tb.set_reg("RUN_SET", 1 << 0)
    assert await tb.core_reg(0, "STATUS") == abi.Status.RUNNING
    assert await tb.core_reg(0, "EXIT_CODE") == 0
    assert await tb.core_reg(0, "CYCLE_LO") < cycle
    await wait_mask(tb, "HOST_RX", 1 << 0)
    await tb.set_reg("HOST_RX_ACK", 1 << 0)
    await wait_mask(tb, "HALTED", 1 << 0)
    assert await tb.core_reg(0, "EXIT_CODE") == EXIT_BOOT


@cocotb.test()
async def faults(dut):
    tb, _ = await boot(dut, {0: ("BOOT", 0), 1: ("LOAD_FAULT", 8)})
    ram_end = abi.CORE_MAP["RAM"].base + tb.mem_bytes
    await tb.set_reg("RUN_SET", 0b11)
    await wait_mask(tb, "FAULTED", 1 << 1)
    assert await tb.core_reg(1, "STATUS") == abi.Status.FAULT
    assert await tb.core_reg(1, "FAULT_CAUSE") == abi.FaultCause.UNMAPPED_LOAD
    assert await tb.core_reg(1, "FAULT_ADDR") == ram_end + 8
    assert await tb.core_reg(1, "LAST_PC") != 0
    # The other core is unaffected and halts normally.
    await wait_mask(tb, "HOST_RX", 1 << 0)
    await tb.set_reg("HOST_RX_ACK", 1 << 0)
    await wait_mask(tb, "HALTED", 1 << 0)
    assert await tb.reg("HALTED") == 1 << 0
    assert await tb.reg("FAULTED") == 1 << 1
    assert await tb.core_reg(0, "EXIT_CODE") == EXIT_BOOT
    frozen = await tb.core_reg(1, "CYCLE_LO")
    await tb.cycles(20)
    assert await tb.core_reg(1, "CYCLE_LO") == frozen

    remote = abi.CORE_MAP["REMOTE_MAILBOX"]
    cases = [
        ("STORE_FAULT", tb.shared_bytes + 0x40, abi.Status.FAULT, abi.FaultCause.UNMAPPED_STORE,
         abi.CORE_MAP["SHARED"].base + tb.shared_bytes + 0x40),
        ("REMOTE_FORBIDDEN", 0, abi.Status.FAULT, abi.FaultCause.FORBIDDEN,
         remote.address(0, abi.slot_offset(abi.Slot.HOST_IN))),
        ("REMOTE_FORBIDDEN", abi.MAX_CORES - 1, abi.Status.FAULT, abi.FaultCause.FORBIDDEN,
         remote.address(abi.MAX_CORES - 1, abi.slot_offset(abi.Slot.HOST_IN))),
        ("CSR_FORBIDDEN", 0, abi.Status.FAULT, abi.FaultCause.FORBIDDEN,
         abi.TILE_CSRS.address("CORE_ID")),
        ("CSR_FORBIDDEN", abi.DMA_REGS.DMA_STATUS, abi.Status.FAULT, abi.FaultCause.FORBIDDEN,
         abi.DMA_REGS.address("DMA_STATUS")),
        ("CSR_FORBIDDEN", 0x70, abi.Status.FAULT, abi.FaultCause.UNMAPPED_STORE,
         abi.CORE_MAP["CSR"].base + 0x70),
        ("TRAP", 0, abi.Status.TRAPPED, abi.FaultCause.TRAP, None),
        ("LOAD_FAULT", 0, abi.Status.FAULT, abi.FaultCause.UNMAPPED_LOAD, ram_end),
    ]
    # Core 0 keeps running through all of core 1's faults.
    await post(tb, 0, "SPIN")
    await tb.set_reg("RUN_SET", 1 << 0)
    for name, arg, status, cause, addr in cases:
        await post(tb, 1, name, arg)
        await tb.set_reg("RUN_SET", 1 << 1)
        await wait_mask(tb, "FAULTED", 1 << 1, f"{name} fault")
        assert await tb.core_reg(1, "STATUS") == status, name
        assert await tb.core_reg(1, "FAULT_CAUSE") == cause, name
        fault_addr = await tb.core_reg(1, "FAULT_ADDR")
        if addr is None:    # a trap reports the last fetch address
            addr = await tb.core_reg(1, "LAST_PC")
            assert addr != 0
        assert fault_addr == addr, f"{name}: {fault_addr:#x} != {addr:#x}"
        assert await tb.reg("RUNNING") == 1 << 0, f"core 0 stopped after core 1's {name}"
    spun = await tb.core_reg(0, "CYCLE_LO")
    await tb.set_reg("RUN_CLEAR", 1 << 0)
    assert spun > 1000 and await tb.reg("RUNNING") == 0

    # RUN_CLEAR stops a spinning core; its counters freeze and it is no longer RUNNING.
    await post(tb, 1, "SPIN")
    await tb.set_reg("RUN_SET", 1 << 1)
    await tb.cycles(200)
    assert await tb.reg("RUNNING") == 1 << 1
    assert await tb.reg("FAULTED") == 0
    await tb.set_core_reg(1, "CTRL", 0)
    assert await tb.reg("RUNNING") == 0
    assert await tb.core_reg(1, "STATUS") == 0
    frozen = await tb.core_reg(1, "CYCLE_LO")
    assert frozen > 200
    await tb.cycles(20)
    assert await tb.core_reg(1, "CYCLE_LO") == frozen
    await tb.set_reg("RUN_CLEAR", 1 << 0)
    assert await tb.core_reg(0, "CTRL") == 0


@cocotb.test()
async def core_to_core(dut):
    tb, _ = await boot(dut, {0: ("SEND", 1), 1: ("RECV_IRQ", 0)})
    await tb.set_reg("RUN_SET", 1 << 1)
    await tb.cycles(100)
    await tb.set_reg("RUN_SET", 1 << 0)

    async def host_traffic():
        """Host mailbox accesses contend with the cores' remote stores for the shared path."""
        addr = tb.mbox_addr(0, abi.Slot.CORE_IN_BASE + 1, abi.Slot.PAYLOAD_OFFSET)
        count = 0
        while not stop:
            await tb.write(addr, count)
            assert await tb.read(addr) == count
            count += 1
        return count

    stop = False
    traffic = cocotb.start_soon(host_traffic())
    await wait_mask(tb, "HALTED", 0b11, "both cores to halt")
    stop = True
    assert await traffic > 10
    assert await tb.reg("FAULTED") == 0
    assert await tb.core_reg(0, "EXIT_CODE") == EXIT_SEND | 0xF
    assert await tb.core_reg(1, "EXIT_CODE") == EXIT_RECV | (0 << 8) | 0x1F
    # The message is still in core 1's mailbox memory, in the slot reserved for core 0.
    slot = abi.Slot.CORE_IN_BASE + 0
    assert await tb.read(tb.mbox_addr(1, slot)) == abi.pack_header(SEND_SEQ, abi.CoreTag.USER, 16)
    for i in range(4):
        got = await tb.read(tb.mbox_addr(1, slot, abi.Slot.PAYLOAD_OFFSET + 4 * i))
        assert got == send_word(i, 0)
    assert await tb.reg("HOST_RX") == 0


@cocotb.test()
async def compute(dut):
    """Word/halfword/byte loads and stores, mul/div and compressed code, checked against a
    Python model (exercises the look-ahead and registered RAM paths)."""
    offset = 0x2000
    rng = random.Random(7)
    data = {core: [rng.getrandbits(32) for _ in range(COMPUTE_WORDS)] for core in range(2)}
    tb, _ = await boot(dut, {0: ("COMPUTE", offset), 1: ("COMPUTE", offset)})
    for core, words in data.items():
        await tb.write(tb.ram_addr(core, offset),
                       b"".join(word.to_bytes(4, "little") for word in words))
    await tb.set_reg("RUN_SET", 0b11)
    await wait_mask(tb, "HALTED", 0b11)
    for core, words in data.items():
        code, buf = compute_model(words)
        assert await tb.core_reg(core, "EXIT_CODE") == code, f"core {core}"
        got = await tb.axil.read(tb.ram_addr(core, offset), len(buf))
        assert got.data == buf, f"core {core} buffer"
    cycles = await tb.core_reg(0, "CYCLE_LO")
    fetches = await tb.core_reg(0, "INSTRET_LO")
    dut._log.info("compute: %d cycles, %d fetches", cycles, fetches)


@pytest.mark.hw
@pytest.mark.parametrize("lookahead", [True, False], ids=["lookahead", "registered"])
def test_tile_boot(lookahead):
    program = build_program("scenarios", PROGRAM_DEFINES)
    run("test_tile_boot", "boot", lookahead=lookahead, extra_env={"MC_PROGRAM": str(program)})
