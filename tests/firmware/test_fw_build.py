"""The firmware builds: outputs, the size budget, generated headers and handler coverage."""

import re
import shutil
import subprocess
import sys

import pytest

from conftest import FIRMWARE, make

CROSS = "riscv64-unknown-elf-"
needs_cross = pytest.mark.skipif(shutil.which(CROSS + "gcc") is None,
                                 reason="no riscv64-unknown-elf toolchain")


def elf_sections(elf):
    out = subprocess.run([CROSS + "size", "-A", str(elf)], check=True, capture_output=True,
                         text=True).stdout
    return {f[0]: int(f[1]) for f in (line.split() for line in out.splitlines())
            if len(f) == 3 and f[0].startswith(".")}


def elf_symbol(elf, name):
    out = subprocess.run([CROSS + "nm", str(elf)], check=True, capture_output=True,
                         text=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == name:
            return int(fields[0], 16)
    raise KeyError(name)


def budget():
    text = (FIRMWARE / "mc_config.h").read_text()
    m = re.search(r"#define MC_FIRMWARE_BUDGET \((\d+) \* 1024\)", text)
    return int(m.group(1)) * 1024


@needs_cross
def test_rv32_outputs(rv32_build):
    out = rv32_build / "rv32"
    for name in ("firmware.elf", "firmware.bin", "firmware.map"):
        assert (out / name).stat().st_size > 0
    elf = out / "firmware.elf"
    sections = elf_sections(elf)
    assert sections.get(".data", 0) == 0
    # The flat binary is the whole loadable image, loaded at 0: IMAGE_BYTES is its size.
    image_end = elf_symbol(elf, "_image_end")
    assert (out / "firmware.bin").stat().st_size == image_end
    assert image_end % 4 == 0
    assert sections[".text"] + sections[".rodata"] <= image_end < \
        sections[".text"] + sections[".rodata"] + 8


@needs_cross
def test_rv32_fits_budget(rv32_build):
    elf = rv32_build / "rv32" / "firmware.elf"
    s = elf_sections(elf)
    image = s[".text"] + s[".rodata"] + s.get(".data", 0)
    assert elf_symbol(elf, "mc_firmware_budget") == budget()
    assert image <= budget()
    print(f"rv32 firmware: text {s['.text']} rodata {s['.rodata']} data {s.get('.data', 0)} "
          f"bss {s['.bss']}; image {image} of {budget()} bytes")


@needs_cross
def test_rv32_boot_block(rv32_build):
    """The boot block sits at BootBlock.ADDR in the binary with the contract's values."""
    from microcore import abi
    from microcore.bytecode.opcodes import BC_VERSION
    import struct

    out = rv32_build / "rv32"
    data = (out / "firmware.bin").read_bytes()
    B = abi.BootBlock

    def word(field):
        return struct.unpack_from("<I", data, B.ADDR + field)[0]

    assert word(B.MAGIC) == abi.FIRMWARE_MAGIC
    assert word(B.ABI_HASH) == abi.ABI_HASH
    assert word(B.BC_VERSION) == BC_VERSION
    assert word(B.IMAGE_BYTES) == elf_symbol(out / "firmware.elf", "_image_end")
    prog_base = word(B.PROG_BASE)
    assert prog_base % 16 == 0
    assert prog_base >= elf_symbol(out / "firmware.elf", "_bss_end")
    assert word(B.PROG_BYTES) == word(B.WORLD_SIZE) == word(B.BOOT_FLAGS) == 0
    assert word(B.STACK_BYTES) > 0
    # The reset vector jumps to _start; the IRQ vector is retirq.
    assert struct.unpack_from("<I", data, abi.IRQ_VECTOR)[0] == 0x0400000B


@needs_cross
def test_rv32_size_budget_enforced(tmp_path):
    """A budget below the image makes the link fail."""
    build = tmp_path / "b"
    cmd = ["make", "-s", "-C", str(FIRMWARE), f"BUILD={build}", f"PYTHON={sys.executable}",
           "EXTRA_CFLAGS=-DMC_FIRMWARE_BUDGET=4096", str(build / "rv32" / "firmware.elf")]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode != 0
    assert "exceeds MC_FIRMWARE_BUDGET" in result.stderr


def test_native_outputs(native_build):
    assert (native_build / "native" / "mcvm").exists()
    assert (native_build / "native" / "libmcvm.so").exists()


def test_generated_headers_only_in_build(native_build):
    gen = native_build / "generated"
    for name in ("mc_abi.h", "mc_bytecode.h", "mc_opcodes.h", "mc_builtins.h",
                 "mc_exceptions.h"):
        assert (gen / name).exists()
        assert not list(FIRMWARE.glob(f"*/{name}")) and not (FIRMWARE / name).exists()


def test_incremental_build_is_a_no_op(native_build):
    """A second make with nothing changed compiles nothing (headers are regenerated in place)."""
    cmd = ["make", "-C", str(FIRMWARE), f"PYTHON={sys.executable}", "native"]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "gcc" not in result.stdout, result.stdout


def copy_firmware(tmp_path):
    dst = tmp_path / "firmware"
    shutil.copytree(FIRMWARE, dst, ignore=shutil.ignore_patterns("build"))
    # The Makefile finds microcore through ../host.
    (tmp_path / "host").symlink_to(FIRMWARE.parent / "host")
    return dst


def build_fails(firmware_dir, *args):
    cmd = ["make", "-s", "-C", str(firmware_dir), f"PYTHON={sys.executable}", *args]
    result = subprocess.run(cmd, capture_output=True, text=True)
    return result.returncode != 0, result.stderr


@pytest.mark.parametrize("dispatch", ["switch", "cgoto"])
def test_missing_opcode_handler_fails_build(tmp_path, dispatch):
    fw = copy_firmware(tmp_path)
    vm_c = fw / "vm" / "vm.c"
    text = vm_c.read_text()
    assert "    ENTRY(ROT_TWO): {" in text
    vm_c.write_text(text.replace("    ENTRY(ROT_TWO): {", "    {"))
    flags = "EXTRA_CFLAGS=-DMC_OPT_COMPUTED_GOTO=1" if dispatch == "cgoto" else "EXTRA_CFLAGS="
    failed, stderr = build_fails(fw, "native", flags)
    assert failed
    assert "ROT_TWO" in stderr


def test_missing_builtin_fails_build(tmp_path):
    fw = copy_firmware(tmp_path)
    builtins_c = fw / "vm" / "builtins.c"
    text = builtins_c.read_text()
    assert "mc_value_t mc_builtin_ABS(" in text
    builtins_c.write_text(text.replace("mc_value_t mc_builtin_ABS(",
                                       "static __attribute__((unused)) mc_value_t unused_abs("))
    failed, stderr = build_fails(fw, "native")
    assert failed
    assert "mc_builtin_ABS" in stderr


def test_size_target_reports_both_dispatch_variants(rv32_build):
    cmd = ["make", "-s", "-C", str(FIRMWARE), f"PYTHON={sys.executable}", "size"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    lines = [line for line in out.splitlines() if "firmware.elf:" in line]
    assert len(lines) == 2
    assert "rv32/firmware.elf" in lines[0] and "rv32-switch/firmware.elf" in lines[1]
    for line in lines:
        assert re.search(r"text \d+ rodata \d+ data 0 bss \d+ \| image \d+ of \d+ bytes", line)


@pytest.mark.parametrize("args", [[], ["a", "b"], ["x.mcbc", "--core-id"],
                                  ["x.mcbc", "--num-cores", "many"], ["--bogus", "x.mcbc"]])
def test_mcvm_usage(native_build, args):
    result = subprocess.run([str(native_build / "native" / "mcvm"), *args], capture_output=True,
                            text=True)
    assert result.returncode == 64
    assert result.stderr.startswith("usage: mcvm IMAGE")


def test_mcvm_missing_file(native_build, tmp_path):
    result = subprocess.run([str(native_build / "native" / "mcvm"), str(tmp_path / "none")],
                            capture_output=True, text=True)
    assert result.returncode == 64
    assert "cannot read" in result.stderr
