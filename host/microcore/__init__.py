"""microcore: Python on many tiny PicoRV32 soft cores, from the command line or host Python."""

__version__ = "0.1.0"
