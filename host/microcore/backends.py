"""Choosing and opening the fabric a program runs on."""

import os

__all__ = ["BACKENDS", "DEFAULT_SIM_CORES", "default_backend", "open_bus"]

#: Back ends that ``microcore run --backend`` accepts: ``sim`` (the simulated fabric),
#: ``pynq`` (the fabric of the microcore overlay loaded on a PYNQ board) and ``virtual`` (virtual
#: cores: the VM in host threads, no fabric; see ``microcore.virtual``).
BACKENDS = ("sim", "pynq", "virtual")

#: Cores in the simulated fabric unless a run asks for more: the PYNQ-Z2 configuration.
DEFAULT_SIM_CORES = 8


def default_backend():
    """``$MICROCORE_BACKEND`` if set; else ``pynq`` on a PYNQ board with the microcore overlay
    loaded; else the simulated fabric."""
    backend = os.environ.get("MICROCORE_BACKEND")
    if backend:
        return backend
    from .overlay.flash import loaded_fabric
    return "pynq" if loaded_fabric() is not None else "sim"


def open_bus(backend, cores):
    """Open a transport bus onto a fabric with at least ``cores`` device cores."""
    if backend == "sim":
        from .transport.sim import SimBus
        return SimBus(num_cores=max(cores, DEFAULT_SIM_CORES))
    if backend == "pynq":
        from .overlay.flash import open_loaded_bus
        return open_loaded_bus()
    if backend == "virtual":
        raise ValueError("virtual cores have no bus; run them with "
                         "microcore.runner.run_source(..., backend='virtual')")
    raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
