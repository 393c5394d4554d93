"""``microcore estimate``: the Yosys statistics parser, the fit rule and the report.

The real synthesis runs take minutes and are marked ``slow``; they run only with
``MICROCORE_SLOW=1``. The rest works on canned ``stat -json`` output.
"""

import json
import os

import pytest

from microcore import estimate as est
from microcore.cli import main

slow = pytest.mark.skipif(os.environ.get("MICROCORE_SLOW") != "1",
                          reason="full synthesis takes minutes; set MICROCORE_SLOW=1")


def canned(**cells):
    return json.dumps({"design": {"num_cells": sum(cells.values()),
                                  "num_cells_by_type": cells}})


def test_parse_counts_luts_rams_and_registers():
    result = est.parse_stat(canned(LUT1=3, LUT6=10, INV=2, RAM64M=5, SRLC32E=1, FDRE=40, FDSE=2,
                                   CARRY4=7, RAMB36E1=16, RAMB18E1=3, DSP48E1=4, BUFG=1))
    assert result["LUT"] == 3 + 10 + 5 * 4 + 1  # INV is folded into LUTs
    assert result["FF"] == 42
    assert (result["RAMB36"], result["RAMB18"], result["DSP"]) == (16, 3, 4)
    assert result.bram36 == 17.5
    assert result.fits


def test_parse_sums_modules_without_a_design_total():
    stat = {"modules": {"\\a": {"num_cells_by_type": {"LUT4": 2, "FDRE": 1}},
                        "\\b": {"num_cells_by_type": {"LUT4": 3}}}}
    result = est.parse_stat(stat)
    assert (result["LUT"], result["FF"]) == (5, 1)


def test_parse_rejects_empty_statistics():
    with pytest.raises(est.EstimateError, match="^the Yosys statistics list no cells$"):
        est.parse_stat({"modules": {}})


@pytest.mark.parametrize("cells, fits", [
    ({"RAMB36E1": est.XC7Z020["RAMB36"]}, True),
    ({"RAMB36E1": est.XC7Z020["RAMB36"] - 1, "RAMB18E1": 2}, True),
    ({"RAMB36E1": est.XC7Z020["RAMB36"] - 1, "RAMB18E1": 3}, False),  # 141.5 RAMB36
    ({"RAMB36E1": est.XC7Z020["RAMB36"] + 1}, False),
    ({"LUT6": est.XC7Z020["LUT"]}, True),
    ({"LUT6": est.XC7Z020["LUT"], "LUT1": 1}, False),
    ({"FDRE": est.XC7Z020["FF"] + 1}, False),
    ({"DSP48E1": est.XC7Z020["DSP"] + 1}, False),
])
def test_fit_rule(cells, fits):
    result = est.parse_stat(canned(**cells))
    assert result.fits is fits
    result["config"] = {"design": "fabric", "cores": 2, "mem_bytes": 16384, "isa": "rv32imc",
                        "fast_mul": False, "shared_bytes": 0}
    report = est.format_report(result)
    assert report.splitlines()[-1] == f"fits xc7z020: {'yes' if fits else 'no'}"
    assert report.startswith("fabric: 2 cores x 16 KiB, rv32imc, shared memory 0 KiB")


def test_cli_reports_from_the_cache(monkeypatch, capsys):
    """The subcommand passes its options through and prints the report or JSON."""
    calls = []

    def fake(num_cores, mem_bytes, isa, *, fast_mul, shared_bytes, dma):
        calls.append((num_cores, mem_bytes, isa, fast_mul, shared_bytes, dma))
        result = est.parse_stat(canned(LUT6=100, FDRE=50, RAMB36E1=4))
        result["config"] = {"design": "fabric", "cores": num_cores, "mem_bytes": mem_bytes,
                            "isa": isa, "fast_mul": fast_mul, "shared_bytes": shared_bytes,
                            "dma": dma}
        return result

    monkeypatch.setattr(est, "estimate", fake)
    assert main(["estimate", "--cores", "3", "--mem-kib", "32", "--isa", "rv32im",
                 "--shared-kib", "0"]) == 0
    assert calls == [(3, 32 * 1024, "rv32im", False, 0, True)]
    out = capsys.readouterr().out
    assert "fits xc7z020: yes" in out and "LUT" in out and "DMA on" in out
    assert main(["estimate", "--cores", "2", "--no-dma"]) == 0
    assert calls[-1][-1] is False and "DMA off" in capsys.readouterr().out
    assert main(["estimate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fits_xc7z020"] is True and data["RAMB36"] == 4
    assert calls[-1] == (8, 64 * 1024, "rv32imc", False, 16 * 1024, True)


def test_cli_rejects_a_bad_configuration(capsys):
    assert main(["estimate", "--cores", "0"]) == 1
    assert "num_cores must be an integer in range 1..32, not 0" in capsys.readouterr().err


@slow
def test_small_fabric_synthesises_to_block_ram():
    """One core with 16 KiB: the local RAM and the shared memory map to RAMB36E1."""
    result = est.estimate(1, 16 * 1024, "rv32imc", shared_bytes=16 * 1024, verbose=False)
    # 16 KiB local RAM = 4 RAMB36; 16 KiB shared = 4 RAMB36; the mailbox (3 slots) is small.
    assert result["RAMB36"] >= 8
    assert result.bram36 <= 8 + 1
    assert 1000 < result["LUT"] < 6000
    assert result.fits


@slow
def test_default_fabric_fits():
    result = est.estimate(8, 64 * 1024, "rv32imc", verbose=False)
    assert result.fits, est.format_report(result)


@slow
def test_sixteen_cores_fit_in_block_ram():
    """16 x 32 KiB fills the block RAM exactly (local RAM, RAMB18 mailboxes, 16 KiB shared)
    and fits the LUTs too (docs/hardware.md)."""
    result = est.estimate(16, 32 * 1024, "rv32imc", verbose=False)
    assert result.bram36 <= est.XC7Z020["RAMB36"], est.format_report(result)
    assert result.fits, est.format_report(result)
    assert result["RAMB36"] == 16 * 8 + 4 and result["RAMB18"] == 16
