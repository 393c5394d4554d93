"""Choosing and opening the fabric a program runs on."""

import os

__all__ = ["BACKENDS", "DEFAULT_SIM_CORES", "default_backend", "open_bus"]

#: Back ends that ``microcore run --backend`` accepts.
BACKENDS = ("sim",)

#: Cores in the simulated fabric unless a run asks for more: the PYNQ-Z2 configuration.
DEFAULT_SIM_CORES = 8


def default_backend():
    """``$MICROCORE_BACKEND`` if set, else the simulated fabric."""
    return os.environ.get("MICROCORE_BACKEND", "sim")


def open_bus(backend, cores):
    """Open a transport bus onto a fabric with at least ``cores`` device cores."""
    if backend == "sim":
        from .transport.sim import SimBus
        return SimBus(num_cores=max(cores, DEFAULT_SIM_CORES))
    raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
