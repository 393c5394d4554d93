"""Measurements of the VM on the simulated fabric (the seed of ``microcore bench``).

:mod:`microcore.bench.opcycles` times single bytecodes: cycles per bytecode on the RTL.
:mod:`microcore.bench.simspeed` measures the simulator: fabric cycles per second, and a host
call's round trip in cycles.
"""
