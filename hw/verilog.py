"""Verilog for the fabric: the one source of HDL for simulation and for Vivado.

Usage: ``python -m microcore.hw.verilog --cores N --mem-kib M [--isa ISA] [--fast-mul]
[--no-lookahead] --out DIR``
"""

import argparse
from pathlib import Path

from amaranth.back import verilog

from .fabric import TOP_NAME, Fabric
from .picorv32 import ISAS, picorv32_verilog

__all__ = ["generate", "main"]


def generate(out_dir, num_cores=8, mem_bytes=64 * 1024, isa="rv32imc", fast_mul=False, *,
             lookahead=True):
    """Write ``microcore_fabric.v`` into ``out_dir`` and return every Verilog source needed.

    The result is ``[out_dir / "microcore_fabric.v", <picorv32.v from its Python package>]``.
    The top module is ``microcore_fabric`` with ports ``clk``, ``rst``, ``s_axil_*`` and
    ``irq``.
    """
    fabric = Fabric(num_cores, mem_bytes, isa, fast_mul, lookahead=lookahead)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{TOP_NAME}.v"
    text = verilog.convert(fabric, name=TOP_NAME, emit_src=False)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return [path, Path(picorv32_verilog())]


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
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    try:
        sources = generate(args.out, num_cores=args.cores, mem_bytes=args.mem_kib * 1024,
                           isa=args.isa, fast_mul=args.fast_mul, lookahead=args.lookahead)
    except (TypeError, ValueError) as error:
        parser.error(str(error))
    for source in sources:
        print(source)


if __name__ == "__main__":
    main()
