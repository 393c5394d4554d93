"""``microcore bitstream``: the Vivado project of the overlay, and Vivado run over it.

:func:`write_project` writes a self-contained directory: the fabric's Verilog (from
:func:`microcore.hw.verilog.generate`, the same generator the simulator uses), the block-design
script ``build.tcl`` from ``overlays/microcore/`` and a ``config.tcl`` with the parameters.
:func:`run_vivado` runs ``vivado -mode batch`` in it, reports the phases as they start and the
worst negative slack, and leaves ``microcore.bit`` and ``microcore.hwh`` in the directory. The
directory can be copied to any machine with Vivado and built there with
``vivado -mode batch -source build.tcl``.
"""

from dataclasses import dataclass
import os
from pathlib import Path
import shutil
import subprocess
import sys
import time

from .. import abi
from ..transport.pynq import DEFAULT_BASE_ADDR
from .boards import BOARDS, overlay_dir

__all__ = ["BuildResult", "BitstreamError", "write_project", "run_vivado", "find_vivado",
           "tcl_quote", "FCLK_MHZ"]

#: The fabric's clock in the overlay.
FCLK_MHZ = 100
_MARK = "MICROCORE: "


class BitstreamError(RuntimeError):
    """Vivado is missing, failed, or did not produce the bitstream."""


@dataclass
class BuildResult:
    """What a Vivado run produced.

    Attributes
    ----------
    bitfile, hwh : pathlib.Path
        The bitstream and its hardware handoff, side by side.
    wns : float or None
        Worst negative slack of the routed design in ns (negative: timing is not met).
    log : pathlib.Path
        Vivado's full output.
    """
    bitfile: Path
    hwh: Path
    wns: float
    log: Path


def tcl_quote(value):
    """Return ``value`` as one Tcl word, braced so no substitution happens inside it."""
    text = str(value)
    if "{" in text or "}" in text or "\\" in text:
        raise ValueError(f"cannot quote {text!r} for Tcl")
    return "{" + text + "}"


def write_project(out_dir, board="pynq-z2", num_cores=8, mem_bytes=64 * 1024, isa="rv32imc",
                  fast_mul=False, shared_bytes=16 * 1024, dma=False, jobs=None):
    """Write a complete Vivado project directory for the overlay.

    Parameters
    ----------
    out_dir : path-like
        The directory to fill (created if needed).
    board : {"pynq-z1", "pynq-z2"}
        The target board.
    num_cores, mem_bytes, isa, fast_mul, shared_bytes
        The fabric's configuration, as for :func:`microcore.hw.verilog.generate`.
    dma : bool, optional
        Connect the fabric's AXI4 master to the PS's HP0 port (needs a fabric generator that
        builds one).
    jobs : int, optional
        Parallel synthesis jobs; the number of CPUs by default.

    Returns
    -------
    pathlib.Path
        ``out_dir``, holding ``build.tcl``, ``config.tcl`` and ``rtl/``.

    Raises
    ------
    ValueError
        For an unknown board or a configuration the generator rejects.
    BitstreamError
        If the fabric generator (the ``sim`` extra: Amaranth) is not installed, or it cannot
        build the DMA master.
    """
    if board not in BOARDS:
        raise ValueError(f"board must be one of {', '.join(sorted(BOARDS))}, not {board!r}")
    try:
        from ..hw.verilog import generate
    except ImportError as exc:
        raise BitstreamError(f"generating the fabric's Verilog needs Amaranth and PicoRV32 "
                             f"({exc}); install microcore with the 'sim' extra") from exc
    # The generator's default has the DMA master; without --dma the fabric is built without
    # it, so that no m_axi port is left unconnected in the block design.
    options = {"dma": bool(dma)}
    out_dir = Path(out_dir).resolve()
    rtl = out_dir / "rtl"
    rtl.mkdir(parents=True, exist_ok=True)
    sources = []
    for path in generate(rtl, num_cores=num_cores, mem_bytes=mem_bytes, isa=isa,
                         fast_mul=fast_mul, shared_bytes=shared_bytes, **options):
        path = Path(path)
        target = rtl / path.name
        if path.resolve() != target.resolve():
            shutil.copyfile(path, target)
        sources.append(target.relative_to(out_dir).as_posix())
    shutil.copyfile(overlay_dir() / "build.tcl", out_dir / "build.tcl")
    part = BOARDS[board].part
    settings = {
        "mc_board": board,
        "mc_part": part,
        "mc_sources": " ".join(tcl_quote(s) for s in sources),
        "mc_dma": int(bool(dma)),
        "mc_base": f"0x{DEFAULT_BASE_ADDR:08X}",
        "mc_range": f"{(1 << abi.HOST_WINDOW_BITS) >> 20}M",
        "mc_fclk_mhz": FCLK_MHZ,
        "mc_jobs": jobs or os.cpu_count() or 1,
    }
    lines = [f"# Written by `microcore bitstream`: {num_cores} cores x {mem_bytes // 1024} KiB, "
             f"{isa}{', fast multiplier' if fast_mul else ''}{', DMA on HP0' if dma else ''}.",
             f"# Contract {abi.ABI_HASH:#010x}. Build: vivado -mode batch -nojournal "
             f"-source build.tcl"]
    for key, value in settings.items():
        word = f"[list {value}]" if key == "mc_sources" else tcl_quote(value)
        lines.append(f"set {key} {word}")
    (out_dir / "config.tcl").write_text("\n".join(lines) + "\n")
    return out_dir


