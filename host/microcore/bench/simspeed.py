"""Simulator speed: fabric cycles per second of the Verilated fabric on this machine.

``python -m microcore.bench.simspeed`` builds (or takes from the cache) the simulated fabric
and runs two programs on all its cores, each in a fresh fabric:

* ``hello``: ``examples/hello.py`` (every core prints one line); mostly boot and host traffic;
* ``busy``: a loop of integer arithmetic that talks to the host only at the end, so the clock
  loop itself dominates.

For each it prints the fabric cycles the run took (loading included: every bus access runs the
clock), the host's wall time and the process's CPU time, and the cycles per second by both. The
machine may be shared, so the CPU-time figure is the one to compare between runs; wall time
shows what a user waits. ``docs/architecture.md`` (the simulator section) records the figures.

``--hostcall`` measures a host call's round trip instead (a core calls ``math.exp``, which the
monitor serves): the core's cycles per call, and how many of them the host's side took (its
bus accesses; the monitor reacts to the doorbell in the same cycle, see
``SimBus.advance_until_irq``). ``--where`` adds where core 0 spends those cycles: a sample of
its ``LAST_PC`` register every 32 cycles, by firmware function (it needs
``firmware/build/rv32/firmware.elf`` and ``riscv64-unknown-elf-nm``).
"""

import argparse
import bisect
import collections
import io
from pathlib import Path
import subprocess
import sys
import time

from ..monitor import LineSink

__all__ = ["PROGRAMS", "HOSTCALL", "measure", "measure_hostcall", "main"]

_HELLO = Path(__file__).resolve().parents[3] / "examples" / "hello.py"

#: Benchmark programs: name -> source.
PROGRAMS = {
    "hello": (_HELLO.read_text() if _HELLO.is_file() else
              'from parallel import coreid, numcores\n'
              'print("Hello world from core " + str(coreid()) + " of " + str(numcores()))\n'),
    "busy": ("from parallel import coreid\n"
             "total = 0\n"
             "for i in range(3000):\n"
             "    total = (total + i * 7 + coreid()) % 100003\n"
             "print(total)\n"),
}


def measure(source, cores=8, repeat=1, **bus_options):
    """Run ``source`` on ``cores`` cores of a fresh simulated fabric, ``repeat`` times.

    Returns
    -------
    dict
        ``cycles`` (fabric cycles of the best run, loading included), ``wall`` and ``cpu``
        (seconds of that run), and ``outputs`` (the lines printed).
    """
    from ..runner import run_source
    from ..transport.sim import SimBus

    best = None
    for _ in range(repeat):
        with SimBus(num_cores=cores, verbose=False, **bus_options) as bus:
            out = io.StringIO()
            start_cycles = bus.cycles
            wall, cpu = time.perf_counter(), time.process_time()
            report = run_source(source, "<bench>", cores=cores, bus=bus,
                                sink=LineSink(out, prefix=True))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            cycles = bus.cycles - start_cycles
        if not report.ok:
            raise RuntimeError(f"benchmark program failed: {report.results}")
        run = {"cycles": cycles, "wall": wall, "cpu": cpu, "outputs": out.getvalue()}
        if best is None or run["cpu"] < best["cpu"]:
            best = run
    return best


#: The host-call program: ``{n}`` calls of a host-served function.
HOSTCALL = ("import math\n"
            "for i in range({n}):\n"
            "    x = math.exp(1.0)\n"
            "print(x)\n")


