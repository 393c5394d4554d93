"""The ``%%microcore`` cell magic: run a notebook cell on the device cores.

Load it with ``%load_ext microcore``; then a cell starting with ::

    %%microcore --cores 4
    from parallel import coreid, numcores
    print("hello from core", coreid(), "of", numcores())

is compiled, loaded onto cores 0..3 and run; each core's output appears as ``[core K] ...``.
Options: ``--cores N`` (default: every core of the fabric), ``--only K`` (show only core K's
output), ``--backend sim|pynq`` (default as for ``microcore run``: the loaded overlay on a PYNQ
board, the simulated fabric elsewhere), ``--timeout SECONDS``, ``--stats``, ``--no-prefix``.

The fabric stays open between cells (building the simulated one takes a while the first time).
The last run's :class:`~microcore.runner.RunReport` is ``_microcore`` in the notebook.
"""

import argparse
import shlex
import sys

from . import backends

__all__ = ["load_ipython_extension", "run_cell", "close"]

_buses = {}


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _ArgumentError(f"%%microcore: {message}\n{self.format_usage()}")


def _parser():
    parser = _Parser(prog="%%microcore", add_help=False,
                     description="Run the cell on microcore's device cores.")
    parser.add_argument("--cores", type=int, default=None)
    parser.add_argument("--only", type=int, default=None)
    parser.add_argument("--backend", choices=backends.BACKENDS, default=None)
    parser.add_argument("--timeout", type=float, default=None)
    parser.add_argument("--stats", action="store_true")
    parser.add_argument("--no-prefix", action="store_true")
    return parser


def _bus(backend, cores):
    """The session's open bus for ``backend``, reopened larger if ``cores`` needs it."""
    from .device import Device
    bus = _buses.get(backend)
    if bus is not None and not bus.closed:
        if cores is None or cores <= Device(bus).info.num_cores:
            return bus
        bus.close()
    bus = _buses[backend] = backends.open_bus(backend, cores or backends.DEFAULT_SIM_CORES)
    return bus


def close():
    """Close the fabrics the magic opened."""
    for bus in _buses.values():
        bus.close()
    _buses.clear()


def run_cell(line, cell, stdout=None, stderr=None):
    """Run ``cell`` with the options in ``line``, as ``%%microcore line`` does.

    Parameters
    ----------
    line : str
        The magic's options.
    cell : str
        The program.
    stdout, stderr : file-like, optional
        Where the cores' output and the errors go (``sys.stdout``/``sys.stderr``).

    Returns
    -------
    microcore.runner.RunReport or None
        The report, or None if the options or the program were rejected (the reason is
        written to ``stderr``).
    """
    from .compiler import CompileError
    from .device import Device, DeviceError
    from .firmware import FirmwareError
    from .monitor import LineSink
    from .runner import run_source

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        args = _parser().parse_args(shlex.split(line))
    except _ArgumentError as exc:
        print(exc, file=stderr)
        return None
    sink = LineSink(stdout, prefix=not args.no_prefix, only=args.only)
    try:
        backend = args.backend or backends.default_backend()
        if backend == "virtual":
            report = run_source(cell, "<cell>", cores=args.cores or backends.DEFAULT_SIM_CORES,
                                backend=backend, timeout=args.timeout, sink=sink)
        else:
            bus = _bus(backend, args.cores)
            cores = args.cores or Device(bus).info.num_cores
            report = run_source(cell, "<cell>", cores=cores, bus=bus, timeout=args.timeout,
                                sink=sink)
    except CompileError as exc:
        print(exc, file=stderr)
        return None
    except (DeviceError, FirmwareError, ValueError, OSError) as exc:
        print(f"microcore: {exc}", file=stderr)
        return None
    for core, result in sorted(report.results.items()):
        if result.error is not None:
            for text in result.error.traceback():
                sink.line(core, text, stream=stderr)
        if result.fault is not None:
            sink.line(core, f"fault: {result.fault}", stream=stderr)
        if result.timed_out:
            sink.line(core, f"timed out after {args.timeout} s; core reset", stream=stderr)
    if args.stats:
        print(f"cycles from release to last halt: {report.cycles}; program "
              f"{report.program_bytes} bytes", file=stdout)
    return report


def load_ipython_extension(ipython):
    """Register ``%%microcore`` (called by ``%load_ext microcore``)."""

    def microcore(line, cell):
        report = run_cell(line, cell)
        if report is not None:
            ipython.user_ns["_microcore"] = report

    microcore.__doc__ = __doc__
    ipython.register_magic_function(microcore, magic_kind="cell", magic_name="microcore")
