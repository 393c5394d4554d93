"""``microcore flash`` and the ``pynq`` backend: the overlay on a PYNQ board."""

import os
from pathlib import Path
import platform
import sys
import warnings

from .boards import VLNV

__all__ = ["on_board", "loaded_fabric", "open_loaded_bus", "flash", "main"]


def on_board():
    """Return whether this looks like a PYNQ board: an ARM Linux with an FPGA manager."""
    return (platform.machine() in ("armv7l", "aarch64")
            and os.path.isdir("/sys/class/fpga_manager/fpga0"))


def loaded_fabric():
    """Return ``(phys_addr, addr_range)`` of the fabric in the loaded overlay, or None.

    Off a board, or when PYNQ's loaded bitstream holds no microcore fabric, the answer is None.
    """
    if not on_board():
        return None
    try:
        from ..transport.pynq import import_pynq
        pynq = import_pynq()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ip_dict = pynq.PL.ip_dict
    except Exception:   # no overlay loaded yet, or PYNQ's state is unreadable
        return None
    for ip in ip_dict.values():
        if ip.get("type") == VLNV:
            return ip["phys_addr"], ip["addr_range"]
    return None


def open_loaded_bus():
    """Open a :class:`~microcore.transport.pynq.PynqBus` on the loaded overlay's fabric.

    Raises
    ------
    microcore.device.DeviceError
        Off a board, or when no microcore overlay is loaded.
    """
    from ..device import DeviceError
    found = loaded_fabric()
    if found is None:
        where = "the loaded overlay holds no microcore fabric; run `microcore flash`" \
            if on_board() else "this is not a PYNQ board"
        raise DeviceError(f"the pynq backend needs a board with the microcore overlay "
                           f"loaded: {where}")
    from ..transport.pynq import PynqBus
    base, size = found
    return PynqBus(base_addr=base, window_bytes=size)


def flash(bitfile=None, device=None, download=True, stream=None):
    """Load the overlay and report the fabric it holds.

    Parameters
    ----------
    bitfile : path-like, optional
        The bitstream (its ``.hwh`` beside it); the installed ``microcore.bit`` by default.
    device : pynq.Device, optional
        The device; the board by default.
    download : bool, optional
        Configure the FPGA (False: only open the overlay already loaded).
    stream : file-like, optional
        Where the report goes (``sys.stdout``).

    Returns
    -------
    MicrocoreOverlay
        The overlay, with the fabric checked.

    Raises
    ------
    microcore.device.DeviceError
        If the bitstream holds no fabric that answers, or one built from another contract.
    """
    from .driver import MicrocoreOverlay
    stream = stream or sys.stdout
    overlay = MicrocoreOverlay(None if bitfile is None else Path(bitfile), download=download,
                               device=device)
    info = overlay.info
    print(f"{overlay.bitfile_name}: {info}", file=stream)
    print(f"  fabric clock {overlay.fabric_clock_hz() / 1e6:g} MHz, window "
          f"{overlay.bus.base_addr:#010x}+{overlay.bus.window_bytes:#x}", file=stream)
    return overlay


def main(args, stream=None, err=None):
    """The ``microcore flash`` command; returns the exit status."""
    err = err or sys.stderr
    if not on_board():
        print("microcore: no PYNQ board here: `microcore flash` runs on a PYNQ-Z1/Z2 (copy the "
              "bitstream there, see docs/pynq.md); off the board use --backend sim",
              file=err)
        return 1
    from ..device import DeviceError
    try:
        flash(args.bitfile, stream=stream)
    except (DeviceError, OSError, ValueError, RuntimeError, ImportError) as exc:
        print(f"microcore: {exc}", file=err)
        return 1
    return 0
