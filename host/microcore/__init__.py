"""microcore: Python on many tiny PicoRV32 soft cores, from the command line or host Python."""

__version__ = "0.1.0"


def load_ipython_extension(ipython):
    """Register the ``%%microcore`` cell magic (``%load_ext microcore``); see :mod:`.magic`."""
    from .magic import load_ipython_extension
    load_ipython_extension(ipython)
