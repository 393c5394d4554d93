"""Golden disassembly: representative programs compile to exactly the recorded listings.

Set ``MICROCORE_REGEN_GOLDEN=1`` to rewrite the ``.dis.exp`` files after an intended change, and
review the diff.
"""

import os

import pytest

from microcore.bytecode.disasm import disassemble

from .util import HERE, compile_checked

GOLDEN = HERE / "golden"
PROGRAMS = sorted(GOLDEN.glob("*.py"))
REGEN = os.environ.get("MICROCORE_REGEN_GOLDEN") == "1"


def test_there_are_golden_programs():
    assert len(PROGRAMS) >= 4


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_golden_disassembly(path):
    image = compile_checked(path.read_text(), path.name)
    listing = disassemble(image)
    expected = path.with_suffix(".dis.exp")
    if REGEN:
        expected.write_text(listing)
    assert expected.exists(), f"{expected.name} missing; run with MICROCORE_REGEN_GOLDEN=1"
    assert listing == expected.read_text()
