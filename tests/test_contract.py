"""The single source of truth is self-consistent, and the C and Markdown views agree with it."""

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from microcore import abi, cheader, docgen
from microcore.bytecode import builtins, container, exceptions, opcodes

ROOT = Path(__file__).resolve().parents[1]


# -- the C header -----------------------------------------------------------------------------------

_DUMP_C = r"""
#include <stdio.h>
#include "mc_abi.h"
#include "mc_bytecode.h"
#define MC_OP(name, number, format, pops, pushes) \
    { int N = 7; (void)N; printf("OP %s %d %d %d\n", #name, number, format, (int)(pushes)); }
#define MC_BUILTIN(name, py, id, lo, hi, n_kw) \
    printf("BUILTIN %s %s %d %d %d %d\n", #name, py, id, lo, hi, n_kw);
#define MC_EXCEPTION(name, id, base) printf("EXC %s %d %d\n", #name, id, base);
int main(void) {
@BODY@
#include "mc_opcodes.h"
#include "mc_builtins.h"
#include "mc_exceptions.h"
    printf("BC_VERSION %u\n", (unsigned)MC_BC_VERSION);
    return 0;
}
"""


@pytest.fixture(scope="module")
def c_dump(tmp_path_factory):
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no host C compiler")
    out = tmp_path_factory.mktemp("cheader")
    cheader.write_headers(out)
    names = [name for name, _ in abi.all_constants()]
    prints = "\n".join(f'    printf("ABI {n} %llu\\n", (unsigned long long)(MC_{n}));'
                       for n in names)
    layout = "\n".join(f'    printf("LAYOUT {n} %llu\\n", (unsigned long long)(MC_BC_{n}));'
                       for n, _ in abi.members(container.Layout))
    source = out / "dump.c"
    source.write_text(_DUMP_C.replace("@BODY@", prints + "\n" + layout))
    exe = out / "dump"
    subprocess.run([cc, "-std=c99", "-Wall", "-Werror", "-I", str(out), str(source), "-o",
                    str(exe)], check=True)
    return subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout


def test_c_header_has_every_abi_constant(c_dump):
    seen = dict(re.findall(r"^ABI (\w+) (\d+)$", c_dump, re.M))
    expected = {name: value for name, value in abi.all_constants()}
    assert {k: int(v) for k, v in seen.items()} == expected


def test_c_header_has_the_container_layout(c_dump):
    seen = {k: int(v) for k, v in re.findall(r"^LAYOUT (\w+) (\d+)$", c_dump, re.M)}
    assert seen == dict(abi.members(container.Layout))
    assert f"BC_VERSION {opcodes.BC_VERSION}" in c_dump


def test_c_opcode_table_matches(c_dump):
    rows = re.findall(r"^OP (\w+) (\d+) (\d+) (\d+)$", c_dump, re.M)
    assert [(n, int(num), int(fmt), int(push)) for n, num, fmt, push in rows] == \
        [(op.name, op.number, op.format, opcodes.stack_effect(op, 7)[1])
         for op in opcodes.OPCODES]


def test_c_builtin_and_exception_tables_match(c_dump):
    rows = re.findall(r"^BUILTIN (\w+) (\w+) (\d+) (-?\d+) (-?\d+) (\d+)$", c_dump, re.M)
    assert [(n, py, int(i), int(lo), int(hi), int(k)) for n, py, i, lo, hi, k in rows] == \
        [("HOST" if b.host else b.c_name, b.name, b.id, b.min_args, b.max_args, len(b.keywords))
         for b in builtins.BUILTINS]
    rows = re.findall(r"^EXC (\w+) (\d+) (\d+)$", c_dump, re.M)
    assert [(n, int(i), int(b)) for n, i, b in rows] == \
        [(e.name, e.id, e.base) for e in exceptions.EXCEPTIONS]


def test_write_headers_only_rewrites_changes(tmp_path):
    assert len(cheader.write_headers(tmp_path)) == len(cheader.headers())
    assert cheader.write_headers(tmp_path) == []


# -- the documentation ------------------------------------------------------------------------------

def test_architecture_tables_are_generated_and_current():
    path = ROOT / "docs" / "architecture.md"
    text = path.read_text()
    assert set(re.findall(r"<!-- generated: ([\w-]+) -->", text)) == set(docgen.TABLES)
    assert docgen.render(text) == text, "run: python -m microcore.docgen docs/architecture.md"


