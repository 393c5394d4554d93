"""Verilog for the fabric: the one source of HDL for simulation and for Vivado.

Usage: ``python -m microcore.hw.verilog --cores N --mem-kib M [--isa ISA] [--fast-mul]
[--no-lookahead] [--shared-kib S] [--no-dma] --out DIR``
"""

import argparse
from pathlib import Path

from amaranth.back import verilog

from .fabric import TOP_NAME, Fabric
from .picorv32 import ISAS, picorv32_verilog

__all__ = ["generate", "lint", "LINT_WAIVERS", "main"]

#: Verilator control file with the lint waivers, each naming its rule, file and reason.
LINT_WAIVERS = Path(__file__).with_name("lint.vlt")


def generate(out_dir, num_cores=8, mem_bytes=64 * 1024, isa="rv32imc", fast_mul=False, *,
             lookahead=True, shared_bytes=16 * 1024, dma=True):
    """Write ``microcore_fabric.v`` into ``out_dir`` and return every Verilog source needed.

    The result is ``[out_dir / "microcore_fabric.v", <picorv32.v from its Python package>]``.
    The top module is ``microcore_fabric`` with ports ``clk``, ``rst``, ``s_axil_*``,
    ``m_axi_*`` (with ``dma``) and ``irq``.
    """
    fabric = Fabric(num_cores, mem_bytes, isa, fast_mul, lookahead=lookahead,
                    shared_bytes=shared_bytes, dma=dma)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{TOP_NAME}.v"
    text = verilog.convert(fabric, name=TOP_NAME, emit_src=False)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return [path, Path(picorv32_verilog())]


def lint(out_dir, verilator="verilator", **config):
    """Generate the fabric's Verilog into ``out_dir`` and lint it with ``verilator -Wall``.

    ``config`` takes the keyword arguments of :func:`generate`. Warnings are waived only as
    :data:`LINT_WAIVERS` says; modules without a ``timescale`` get PicoRV32's.

    Returns
    -------
    subprocess.CompletedProcess
        Verilator's result; ``returncode`` is 0 when the design lints clean.
    """
    import subprocess

    sources = generate(out_dir, **config)
    argv = [verilator, "--lint-only", "-Wall", "--timescale", "1ns/1ps", "--top-module",
            TOP_NAME, str(LINT_WAIVERS), *map(str, sources)]
    return subprocess.run(argv, cwd=out_dir, capture_output=True, text=True)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m microcore.hw.verilog",
                                     description="Write the microcore fabric's Verilog.")
    parser.add_argument("--cores", type=int, default=8, help="number of cores (default 8)")
    parser.add_argument("--mem-kib", type=int, default=64,
                        help="local RAM per core in KiB (default 64)")
    parser.add_argument("--isa", choices=sorted(ISAS), default="rv32imc")
    parser.add_argument("--fast-mul", action="store_true", help="single-cycle multipliers")
    parser.add_argument("--no-lookahead", dest="lookahead", action="store_false",
                        help="registered RAM path only (shorter timing path, slower cores)")
    parser.add_argument("--shared-kib", type=int, default=16,
                        help="shared on-chip memory in KiB, 0 for none (default 16)")
    parser.add_argument("--no-dma", dest="dma", action="store_false",
                        help="leave out the DMA engine and its AXI4 master port")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    try:
        sources = generate(args.out, num_cores=args.cores, mem_bytes=args.mem_kib * 1024,
                           isa=args.isa, fast_mul=args.fast_mul, lookahead=args.lookahead,
                           shared_bytes=args.shared_kib * 1024, dma=args.dma)
    except (TypeError, ValueError) as error:
        parser.error(str(error))
    for source in sources:
        print(source)


if __name__ == "__main__":
    main()
