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

    for core, result in sorted(report.results.items()):
        if result.error is not None:
            for line in result.error.traceback():
                sink.line(core, line, stream=sys.stderr)
        if result.fault is not None:
            sink.line(core, f"fault: {result.fault}", stream=sys.stderr)
        if result.timed_out:
            sink.line(core, f"timed out after {args.timeout} s; core reset", stream=sys.stderr)
        elif result.exit_code is None and result.fault is None:
            sink.line(core, "stopped without halting", stream=sys.stderr)
        elif result.exit_code not in (0, 1) and result.error is None:
            sink.line(core, f"firmware stopped with exit code {result.exit_code}",
                      stream=sys.stderr)
    if args.stats:
        print(f"cycles from release to last halt: {report.cycles}", file=sys.stderr)
        for core, result in sorted(report.results.items()):
            print(f"  core {core}: {result.cycles} cycles, {result.instret} instructions fetched",
                  file=sys.stderr)
        print(f"program: {report.program_bytes} bytes; firmware: {report.firmware_bytes} bytes",
              file=sys.stderr)
    return 0 if report.ok else 1


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
                     help="the fabric: 'sim' is the Verilator simulation of the RTL "
                          "(default %(default)s, or $MICROCORE_BACKEND)")
    run.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                     help="stop the run after this much host time and reset the cores")
    run.add_argument("--no-prefix", action="store_true", help="print lines without '[core K] '")
    run.add_argument("--only", type=int, default=None, metavar="K",
                     help="show only core K's output")
    run.add_argument("--stats", action="store_true",
                     help="print cycle counts and image sizes to stderr after the run")
    run.set_defaults(handler=_cmd_run)
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
