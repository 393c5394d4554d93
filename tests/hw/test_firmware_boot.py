"""The real firmware and a compiled Python program boot on a 4-core fabric and print.

This drives the same sequence as ``microcore run`` (hold, load firmware and bytecode, fill the
boot block, release, serve HOST_OUT, see HALTED), but through cocotbext-axi's AXI4-Lite master
on the RTL, so it checks the fabric, the firmware and the host's loading contract together.
"""

import os
import struct

import cocotb
import pytest

from microcore import abi
from microcore.bytecode import hostcalls
from microcore.monitor import _Channel

from fabric_tb import TB, run

RUN_TIMEOUT = 400_000     # cycles


@cocotb.test()
async def boot_and_print(dut):
    tb = TB(dut)
    await tb.reset()
    firmware = bytearray(open(os.environ["MC_FIRMWARE"], "rb").read())
    program = open(os.environ["MC_PROGRAM"], "rb").read()
    prog_base = int(os.environ["MC_PROG_BASE"])
    world = tb.num_cores
    B = abi.BootBlock
    struct.pack_into("<II", firmware, B.ADDR + B.PROG_BYTES, len(program), world)
    everyone = (1 << world) - 1

    await tb.set_reg("RUN_CLEAR", everyone)
    for core in range(world):
        await tb.load(core, firmware)
        await tb.write(tb.ram_addr(core, prog_base), program + bytes(-len(program) % 4))
    await tb.set_reg("RUN_SET", everyone)

    channels = {core: _Channel() for core in range(world)}
    text = {core: "" for core in range(world)}

    async def serve():
        pending = await tb.reg("HOST_RX")
        for core in range(world):
            if pending & (1 << core):
                seq, tag, payload = await tb.read_host_out(core)
                header = await tb.read(tb.mbox_addr(core, abi.Slot.HOST_OUT))
                await tb.set_reg("HOST_RX_ACK", 1 << core)
                message = channels[core].accept(core, header, payload + bytes(-len(payload) % 4))
                if message is not None:
                    assert message[0] == abi.Service.PRINT, f"unexpected service {message[0]}"
                    text[core] += hostcalls.print_text(message[1])     # print sends values
        return pending

    async def halted_and_drained():
        return (await tb.reg("HALTED")) == everyone and not await serve()

    await tb.wait_until(halted_and_drained, bool, timeout_cycles=RUN_TIMEOUT, poll_cycles=200,
                        what="both cores to print and halt")
    for core in range(world):
        assert text[core] == f"Hello world from core {core} of {world}\n"
        assert await tb.core_reg(core, "EXIT_CODE") == abi.ExitCode.OK
        assert await tb.core_reg(core, "CYCLE_LO") > 0
    assert await tb.reg("FAULTED") == 0


@pytest.mark.hw
def test_firmware_boot(tmp_path):
    from microcore.compiler import compile_file
    from microcore.firmware import load_firmware

    firmware = load_firmware()
    program = tmp_path / "hello.mcbc"
    program.write_bytes(compile_file(os.path.join(os.path.dirname(__file__), "..", "..",
                                                  "examples", "hello.py")).to_bytes())
    # 4 x 64 KiB: the configuration test_mailbox.py uses too (one Verilator build for both).
    run("test_firmware_boot", "firmware", num_cores=4, mem_bytes=64 * 1024,
        extra_env={"MC_FIRMWARE": str(firmware.path), "MC_PROGRAM": str(program),
                   "MC_PROG_BASE": str(firmware.boot.prog_base)})
