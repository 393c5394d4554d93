"""The ``microcore`` command line."""

import argparse
import sys

from . import __version__, backends

__all__ = ["main"]


def _cmd_run(args):
    from .compiler import CompileError
    from .device import DeviceError
    from .firmware import FirmwareError
    from .monitor import LineSink
    from .runner import run_file

    sink = LineSink(prefix=not args.no_prefix, only=args.only)
    try:
        report = run_file(args.file, cores=args.cores, backend=args.backend,
                          timeout=args.timeout, sink=sink)
    except CompileError as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    except (DeviceError, FirmwareError, ValueError, OSError) as exc:
        print(f"microcore: {exc}", file=sys.stderr)
        return 1

    stuck = [core for core, result in sorted(report.results.items()) if result.waiting]
    if stuck:
        print(f"microcore: deadlock: cores {', '.join(map(str, stuck))} wait on each other or "
              f"on cores that have stopped; stopped them", file=sys.stderr)
    for core, result in sorted(report.results.items()):
        if result.error is not None:
            for line in result.error.traceback():
                sink.line(core, line, stream=sys.stderr)
        if result.fault is not None:
            sink.line(core, f"fault: {result.fault}", stream=sys.stderr)
        if result.waiting is not None:
            sink.line(core, f"deadlock: waiting in {result.waiting}", stream=sys.stderr)
        elif result.timed_out:
            # A virtual core's thread cannot be reset; it is abandoned (see microcore.virtual).
            what = ("core reset" if args.backend != "virtual" else
                    "stopped" if getattr(result, "reason", None) == "stopped by the host" else
                    "thread abandoned")
            sink.line(core, f"timed out after {args.timeout} s; {what}", stream=sys.stderr)
        elif result.exit_code is None and result.fault is None:
            sink.line(core, "stopped without halting", stream=sys.stderr)
        elif result.exit_code not in (0, 1) and result.error is None and result.waiting is None:
            reason = getattr(result, "reason", None)
            sink.line(core, f"firmware stopped with exit code {result.exit_code}"
                            + (f": {reason}" if reason else ""), stream=sys.stderr)
    if args.stats and args.backend == "virtual":
        print("wall time per virtual core (no cycle counters):", file=sys.stderr)
        for core, result in sorted(report.results.items()):
            print(f"  core {core}: {result.seconds:.3f} s", file=sys.stderr)
        print(f"program: {report.program_bytes} bytes; virtual cores (no firmware)",
              file=sys.stderr)
    elif args.stats:
        print(f"cycles from release to last halt: {report.cycles}", file=sys.stderr)
        for core, result in sorted(report.results.items()):
            print(f"  core {core}: {result.cycles} cycles, {result.instret} instructions fetched",
                  file=sys.stderr)
        print(f"program: {report.program_bytes} bytes; firmware: {report.firmware_bytes} bytes",
              file=sys.stderr)
    return 0 if report.ok else 1


def _cmd_bitstream(args):
    from .overlay.bitstream import main as bitstream_main
    return bitstream_main(args)


def _cmd_flash(args):
    from .overlay.flash import main as flash_main
    return flash_main(args)


#: PicoRV32 configurations the fabric can be built with (``microcore.hw.picorv32.ISAS``).
_ISAS = ("rv32i", "rv32im", "rv32imc")


def _add_fabric_options(parser):
    """The options that choose a fabric configuration, shared by the hardware commands."""
    parser.add_argument("--cores", type=int, default=8, help="device cores (default %(default)s)")
    parser.add_argument("--mem-kib", type=int, default=64,
                        help="local RAM per core in KiB (default %(default)s)")
    parser.add_argument("--isa", choices=_ISAS, default="rv32imc",
                        help="PicoRV32 instruction set (default %(default)s)")
    parser.add_argument("--fast-mul", action="store_true", help="single-cycle multipliers")
    parser.add_argument("--shared-kib", type=int, default=16,
                        help="shared on-chip memory in KiB, 0 for none (default %(default)s)")


