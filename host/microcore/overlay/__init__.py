"""The PYNQ overlay of the microcore fabric: build flow, driver and simulated device.

- :mod:`.bitstream`: ``microcore bitstream``; writes the Vivado project (fabric Verilog and a
  block-design Tcl for the PYNQ-Z1/Z2) and runs Vivado when it is installed.
- :mod:`.driver`: :class:`MicrocoreOverlay` (a ``pynq.Overlay``) and :class:`MicrocoreIP`, the
  ``pynq.DefaultIP`` driver bound to the fabric's module-reference VLNV.
- :mod:`.simdevice`: :class:`SimDevice`, a ``pynq.Device`` backed by the simulated fabric.
- :mod:`.flash`: ``microcore flash``; loads the overlay on a board and checks the fabric.

The names that need ``pynq`` are imported on first use, so this package imports without it.
"""

__all__ = ["MicrocoreOverlay", "MicrocoreIP", "SimDevice", "VLNV", "BOARDS",
           "overlay_dir", "default_bitfile"]

from .boards import BOARDS, VLNV, default_bitfile, overlay_dir

_LAZY = {"MicrocoreOverlay": "driver", "MicrocoreIP": "driver", "SimDevice": "simdevice"}


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module
    return getattr(import_module(f"{__name__}.{module}"), name)
