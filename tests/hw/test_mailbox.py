"""Mailboxes under load: every pair of cores at once, on a 4-core fabric.

Runs ``programs/mailbox.c``: every core sends MSGS messages to every other core while receiving
theirs, and checks per sender that each message arrives once, complete and in order (sequence
numbers and payload words). Each core then rings the host's doorbell. Also measures the latency
of a one-word message from core 0 to core 1 in cycles.
"""

import cocotb
import pytest

from microcore import abi

from fabric_tb import TB, build_program, run

MSGS = 24
EXIT_OK = 0x600D_0000
DEFINES = {"MSGS": MSGS, "EXIT_OK": EXIT_OK, "EXIT_BAD_SEQ": 0xBAD5_0000,
           "EXIT_BAD_DATA": 0xBADD_0000}


@cocotb.test()
async def all_pairs_at_once(dut):
    import os
    from pathlib import Path

    tb = TB(dut)
    await tb.reset()
    n = tb.num_cores
    image = Path(os.environ["MC_PROGRAM"]).read_bytes()
    for core in range(n):
        await tb.load(core, image)
    everyone = (1 << n) - 1
    assert int(dut.irq.value) == 0
    await tb.set_reg("RUN_SET", everyone)
    await tb.wait_until(lambda: tb.reg("HALTED"), lambda v: v == everyone,
                        timeout_cycles=400_000, poll_cycles=200, what="every core to halt")
    assert await tb.reg("FAULTED") == 0
    for core in range(n):
        code = await tb.core_reg(core, "EXIT_CODE")
        assert code == EXIT_OK | core, f"core {core} exit {code:#x}"
        assert await tb.read(tb.shared_addr(64 * core)) == MSGS * (n - 1)
    # Every core rang the host's doorbell: one read shows them all, and irq is up.
    assert await tb.reg("HOST_RX") == everyone
    assert int(dut.irq.value) == 1
    await tb.set_reg("HOST_RX_ACK", everyone)
    assert await tb.reg("HOST_RX") == 0
    assert int(dut.irq.value) == 0

    sent_at = await tb.read(tb.shared_addr(64 * 0 + 4))
    seen_at = await tb.read(tb.shared_addr(64 * 1 + 4))
    read_cost = await tb.read(tb.shared_addr(64 * 1 + 8))
    latency = seen_at - sent_at
    end = max([await tb.read(tb.shared_addr(64 * core + 12)) for core in range(n)])
    dut._log.info(f"one-word message core 0 -> core 1: {latency} cycles from the sender's "
                  f"CYCLE_LO read before its store to the receiver's CYCLE_LO read after seeing "
                  f"MBOX_RX (one CYCLE_LO read costs {read_cost} cycles)")
    dut._log.info(f"{n * (n - 1) * MSGS} messages of {4 * 3} bytes between all pairs in "
                  f"{end} cycles")
    assert 0 < latency < 60


@pytest.mark.hw
def test_mailbox():
    program = build_program("mailbox", DEFINES)
    # The configuration of test_firmware_boot.py (one Verilator build for both).
    run("test_mailbox", "mailbox", num_cores=4, mem_bytes=64 * 1024,
        extra_env={"MC_PROGRAM": str(program)})
