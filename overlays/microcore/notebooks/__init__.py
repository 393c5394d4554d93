"""Notebooks of the microcore overlay (registered under ``pynq.notebooks``)."""
