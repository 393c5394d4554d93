"""The microcore overlay: block-design Tcl, notebooks and, once built, microcore.bit/.hwh."""
