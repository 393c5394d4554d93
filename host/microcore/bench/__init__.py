"""Measurements of the VM on the simulated fabric (the seed of ``microcore bench``).

:mod:`microcore.bench.opcycles` times single bytecodes: cycles per bytecode on the RTL.
"""