def find_vivado():
    """Return the path of ``vivado`` on ``PATH``, or None."""
    return shutil.which("vivado")


def run_vivado(project_dir, vivado=None, stream=None):
    """Run ``build.tcl`` in ``project_dir`` with Vivado in batch mode.

    Parameters
    ----------
    project_dir : path-like
        A directory written by :func:`write_project`.
    vivado : str, optional
        The Vivado executable; found on ``PATH`` by default.
    stream : file-like, optional
        Where progress goes (``sys.stderr`` by default): one line per phase, Vivado's errors
        and critical warnings, and the timing summary.

    Returns
    -------
    BuildResult

    Raises
    ------
    BitstreamError
        If Vivado is not found, exits with an error, or leaves no bitstream.
    """
    stream = stream or sys.stderr
    project_dir = Path(project_dir).resolve()
    vivado = vivado or find_vivado()
    if vivado is None:
        raise BitstreamError("vivado is not on PATH")
    log = project_dir / "vivado.log"
    cmd = [vivado, "-mode", "batch", "-nojournal", "-log", str(log), "-source",
           str(project_dir / "build.tcl")]
    start = time.monotonic()
    wns = None
    errors = []
    with subprocess.Popen(cmd, cwd=project_dir, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors="replace") as proc:
        for line in proc.stdout:
            line = line.rstrip("\n")
            if line.startswith(_MARK):
                kind, _, rest = line[len(_MARK):].partition(" ")
                elapsed = time.monotonic() - start
                if kind == "phase":
                    print(f"[{elapsed // 60:3.0f}:{elapsed % 60:02.0f}] {rest}", file=stream,
                          flush=True)
                elif kind == "wns":
                    wns = float(rest)
            elif line.startswith(("ERROR:", "CRITICAL WARNING:")):
                print(f"  {line}", file=stream, flush=True)
                if line.startswith("ERROR:"):
                    errors.append(line)
    if proc.returncode:
        detail = errors[-1] if errors else f"exit status {proc.returncode}"
        raise BitstreamError(f"vivado failed: {detail} (full log: {log})")
    bitfile, hwh = project_dir / "microcore.bit", project_dir / "microcore.hwh"
    for path in (bitfile, hwh):
        if not path.is_file():
            raise BitstreamError(f"vivado finished without writing {path} (log: {log})")
    if wns is not None:
        verdict = "met" if wns >= 0 else "NOT met: the fabric may misbehave at 100 MHz"
        print(f"timing {verdict} (worst negative slack {wns:+.3f} ns)", file=stream)
    return BuildResult(bitfile, hwh, wns, log)


def main(args, stream=None):
    """The ``microcore bitstream`` command; returns the exit status.

    Parameters
    ----------
    args : argparse.Namespace
        ``board``, ``cores``, ``mem_kib``, ``isa``, ``fast_mul``, ``shared_kib``, ``dma``,
        ``jobs``, ``out``.
    stream : file-like, optional
        Where messages go (``sys.stderr``).
    """
    stream = stream or sys.stderr
    out = Path(args.out) if args.out else Path(f"microcore-{args.board}")
    try:
        project = write_project(out, board=args.board, num_cores=args.cores,
                                mem_bytes=args.mem_kib * 1024, isa=args.isa,
                                fast_mul=args.fast_mul, shared_bytes=args.shared_kib * 1024,
                                dma=args.dma, jobs=args.jobs)
    except (BitstreamError, ValueError, TypeError) as exc:
        print(f"microcore: {exc}", file=stream)
        return 1
    print(f"wrote the Vivado project for {args.board} ({args.cores} cores x {args.mem_kib} KiB, "
          f"{args.isa}) to {project}", file=stream)
    if find_vivado() is None:
        print(f"microcore: vivado is not on PATH, so no bitstream was built. The project is "
              f"complete: on a machine with Vivado run\n"
              f"    cd {project} && vivado -mode batch -nojournal -source build.tcl\n"
              f"and copy microcore.bit and microcore.hwh to the board (docs/pynq.md).",
              file=stream)
        return 1
    try:
        result = run_vivado(project, stream=stream)
    except BitstreamError as exc:
        print(f"microcore: {exc}", file=stream)
        return 1
    print(f"built {result.bitfile} and {result.hwh}", file=stream)
    return 0
