"""Facts about the boards and the overlay that the build flow, driver and tests share."""

from pathlib import Path

__all__ = ["Board", "BOARDS", "VLNV", "MODULE_NAME", "CELL_NAME", "overlay_dir",
           "default_bitfile"]

#: The fabric's top module (see ``hw/fabric.py``) and its VLNV as a Vivado module reference.
MODULE_NAME = "microcore_fabric"
VLNV = f"xilinx.com:module_ref:{MODULE_NAME}:1.0"
#: The fabric's cell in the block design, and so its name in the overlay.
CELL_NAME = "microcore_0"


class Board:
    """A supported PYNQ board.

    Parameters
    ----------
    name : str
        The name used on the command line (``pynq-z2``).
    part : str
        The FPGA part.
    ddr_part : str
        The DDR3 part the processing system is configured for.
    """

    def __init__(self, name, part, ddr_part):
        self.name = name
        self.part = part
        self.ddr_part = ddr_part

    def __repr__(self):
        return f"Board({self.name!r}, {self.part!r}, {self.ddr_part!r})"


#: Boards ``microcore bitstream --board`` accepts. Both carry an xc7z020clg400-1 and 512 MB of
#: 16-bit DDR3; their PS settings are in ``ps7_ddr_config`` in ``overlays/microcore/build.tcl``.
BOARDS = {
    "pynq-z1": Board("pynq-z1", "xc7z020clg400-1", "MT41K256M16 RE-125"),
    "pynq-z2": Board("pynq-z2", "xc7z020clg400-1", "MT41K256M16 RE-125"),
}


def overlay_dir():
    """The directory holding the overlay's Tcl, notebooks and (when built) bitstream.

    That is ``overlays/microcore/`` in a source checkout, installed as the package data of
    ``microcore.overlays``.
    """
    import importlib.util
    spec = importlib.util.find_spec("microcore.overlays")
    if spec is not None and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0]) / "microcore"
    return Path(__file__).resolve().parents[3] / "overlays" / "microcore"


def default_bitfile():
    """The ``microcore.bit`` shipped with (or built into) the installed package."""
    return overlay_dir() / "microcore.bit"
