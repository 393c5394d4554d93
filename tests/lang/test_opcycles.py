"""Cycles per bytecode (``microcore.bench.opcycles``): the probe images are right (always), and
on the simulated fabric (marked ``hw``) the measurement runs and gives plausible, consistent
numbers. Cycle counts, never wall-clock time."""

from collections import Counter

import pytest

from microcore.bench import opcycles
from microcore.bytecode.container import Image
from microcore.bytecode.disasm import instructions


def opcode_counts(image, name):
    code = next(c for c in image.code if c.name == name)
    return Counter(op.name for _, op, _ in instructions(code.code))


@pytest.mark.parametrize("row", opcycles.ROWS, ids=lambda r: r.label)
def test_probe_differs_from_base_by_the_measured_instruction(row):
    image = opcycles.build_image(row, copies=5, calls=3)
    assert Image.from_bytes(image.to_bytes()) == image      # the VM's validator's rules
    probe, base = opcode_counts(image, "probe"), opcode_counts(image, "base")
    diff = probe - base
    if isinstance(row, opcycles.Loop):
        # Same instructions; the probe's range has 5 items, the base's none.
        assert diff == Counter() and probe["FOR_ITER"] == 1
    else:
        assert diff == Counter({row.opname: 5}) and not base - probe


def test_every_subtracted_row_exists():
    labels = {r.label for r in opcycles.ROWS}
    assert len(labels) == len(opcycles.ROWS)
    for row in opcycles.ROWS:
        assert set(row.minus) <= labels, row.label


def test_table_format():
    results = [opcycles.Result("LOAD_FAST", "LOAD_FAST", 12.0, 12.0, ()),
               opcycles.Result("X + Y", "X", 7.5, 19.5, ("LOAD_FAST",))]
    assert opcycles.format_table(results).splitlines()[2:] == [
        "| `LOAD_FAST` | 12.0 | alone |", "| `X + Y` | 7.5 | 19.5 minus LOAD_FAST |"]


@pytest.fixture(scope="module")
def bus():
    pytest.importorskip("amaranth")
    toolchain = pytest.importorskip("microcore.sim.toolchain")
    try:
        toolchain.find_toolchain()
    except toolchain.ToolchainError as e:
        pytest.skip(f"no simulation toolchain: {e}")
    from microcore.backends import open_bus
    with open_bus("sim", 2) as bus:
        yield bus


SAMPLE = ["LOAD_FAST", "BINARY_ADD (int)", "CALL_FUNCTION + RETURN_VALUE", "FOR_ITER (range)"]


@pytest.mark.hw
def test_cycles_per_bytecode_on_the_fabric(bus):
    rows = [r for r in opcycles.ROWS if r.label in SAMPLE]
    results = {r.label: r for r in opcycles.measure(rows, bus=bus)}
    assert sorted(results) == sorted(SAMPLE)
    for r in results.values():
        assert 5 <= r.cycles <= 2000, r
    # A call does more than a local load or an int add.
    assert results["CALL_FUNCTION + RETURN_VALUE"].cycles > results["LOAD_FAST"].cycles
    assert results["CALL_FUNCTION + RETURN_VALUE"].cycles > results["BINARY_ADD (int)"].cycles
    # The overhead cancels: half the copies per call give the same cycles per instruction.
    half = opcycles.measure([rows[0]], copies=opcycles.DEFAULT_COPIES // 2, bus=bus)[0]
    assert abs(half.cycles - results[rows[0].label].cycles) < 1, (half, results)