def _symbols():
    elf = Path(__file__).resolve().parents[3] / "firmware" / "build" / "rv32" / "firmware.elf"
    try:
        text = subprocess.run(["riscv64-unknown-elf-nm", "-n", str(elf)], capture_output=True,
                              text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [(int(f[0], 16), f[2]) for f in map(str.split, text.splitlines())
            if len(f) == 3 and f[1] in "tTwW"]


def _run_counted(source, where):
    """Run ``source`` on core 0 of a fresh fabric; return its cycles, the harness's counters
    over the run, and (with ``where``) a Counter of sampled program counters."""
    from ..monitor import Monitor
    from ..runner import run_source
    from ..transport.sim import SimBus

    samples = collections.Counter()
    advance = Monitor._advance

    def sampling_advance(self, cycles):
        # Stop every 32 cycles to read core 0's LAST_PC (a run of its own: the reads add
        # host-port accesses).
        bus, left = self.bus, cycles
        while left > 0 and not bus.irq:
            left -= bus.advance_until_irq(min(32, left))
            if not bus.irq:
                samples[self.device.status(0).last_pc] += 1

    if where:
        Monitor._advance = sampling_advance
    try:
        with SimBus(verbose=False) as bus:
            report = run_source(source, "<bench>", cores=1, bus=bus,
                                sink=LineSink(io.StringIO()))
            stats = bus.profile()
    finally:
        Monitor._advance = advance
    if not report.ok:
        raise RuntimeError(f"benchmark program failed: {report.results}")
    return report.results[0].cycles, stats, samples


def measure_hostcall(calls=20, where=False):
    """Measure one host call's round trip on the simulated fabric.

    Runs :data:`HOSTCALL` with 1 and ``1 + calls`` calls and divides the differences.

    Returns
    -------
    dict
        ``cycles``: core cycles per call; ``host_cycles``: of those, the cycles the host's
        bus accesses ran; ``host_reads``, ``host_writes``: accesses per call; ``where``: a
        list of (function, share) of core 0's sampled program counter, by share (empty
        without ``where``).
    """
    one, s1, _ = _run_counted(HOSTCALL.format(n=1), False)
    many, s2, _ = _run_counted(HOSTCALL.format(n=1 + calls), False)
    samples = _run_counted(HOSTCALL.format(n=1 + calls), True)[2] if where else {}
    result = {"cycles": (many - one) / calls}
    for key in ("host_reads", "host_writes", "host_access_cycles"):
        result[key] = (s2[key] - s1[key]) / calls
    result["host_cycles"] = result.pop("host_access_cycles")
    spots = collections.Counter()
    symbols = _symbols() if samples else []
    addresses = [a for a, _ in symbols]
    for pc, n in samples.items():
        i = bisect.bisect_right(addresses, pc) - 1
        spots[symbols[i][1] if i >= 0 else f"{pc:#x}"] += n
    total = sum(spots.values()) or 1
    result["where"] = [(name, n / total) for name, n in spots.most_common()]
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m microcore.bench.simspeed",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--cores", type=int, default=8, help="device cores (default 8)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per program; the one with the least CPU time counts")
    parser.add_argument("--hostcall", action="store_true",
                        help="measure a host call's round trip in cycles instead")
    parser.add_argument("--where", action="store_true",
                        help="with --hostcall: where core 0 spends the cycles")
    parser.add_argument("programs", nargs="*", metavar="PROGRAM",
                        help=f"programs to run: {', '.join(PROGRAMS)} (default: all)")
    args = parser.parse_args(argv)
    for name in args.programs:
        if name not in PROGRAMS:
            parser.error(f"unknown program {name!r}; choose from {', '.join(PROGRAMS)}")
    from ..sim.build import build_model
    build_model(args.cores)                     # build outside the measurement
    if args.hostcall:
        run = measure_hostcall(where=args.where)
        print(f"host call round trip: {run['cycles']:.0f} cycles, of which the host's "
              f"{run['host_reads']:.0f} reads and {run['host_writes']:.0f} writes took "
              f"{run['host_cycles']:.0f}")
        for name, share in run["where"][:20]:
            print(f"  {100 * share:5.1f} %  {name}")
        return 0
    print(f"{'program':8} {'cycles':>10} {'wall s':>8} {'cpu s':>8} "
          f"{'Mcyc/s wall':>12} {'Mcyc/s cpu':>11}")
    for name in args.programs or PROGRAMS:
        run = measure(PROGRAMS[name], args.cores, args.repeat)
        print(f"{name:8} {run['cycles']:>10} {run['wall']:>8.3f} {run['cpu']:>8.3f} "
              f"{run['cycles'] / run['wall'] / 1e6:>12.2f} "
              f"{run['cycles'] / run['cpu'] / 1e6:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
