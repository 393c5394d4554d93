"""Find (and in a source checkout, build) the core firmware image, and read its boot block."""

from dataclasses import dataclass
import os
from pathlib import Path
import struct
import subprocess
import sys

from . import abi
from .bytecode.opcodes import BC_VERSION

__all__ = ["FirmwareError", "BootInfo", "Firmware", "load_firmware", "firmware_dir",
           "native_library"]


class FirmwareError(RuntimeError):
    """The firmware image is missing, cannot be built, or does not match this host package."""


@dataclass(frozen=True)
class BootInfo:
    """The boot block of a firmware image (see ``abi.BootBlock``)."""
    magic: int
    abi_hash: int
    bc_version: int
    image_bytes: int
    prog_base: int
    stack_bytes: int

    @classmethod
    def parse(cls, image):
        base = abi.BootBlock.ADDR
        if len(image) < base + abi.BootBlock.SIZE:
            raise FirmwareError(f"firmware image of {len(image)} bytes has no boot block")

        def word(offset):
            return struct.unpack_from("<I", image, base + offset)[0]

        B = abi.BootBlock
        return cls(word(B.MAGIC), word(B.ABI_HASH), word(B.BC_VERSION), word(B.IMAGE_BYTES),
                   word(B.PROG_BASE), word(B.STACK_BYTES))

    def check(self, source):
        if self.magic != abi.FIRMWARE_MAGIC:
            raise FirmwareError(f"{source}: not a microcore firmware image "
                                f"(boot magic {self.magic:#010x})")
        if self.abi_hash != abi.ABI_HASH:
            raise FirmwareError(f"{source}: built for contract {self.abi_hash:#010x}, but this "
                                f"host package speaks {abi.ABI_HASH:#010x}; rebuild the firmware")
        if self.bc_version != BC_VERSION:
            raise FirmwareError(f"{source}: runs bytecode version {self.bc_version}, but this "
                                f"host package compiles version {BC_VERSION}")


@dataclass(frozen=True)
class Firmware:
    """A loadable firmware image: the bytes written at address 0 of each core's RAM."""
    image: bytes
    boot: BootInfo
    path: Path

    def program_capacity(self, mem_bytes):
        """Bytes available for the bytecode image and the heap on a core with ``mem_bytes``."""
        return mem_bytes - self.boot.stack_bytes - self.boot.prog_base


def firmware_dir():
    """The ``firmware/`` directory of a source checkout, or None in an installed package."""
    candidate = Path(__file__).resolve().parents[2] / "firmware"
    return candidate if (candidate / "Makefile").is_file() else None


def _build(directory, target):
    cmd = ["make", "-s", "-C", str(directory), target, f"PYTHON={sys.executable}"]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        raise FirmwareError("building the firmware needs `make`; install it "
                            "(apt-get install make)") from None
    if result.returncode:
        raise FirmwareError(f"firmware build failed ({' '.join(cmd)}):\n"
                            f"{result.stdout}{result.stderr}")


def load_firmware(path=None):
    """Return the :class:`Firmware` to load onto device cores.

    Looks at ``path``, then ``$MICROCORE_FIRMWARE``, then (in a source checkout) builds
    ``firmware/build/rv32/firmware.bin`` with ``make`` (a no-op when up to date), then the copy
    shipped inside the package.
    """
    path = path or os.environ.get("MICROCORE_FIRMWARE")
    if path is None:
        directory = firmware_dir()
        if directory is not None:
            _build(directory, "rv32")
            path = directory / "build" / "rv32" / "firmware.bin"
        else:
            path = Path(__file__).parent / "data" / "firmware.bin"
    path = Path(path)
    if not path.is_file():
        raise FirmwareError(f"no firmware image at {path}")
    image = path.read_bytes()
    boot = BootInfo.parse(image)
    boot.check(path)
    if boot.image_bytes > len(image) or boot.image_bytes % 4:
        raise FirmwareError(f"{path}: boot block says {boot.image_bytes} bytes, file has "
                            f"{len(image)}")
    return Firmware(image[:boot.image_bytes], boot, path)


#: The native VM library's name (``firmware/native/mcvm.h``), built by ``make native``.
NATIVE_LIBRARY = "libmcvm.so"


def native_library(path=None):
    """Return the path of ``libmcvm.so``, the VM built for the host (for virtual cores).

    Looks at ``path``, then ``$MICROCORE_LIBMCVM``, then (in a source checkout) builds
    ``firmware/build/native/libmcvm.so`` with ``make`` (a no-op when up to date; it needs only
    the host C compiler, not the rv32 tools), then the copy shipped inside the package. Whether
    the library speaks this host's contract is checked when it is opened
    (``microcore.virtual``).
    """
    path = path or os.environ.get("MICROCORE_LIBMCVM")
    if path is None:
        directory = firmware_dir()
        if directory is not None:
            target = f"build/native/{NATIVE_LIBRARY}"
            _build(directory, target)
            path = directory / target
        else:
            path = Path(__file__).parent / "data" / NATIVE_LIBRARY
    path = Path(path)
    if not path.is_file():
        raise FirmwareError(f"no native VM library at {path}")
    return path
