"""Print the size of rv32 firmware images: text, rodata, data and bss, and the image against
its budget (the ``mc_firmware_budget`` symbol, from MC_FIRMWARE_BUDGET in mc_config.h).

    python size_report.py [--tool-prefix riscv64-unknown-elf-] [--detail] ELF...

``--detail`` adds the largest functions of each image.
"""

import argparse
import subprocess


def sections(elf, prefix):
    """Return {section: bytes} from ``size -A``."""
    out = subprocess.run([prefix + "size", "-A", elf], check=True, capture_output=True,
                         text=True).stdout
    sizes = {}
    for line in out.splitlines()[2:]:
        fields = line.split()
        if len(fields) == 3 and fields[0].startswith("."):
            sizes[fields[0]] = int(fields[1])
    return sizes


def symbols(elf, prefix):
    """Return [(name, type, value, size)] from ``nm``."""
    out = subprocess.run([prefix + "nm", "-S", "--size-sort", elf], check=True,
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 4:
            rows.append((fields[3], fields[2], int(fields[0], 16), int(fields[1], 16)))
    return rows


def budget(elf, prefix):
    out = subprocess.run([prefix + "nm", elf], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == "mc_firmware_budget":
            return int(fields[0], 16)
    raise SystemExit(f"{elf}: no mc_firmware_budget symbol")


def report(elf, prefix):
    s = sections(elf, prefix)
    text, rodata, data, bss = (s.get(name, 0) for name in (".text", ".rodata", ".data", ".bss"))
    image = text + rodata + data
    limit = budget(elf, prefix)
    return (f"{elf}: text {text} rodata {rodata} data {data} bss {bss} | "
            f"image {image} of {limit} bytes ({100 * image / limit:.1f}%)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool-prefix", default="riscv64-unknown-elf-")
    parser.add_argument("--detail", action="store_true")
    parser.add_argument("elf", nargs="+")
    args = parser.parse_args()
    for elf in args.elf:
        print(report(elf, args.tool_prefix))
        if args.detail:
            funcs = [r for r in symbols(elf, args.tool_prefix) if r[1] in "tTrR"]
            for name, kind, _, size in sorted(funcs, key=lambda r: -r[3])[:12]:
                print(f"    {size:6}  {kind}  {name}")


if __name__ == "__main__":
    main()
