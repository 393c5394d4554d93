"""How the host reaches the fabric: a 32-bit bus with simulated, mock and hardware backends.

:class:`Bus` is the interface the runtime uses; :class:`MockBus` serves unit tests and
:class:`SimBus` (imported on first use, since it builds a Verilator model) the simulator.
"""

from .base import Bus, BusError, BusTimeoutError, Resp
from .mock import MockBus, Transaction

__all__ = ["Bus", "BusError", "BusTimeoutError", "Resp", "MockBus", "Transaction", "SimBus",
           "SimulationError"]


def __getattr__(name):
    if name in ("SimBus", "SimulationError"):
        from . import sim
        return getattr(sim, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
