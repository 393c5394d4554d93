"""Write the fuzzer's seed corpus: every program of the repository's corpora, compiled.

    python make_seeds.py OUTDIR

Each ``*.py`` under ``tests/lang/programs``, ``tests/compiler/programs``, ``examples`` and
``firmware/fuzz/programs`` (dense programs of exception tables, dicts, keyword calls and floats
with host calls, written for the fuzzer) that compiles becomes ``OUTDIR/<corpus>-<name>.mcbc``
(programs the compiler rejects on purpose are skipped). Run with ``host/`` on ``PYTHONPATH``
(the Makefile does).
"""

import sys
from pathlib import Path

from microcore.compiler import CompileError, compile_file

ROOT = Path(__file__).resolve().parents[2]
#: Directory of each corpus, and the prefix of its seeds' names.
CORPORA = {"tests/lang/programs": "lang", "tests/compiler/programs": "compiler",
           "examples": "examples", "firmware/fuzz/programs": "fuzz"}


def main(outdir):
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = 0
    for corpus, prefix in CORPORA.items():
        for path in sorted((ROOT / corpus).glob("*.py")):
            try:
                image = compile_file(path)
            except CompileError:
                continue
            target = outdir / f"{prefix}-{path.stem}.mcbc"
            data = image.to_bytes()
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            written += 1
    if not written:
        sys.exit("make_seeds.py: no program compiled")
    print(f"{written} seed images in {outdir}")


if __name__ == "__main__":
    main(*sys.argv[1:])