def _parser():
    parser = argparse.ArgumentParser(prog="microcore", description=(
        "Run Python on many tiny PicoRV32 cores: on a PYNQ board's FPGA fabric, or on the RTL "
        "simulation of the same fabric."))
    parser.add_argument("--version", action="version", version=f"microcore {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run a Python file on every core",
                         description="Compile FILE, load it onto the cores, release them, "
                                     "print what they print as '[core K] text', and exit 0 "
                                     "once every core has halted cleanly.")
    run.add_argument("file", help="the Python program")
    run.add_argument("--cores", type=int, default=backends.DEFAULT_SIM_CORES,
                     help="device cores to run on (default %(default)s)")
    run.add_argument("--backend", choices=backends.BACKENDS, default=backends.default_backend(),
                     help="the fabric: 'sim' is the Verilator simulation of the RTL, "
                          "'virtual' runs each core as a host thread (default %(default)s, or "
                          "$MICROCORE_BACKEND)")
    run.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                     help="stop the run after this much host time and reset the cores "
                          "(virtual cores stop at their next print or parallel call; one that "
                          "only computes is abandoned)")
    run.add_argument("--no-prefix", action="store_true", help="print lines without '[core K] '")
    run.add_argument("--only", type=int, default=None, metavar="K",
                     help="show only core K's output")
    run.add_argument("--stats", action="store_true",
                     help="print cycle counts and image sizes to stderr after the run")
    run.set_defaults(handler=_cmd_run)

    bitstream = sub.add_parser(
        "bitstream", help="build the PYNQ overlay (Vivado)",
        description="Write a Vivado project of the overlay (the fabric's Verilog and the block "
                    "design for the board) and, if vivado is on PATH, build microcore.bit and "
                    "microcore.hwh in it. Without Vivado it stops after writing the project "
                    "and exits 1.")
    bitstream.add_argument("--board", choices=("pynq-z1", "pynq-z2"), default="pynq-z2",
                           help="target board (default %(default)s)")
    _add_fabric_options(bitstream)
    bitstream.add_argument("--dma", action="store_true",
                           help="connect the fabric's DMA master to HP0")
    bitstream.add_argument("--jobs", type=int, default=None, help="parallel synthesis jobs")
    bitstream.add_argument("--out", default=None, metavar="DIR",
                           help="project directory (default ./microcore-BOARD)")
    bitstream.set_defaults(handler=_cmd_bitstream)

    flash = sub.add_parser(
        "flash", help="load the overlay on a PYNQ board and check the fabric",
        description="On a PYNQ board: download BITFILE (default: the installed "
                    "microcore.bit) through pynq.Overlay, then read and print the fabric's "
                    "ID, version and configuration. Refuses a fabric built from another "
                    "contract.")
    flash.add_argument("bitfile", nargs="?", default=None, help="the .bit (its .hwh beside it)")
    flash.set_defaults(handler=_cmd_flash)

    est = sub.add_parser("estimate", help="FPGA resources of a fabric configuration",
                         description="Synthesise the fabric with Yosys (synth_xilinx, cached) "
                                     "and compare LUT, FF, block RAM and DSP use with the "
                                     "xc7z020 of the PYNQ-Z1/Z2.")
    _add_fabric_options(est)
    est.add_argument("--core-only", action="store_true", help="one PicoRV32 alone, as the "
                     "fabric configures it for --isa")
    est.add_argument("--no-dma", dest="dma", action="store_false",
                     help="leave out the DMA engine and its AXI4 master")
    est.add_argument("--json", action="store_true", help="print the result as JSON")
    est.set_defaults(handler=_cmd_estimate)
    return parser


def _cmd_estimate(args):
    import json

    from . import estimate

    try:
        if args.core_only:
            result = estimate.estimate_core(args.isa, fast_mul=args.fast_mul)
        else:
            result = estimate.estimate(args.cores, args.mem_kib * 1024, args.isa,
                                       fast_mul=args.fast_mul,
                                       shared_bytes=args.shared_kib * 1024, dma=args.dma)
    except (estimate.EstimateError, TypeError, ValueError) as exc:
        print(f"microcore: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(estimate.to_json(result), indent=2) if args.json
          else estimate.format_report(result))
    return 0


def main(argv=None):
    args = _parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
