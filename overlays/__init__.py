"""microcore's PYNQ overlays, installed as ``microcore.overlays``.

Each overlay is a folder: ``microcore/`` holds the block-design Tcl, the notebooks and, once
built or copied in, ``microcore.bit`` and ``microcore.hwh``. This package is registered under
PYNQ's ``pynq.overlays`` entry point, so ``pynq.Overlay("microcore.bit")`` finds the bitstream.
"""
