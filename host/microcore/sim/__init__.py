"""Verilator simulation models of the fabric: building, caching and the C++ harness.

The bus over a model is :class:`microcore.transport.sim.SimBus`.
"""

from .build import BuildError, build_library, build_model, cache_root
from .toolchain import ToolchainError, ensure_verilator_on_path, find_toolchain

__all__ = ["BuildError", "build_library", "build_model", "cache_root", "ToolchainError",
           "ensure_verilator_on_path", "find_toolchain"]