def test_docgen_rejects_unknown_block():
    with pytest.raises(KeyError, match=r"^\"unknown generated block 'nope'\"$"):
        docgen.render("<!-- generated: nope -->\n<!-- end generated -->")


# -- the contract's own consistency ----------------------------------------------------------------

@pytest.mark.parametrize("regions", [abi.HOST_MAP, abi.CORE_MAP], ids=["host", "core"])
def test_regions_do_not_overlap(regions):
    spans = []
    for r in regions.values():
        for i in range(r.count):
            spans.append((r.base + i * r.stride, r.base + i * r.stride + r.size, r.name))
    spans.sort()
    for (a0, a1, an), (b0, b1, bn) in zip(spans, spans[1:]):
        assert a1 <= b0, f"{an} overlaps {bn}"


def test_host_map_fits_the_window():
    assert max(r.end for r in abi.HOST_MAP.values()) <= 1 << abi.HOST_WINDOW_BITS


def test_register_blocks_fit_their_regions():
    assert max(r.offset for r in abi.GLOBAL_REGS.registers) < abi.HOST_MAP["REGS"].size
    assert max(r.offset for r in abi.CORE_CTRL_REGS.registers) < abi.HOST_MAP["CORE_CTRL"].size
    assert max(r.offset for r in abi.TILE_CSRS.registers) < abi.CORE_MAP["CSR"].size
    assert abi.CORE_CTRL_REGS.count == abi.HOST_MAP["CORE_CTRL"].count == abi.MAX_CORES


def test_mailbox_of_the_largest_fabric_fits_its_window():
    assert abi.mailbox_bytes(abi.MAX_CORES) <= abi.HOST_MAP["MAILBOX"].size
    assert abi.mailbox_bytes(abi.MAX_CORES) <= abi.CORE_MAP["MAILBOX"].size
    assert abi.Slot.PAYLOAD_OFFSET + abi.Slot.PAYLOAD_BYTES == abi.Slot.BYTES
    assert abi.Slot.LEN_MASK >= abi.Slot.PAYLOAD_BYTES


def test_core_masks_fit_a_register():
    assert abi.MAX_CORES <= 32


def test_boot_block_fields_fit():
    fields = [v for k, v in abi.BootBlock.items() if k not in ("ADDR", "SIZE")]
    assert max(fields) + 4 <= abi.BootBlock.SIZE
    assert abi.IRQ_VECTOR < abi.BootBlock.ADDR


@pytest.mark.parametrize("seq,tag,length,more", [(0, 0, 0, False), (255, 127, 60, True),
                                                 (1, abi.Service.PRINT, 17, False)])
def test_header_round_trip(seq, tag, length, more):
    assert abi.unpack_header(abi.pack_header(seq, tag, length, more)) == (seq, tag, length, more)


def test_header_rejects_long_chunk():
    with pytest.raises(ValueError, match=r"^chunk length must be at most 60, not 61$"):
        abi.pack_header(1, 1, 61)


def test_region_address_checks_bounds():
    ram = abi.HOST_MAP["CORE_RAM"]
    assert ram.address(3, 8) == ram.base + 3 * ram.stride + 8
    with pytest.raises(ValueError, match=r"^CORE_RAM index must be in range\(0, 32\), not 32$"):
        ram.address(32)
    with pytest.raises(ValueError, match=r"^CORE_RAM offset must be in range"):
        ram.address(0, ram.size)


def test_register_block_address():
    assert abi.CORE_CTRL_REGS.address("STATUS", 2) == \
        abi.HOST_MAP["CORE_CTRL"].base + 2 * abi.HOST_MAP["CORE_CTRL"].stride + 4
    with pytest.raises(ValueError, match=r"^CORE index must be in range\(0, 32\), not -1$"):
        abi.CORE_CTRL_REGS.address("STATUS", -1)


def test_abi_hash_covers_every_value():
    items = abi.all_constants()[:-1]
    changed = [(n, v + 1 if n == "SLOT_BYTES" else v) for n, v in items]
    assert abi._hash(changed) != abi.ABI_HASH


def test_opcode_bands_match_formats():
    for op in opcodes.OPCODES:
        assert op.length == opcodes.instruction_length(op.number)
        assert op.format == op.number >> 6
