"""Run a Python program on device cores: compile, load, release, monitor.

This is what ``microcore run FILE`` does; it is also usable from Python::

    from microcore.runner import run_file
    report = run_file("examples/hello.py", cores=4)
    assert report.ok
"""

from dataclasses import dataclass
from pathlib import Path

from . import backends
from .compiler import compile_source
from .device import Device
from .firmware import load_firmware
from .monitor import LineSink, Monitor

__all__ = ["RunReport", "run_source", "run_file"]


@dataclass
class RunReport:
    """The outcome of a run."""
    results: dict            # {core: monitor.CoreResult}
    program_bytes: int
    firmware_bytes: int

    @property
    def ok(self):
        return all(r.ok for r in self.results.values())

    @property
    def cycles(self):
        """Cycles from the common release of the cores to the last halt."""
        return max((r.cycles for r in self.results.values()), default=0)


def run_source(source, filename="<string>", cores=8, backend="sim", timeout=None, sink=None,
               bus=None, input_stream=None):
    """Compile ``source`` and run it on ``cores`` device cores; return a :class:`RunReport`.

    Raises ``microcore.compiler.CompileError`` before any core is touched if the program is
    outside the supported subset, and ``microcore.device.ProgramTooLarge`` if it does not fit.
    ``bus`` runs on an already open transport instead of opening ``backend``. ``input()``
    reads lines from ``input_stream`` (default: ``sys.stdin``).

    ``backend="virtual"`` runs on ``cores`` virtual cores (host threads running the VM, see
    :mod:`microcore.virtual`) instead of a fabric; ``firmware_bytes`` is then 0.
    """
    if not isinstance(cores, int) or cores < 1:
        raise ValueError(f"cores must be a positive integer, not {cores!r}")
    image = compile_source(source, filename)
    program = image.to_bytes()
    if backend == "virtual":
        if bus is not None:
            raise ValueError("virtual cores run on no bus; pass bus only with a device back end")
        from .virtual import run_image
        results = run_image(image, cores, sink=sink or LineSink(), timeout=timeout,
                            input_stream=input_stream)
        return RunReport(results, len(program), 0)
    firmware = load_firmware()
    own_bus = bus is None
    if own_bus:
        bus = backends.open_bus(backend, cores)
    try:
        device = Device(bus)
        if cores > device.info.num_cores:
            raise ValueError(f"cores must be at most {device.info.num_cores} on this fabric, "
                             f"not {cores}")
        ids = list(range(cores))
        device.load(ids, firmware, program, world_size=cores)
        monitor = Monitor(device, ids, image, sink or LineSink(), input_stream=input_stream)
        device.release(ids)
        results = monitor.run(timeout=timeout)
    finally:
        if own_bus:
            bus.close()
    return RunReport(results, len(program), len(firmware.image))


def run_file(path, **kwargs):
    """Like :func:`run_source`, for the program in the file at ``path``."""
    path = Path(path)
    return run_source(path.read_text(), str(path), **kwargs)
