"""The microcore fabric's RTL, in Amaranth (imported as ``microcore.hw``).

- :mod:`.fabric` — :class:`~.fabric.Fabric`, the top level (Verilog module ``microcore_fabric``)
- :mod:`.tile` — one PicoRV32 with local RAM, mailbox memory and control registers
- :mod:`.picorv32` — the PicoRV32 Verilog instance
- :mod:`.host_bridge`, :mod:`.axi_lite` — the AXI4-Lite host port
- :mod:`.bus`, :mod:`.regs` — the internal request bus and register decoding
- :mod:`.global_regs` — the global registers
- :mod:`.mailbox_net` — the shared path into the tiles' mailbox memories
- :mod:`.shared_mem` — the shared on-chip memory and its round-robin arbiter
- :mod:`.dma`, :mod:`.axi` — the DMA engine and its AXI4 master to host memory
- :mod:`.verilog` — :func:`~.verilog.generate`, the one Verilog source for simulation and Vivado

Every address, register and bit comes from :mod:`microcore.abi`.
"""
