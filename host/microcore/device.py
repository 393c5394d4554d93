"""The fabric as the host sees it: configuration, core lifecycle, loading and status.

Everything here goes through a transport bus (``read32``/``write32``/``read_block``/
``write_block``/``advance``), so the same code drives the simulated fabric and a PYNQ board.
"""

from dataclasses import dataclass
import struct

from . import abi
from .firmware import Firmware

__all__ = ["FabricInfo", "CoreStatus", "Device", "DeviceError", "ProgramTooLarge"]

G = abi.GLOBAL_REGS
C = abi.CORE_CTRL_REGS


class DeviceError(RuntimeError):
    """The fabric is absent, incompatible, or refused an operation."""


class ProgramTooLarge(DeviceError):
    """A program does not fit in a core's memory next to the firmware."""


@dataclass(frozen=True)
class FabricInfo:
    """The fabric's ID and configuration registers."""
    version: tuple
    abi_hash: int
    num_cores: int
    mem_bytes: int
    shared_bytes: int
    features: int
    fpu_mask: int

    def __str__(self):
        feats = [name for name, bit in abi.Feature.items() if self.features & bit]
        return (f"microcore fabric v{'.'.join(map(str, self.version))}: {self.num_cores} cores x "
                f"{self.mem_bytes // 1024} KiB, shared {self.shared_bytes // 1024} KiB, "
                f"features {' '.join(feats) or 'none'}, contract {self.abi_hash:#010x}")


@dataclass(frozen=True)
class CoreStatus:
    """A snapshot of one core's status registers."""
    core: int
    status: int
    exit_code: int
    fault_cause: int
    fault_addr: int
    last_pc: int
    cycles: int
    instret: int

    @property
    def running(self):
        return bool(self.status & abi.Status.RUNNING)

    @property
    def halted(self):
        return bool(self.status & abi.Status.HALTED)

    @property
    def faulted(self):
        return bool(self.status & (abi.Status.TRAPPED | abi.Status.FAULT))

    def describe_fault(self):
        cause = abi.FaultCause.name_of(self.fault_cause) or f"cause {self.fault_cause}"
        text = {"TRAP": "CPU trap (illegal instruction, misaligned access or ebreak)",
                "UNMAPPED_LOAD": f"load from unmapped address {self.fault_addr:#010x}",
                "UNMAPPED_STORE": f"store to unmapped address {self.fault_addr:#010x}",
                "FORBIDDEN": f"forbidden access to {self.fault_addr:#010x}"}.get(cause, cause)
        return f"{text} (last instruction fetch at {self.last_pc:#010x})"


def _mask(cores):
    mask = 0
    for k in cores:
        mask |= 1 << k
    return mask


class Device:
    """Drive the fabric behind ``bus``.

    Parameters
    ----------
    bus : transport bus
        The fabric's AXI4-Lite window.

    Raises
    ------
    DeviceError
        If no microcore fabric answers, or it was built from another contract.
    """

    def __init__(self, bus):
        self.bus = bus
        magic = bus.read32(G.address("ID"))
        if magic != abi.FABRIC_MAGIC:
            raise DeviceError(f"no microcore fabric on this bus (ID register reads "
                              f"{magic:#010x}, expected {abi.FABRIC_MAGIC:#010x})")
        version = bus.read32(G.address("VERSION"))
        self.info = FabricInfo(
            version=(version >> 16, (version >> 8) & 0xFF, version & 0xFF),
            abi_hash=bus.read32(G.address("ABI")),
            num_cores=bus.read32(G.address("NUM_CORES")),
            mem_bytes=bus.read32(G.address("MEM_BYTES")),
            shared_bytes=bus.read32(G.address("SHARED_BYTES")),
            features=bus.read32(G.address("FEATURES")),
            fpu_mask=bus.read32(G.address("FPU_MASK")))
        if self.info.abi_hash != abi.ABI_HASH:
            raise DeviceError(f"the fabric was built from contract {self.info.abi_hash:#010x} "
                              f"(v{'.'.join(map(str, self.info.version))}), but this host "
                              f"package speaks {abi.ABI_HASH:#010x}; rebuild the fabric or "
                              f"install the matching microcore")

    # -- lifecycle -------------------------------------------------------------------------------

    def check_cores(self, cores):
        cores = list(cores)
        for k in cores:
            if not (isinstance(k, int) and 0 <= k < self.info.num_cores):
                raise ValueError(f"core id must be in range(0, {self.info.num_cores}), not {k!r}")
        return cores

    def hold(self, cores):
        """Hold ``cores`` in reset."""
        self.bus.write32(G.address("RUN_CLEAR"), _mask(self.check_cores(cores)))

    def release(self, cores):
        """Release ``cores`` from reset together; their status and counters restart."""
        self.bus.write32(G.address("RUN_SET"), _mask(self.check_cores(cores)))

    def running_mask(self):
        return self.bus.read32(G.address("RUNNING"))

    def doorbells(self):
        """Bit k set: core k has a message waiting for the host. One bus read."""
        return self.bus.read32(G.address("HOST_RX"))

    def status(self, core):
        """Return a :class:`CoreStatus` snapshot of ``core``."""
        base = C.address("CTRL", core)
        words = self.bus.read_block(base, 10)
        off = {reg.name: reg.offset // 4 for reg in C.registers}
        return CoreStatus(core, words[off["STATUS"]], words[off["EXIT_CODE"]],
                          words[off["FAULT_CAUSE"]], words[off["FAULT_ADDR"]],
                          words[off["LAST_PC"]],
                          words[off["CYCLE_LO"]] | words[off["CYCLE_HI"]] << 32,
                          words[off["INSTRET_LO"]] | words[off["INSTRET_HI"]] << 32)

    # -- loading ---------------------------------------------------------------------------------

    def ram_address(self, core, offset=0):
        return abi.HOST_MAP["CORE_RAM"].address(core, offset)

    def load(self, cores, firmware: Firmware, program: bytes, world_size):
        """Write ``firmware`` and the bytecode ``program`` into each core's RAM.

        The cores are held in reset first. Raises :class:`ProgramTooLarge` (before touching any
        core) if the program does not fit.
        """
        cores = self.check_cores(cores)
        capacity = firmware.program_capacity(self.info.mem_bytes)
        if len(program) > capacity:
            raise ProgramTooLarge(
                f"the program's bytecode is {len(program)} bytes, but a core with "
                f"{self.info.mem_bytes // 1024} KiB has only {capacity} bytes left for program "
                f"and heap after the firmware ({firmware.boot.prog_base} bytes) and stack "
                f"({firmware.boot.stack_bytes} bytes)")
        self.hold(cores)
        image = bytearray(firmware.image)
        B = abi.BootBlock
        struct.pack_into("<III", image, B.ADDR + B.PROG_BYTES, len(program), world_size, 0)
        fw_words = _words(image)
        prog_words = _words(program)
        for k in cores:
            self.bus.write_block(self.ram_address(k), fw_words)
            self.bus.write_block(self.ram_address(k, firmware.boot.prog_base), prog_words)


def _words(data):
    data = bytes(data) + b"\0" * (-len(data) % 4)
    return list(struct.unpack(f"<{len(data) // 4}I", data))
