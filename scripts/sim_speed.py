#!/usr/bin/env python3
"""Measure the simulated fabric's speed: cycles per second and the cost of one bus access.

Every core's RAM gets a one-instruction program, ``j .`` (an endless loop), so released cores
keep fetching and executing; the script times ``advance`` with all cores held in reset and
with all of them running, then times single ``read32`` calls.

Usage: ``python scripts/sim_speed.py [--cores N] [--mem-kib M] [--isa ISA] [--cycles C]
[--rebuild]``
"""

import argparse
import time

from microcore import abi
from microcore.transport.sim import SimBus

#: RV32 ``jal x0, 0``: jump to itself.
LOOP_FOREVER = 0x0000_006F


def rate(bus, cycles):
    start = time.perf_counter()
    bus.advance(cycles)
    return cycles / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cores", type=int, default=8)
    parser.add_argument("--mem-kib", type=int, default=64)
    parser.add_argument("--isa", default="rv32imc")
    parser.add_argument("--cycles", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the model first")
    args = parser.parse_args()

    if args.rebuild:
        from microcore.sim import build_model
        start = time.perf_counter()
        build_model(args.cores, args.mem_kib * 1024, args.isa, rebuild=True)
        print(f"build: {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    bus = SimBus(args.cores, args.mem_kib * 1024, args.isa)
    print(f"open (cached model): {time.perf_counter() - start:.2f} s")
    regs = abi.GLOBAL_REGS
    mask = (1 << args.cores) - 1
    for core in range(args.cores):
        bus.write32(abi.HOST_MAP["CORE_RAM"].address(core, abi.RESET_VECTOR), LOOP_FOREVER)

    held = rate(bus, args.cycles)
    bus.write32(regs.address("RUN_SET"), mask)
    bus.advance(1000)
    running = bus.read32(regs.address("RUNNING"))
    if running != mask:
        raise SystemExit(f"RUNNING is {running:#x} after RUN_SET {mask:#x}; the loop did not start")
    released = rate(bus, args.cycles)
    instret = bus.read32(abi.CORE_CTRL_REGS.address("INSTRET_LO", 0))

    scratch = regs.address("SCRATCH")
    n = 20_000
    c0 = bus.cycles
    start = time.perf_counter()
    for _ in range(n):
        bus.read32(scratch)
    per_read = (time.perf_counter() - start) / n
    cycles_per_read = (bus.cycles - c0) / n

    lib, handle = bus._lib, bus._handle
    start = time.perf_counter()
    for _ in range(n):
        lib.mc_cycles(handle)
    per_call = (time.perf_counter() - start) / n

    print(f"fabric: {args.cores} cores, {args.mem_kib} KiB, {args.isa}")
    print(f"advance({args.cycles}), cores held in reset: {held / 1e6:.3f} M cycles/s")
    print(f"advance({args.cycles}), {args.cores} cores running 'j .': "
          f"{released / 1e6:.3f} M cycles/s ({instret} instructions on core 0)")
    print(f"read32: {per_read * 1e6:.2f} us per call, {cycles_per_read:.1f} simulated cycles; "
          f"bare ctypes call {per_call * 1e6:.2f} us")
    bus.close()


if __name__ == "__main__":
    main()
