"""The fabric's Verilog lints clean under ``verilator --lint-only -Wall``.

Only the waivers in ``hw/lint.vlt`` apply: upstream PicoRV32's style, and the idioms of
Amaranth's Verilog generator (each named there with its reason).
"""

import re

import pytest

from microcore.hw.verilog import LINT_WAIVERS, lint
from microcore.sim.toolchain import ensure_verilator_on_path


@pytest.mark.hw
@pytest.mark.parametrize("config", [
    dict(num_cores=2, mem_bytes=16 * 1024),
    dict(num_cores=3, mem_bytes=20 * 1024, isa="rv32im", fast_mul=True, shared_bytes=0,
         lookahead=False, dma=False),
], ids=["default", "variant"])
def test_lint_clean(tmp_path, config):
    ensure_verilator_on_path()
    result = lint(tmp_path, **config)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("%")]
    assert result.returncode == 0 and not warnings, "\n".join(warnings[:40])


def test_every_waiver_names_a_rule_and_a_file():
    rules = [line for line in LINT_WAIVERS.read_text().splitlines()
             if line and not line.startswith(("//", "`"))]
    assert rules
    for line in rules:
        assert re.fullmatch(r'lint_off -rule [A-Z]+ -file "\*(picorv32|microcore_fabric)\.v"',
                            line), line
