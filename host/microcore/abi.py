"""The hardware/software contract of microcore, defined once.

Every number that the fabric (``hw/``), the firmware (``firmware/``) and the host package share
lives here: the address maps, the registers and their bits, the mailbox slot layout, the monitor
service tags, the boot block and the exit codes. The firmware's C header is generated from this
module at build time (see :mod:`microcore.cheader`), the Amaranth fabric imports it directly, and
``docs/architecture.md`` describes it. Changing a value here changes it everywhere; changing the
*meaning* of anything bumps :data:`ABI_VERSION`.

The contract is checked at run time three ways: the fabric exposes :data:`ABI_HASH` in its ``ABI``
register, the firmware embeds it in its boot block, and the host refuses to load firmware onto a
fabric when either differs from its own.
"""

from dataclasses import dataclass, field
import zlib

__all__ = [
    "ABI_VERSION", "ABI_HASH", "FABRIC_MAGIC", "FIRMWARE_MAGIC",
    "Register", "RegisterBlock", "Region",
    "HOST_MAP", "CORE_MAP", "GLOBAL_REGS", "CORE_CTRL_REGS", "TILE_CSRS",
    "Ctrl", "MboxHost", "Status", "Feature", "FaultCause", "ExitCode", "Service", "HostTag", "CoreTag",
    "Slot", "BootBlock", "Irq", "DMA_ALIGN", "DMA_REGS", "DmaStart", "DmaStatus",
    "MAX_CORES", "MIN_MEM_BYTES", "MAX_MEM_BYTES",
    "all_constants", "members",
]


# -- Versioning --------------------------------------------------------------------------------

#: (major, minor, patch) of the contract. Major changes break compatibility.
ABI_VERSION = (1, 0, 0)

#: The value of the fabric's ``ID`` register: ASCII "MCRV".
FABRIC_MAGIC = 0x5652_434D
#: The first word of the firmware boot block: ASCII "MCFW".
FIRMWARE_MAGIC = 0x5746_434D


# -- Limits ------------------------------------------------------------------------------------

MAX_CORES = 32
MIN_MEM_BYTES = 16 * 1024
MAX_MEM_BYTES = 128 * 1024


# -- Descriptions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Register:
    """One 32-bit register.

    ``access`` is ``"ro"`` (read-only; writes answer SLVERR from the host), ``"rw"``, ``"wo"``
    (write-only; reads return 0), or ``"w1c"`` (write one to clear the bits).
    """
    name: str
    offset: int
    access: str
    doc: str


@dataclass(frozen=True)
class RegisterBlock:
    """Registers at fixed offsets from ``base``; repeated ``count`` times every ``stride`` bytes."""
    name: str
    base: int
    registers: tuple
    stride: int = 0
    count: int = 1
    doc: str = ""

    def __post_init__(self):
        seen = set()
        for reg in self.registers:
            if reg.offset % 4 or reg.offset in seen:
                raise ValueError(f"{self.name}.{reg.name}: offset {reg.offset:#x} is misaligned "
                                 f"or duplicated")
            seen.add(reg.offset)

    def __getattr__(self, name):
        for reg in self.__dict__.get("registers", ()):
            if reg.name == name:
                return reg.offset
        raise AttributeError(name)

    def address(self, register, index=0):
        """Return the address of ``register`` (a name) in instance ``index`` of this block."""
        if not 0 <= index < self.count:
            raise ValueError(f"{self.name} index must be in range(0, {self.count}), not {index!r}")
        return self.base + index * self.stride + getattr(self, register)


@dataclass(frozen=True)
class Region:
    """A window of an address map. Repeated regions have ``count`` instances every ``stride``."""
    name: str
    base: int
    size: int
    doc: str
    stride: int = 0
    count: int = 1

    def address(self, index=0, offset=0):
        if not 0 <= index < self.count:
            raise ValueError(f"{self.name} index must be in range(0, {self.count}), not {index!r}")
        if not 0 <= offset < self.size:
            raise ValueError(f"{self.name} offset must be in range(0, {self.size:#x}), "
                             f"not {offset:#x}")
        return self.base + index * self.stride + offset

    @property
    def end(self):
        return self.base + (self.count - 1) * self.stride + self.size


def members(namespace):
    """The public integer attributes of a class used as a namespace, in definition order."""
    return [(k, v) for k, v in vars(namespace).items() if not k.startswith("_") and
            isinstance(v, int) and not isinstance(v, bool)]


class _Enum:
    """A namespace of named integers that can be listed in order."""

    @classmethod
    def items(cls):
        return members(cls)

    @classmethod
    def name_of(cls, value):
        for k, v in cls.items():
            if v == value:
                return k
        return None


# -- Host view: the AXI4-Lite slave ------------------------------------------------------------
#
# The fabric decodes HOST_WINDOW_BITS address bits. Every address in the window answers: mapped
# ones with OKAY (or SLVERR for a write to a read-only register), unmapped ones with DECERR.

HOST_WINDOW_BITS = 24

HOST_MAP = {
    "REGS":      Region("REGS", 0x00_0000, 0x100, "global registers"),
    "CORE_CTRL": Region("CORE_CTRL", 0x00_1000, 0x40, "per-core control and status",
                        stride=0x100, count=MAX_CORES),
    "MAILBOX":   Region("MAILBOX", 0x04_0000, 0x1000, "per-core mailbox memory",
                        stride=0x1000, count=MAX_CORES),
    "SHARED":    Region("SHARED", 0x10_0000, 0x10_0000, "shared on-chip memory"),
    "CORE_RAM":  Region("CORE_RAM", 0x40_0000, MAX_MEM_BYTES, "per-core local RAM",
                        stride=MAX_MEM_BYTES, count=MAX_CORES),
}

GLOBAL_REGS = RegisterBlock("GLOBAL", HOST_MAP["REGS"].base, (
    Register("ID",          0x00, "ro",  "FABRIC_MAGIC"),
    Register("VERSION",     0x04, "ro",  "ABI version: major << 16 | minor << 8 | patch"),
    Register("ABI",         0x08, "ro",  "ABI_HASH of the contract the fabric was built from"),
    Register("NUM_CORES",   0x0C, "ro",  "number of device cores"),
    Register("MEM_BYTES",   0x10, "ro",  "local RAM per core, in bytes"),
    Register("SHARED_BYTES", 0x14, "ro", "shared on-chip memory, in bytes (0: none)"),
    Register("FEATURES",    0x18, "ro",  "Feature bits common to all tiles"),
    Register("FPU_MASK",    0x1C, "ro",  "bit k: tile k has a floating-point unit"),
    Register("RUN_SET",     0x20, "wo",  "write a core mask: release those cores from reset"),
    Register("RUN_CLEAR",   0x24, "wo",  "write a core mask: hold those cores in reset"),
    Register("RUNNING",     0x28, "ro",  "core mask: released and neither halted nor faulted"),
    Register("HALTED",      0x2C, "ro",  "core mask: halted through the HALT CSR"),
    Register("FAULTED",     0x30, "ro",  "core mask: trapped or stopped by a bus fault"),
    Register("HOST_RX",     0x34, "ro",  "doorbell: bit k set while core k's HOST_OUT slot is full"),
    Register("HOST_RX_ACK", 0x38, "w1c", "write 1 to bit k: empty core k's HOST_OUT slot"),
    Register("HOST_TX",     0x3C, "ro",  "bit k set while core k's HOST_IN slot is still full"),
    Register("CYCLE_LO",    0x40, "ro",  "free-running cycle counter, low word"),
    Register("CYCLE_HI",    0x44, "ro",  "free-running cycle counter, high word (latched on LO read)"),
    Register("SCRATCH",     0x48, "rw",  "read/write scratch register for bus tests"),
), doc="global registers (host view)")

CORE_CTRL_REGS = RegisterBlock("CORE", HOST_MAP["CORE_CTRL"].base, (
    Register("CTRL",        0x00, "rw",  "Ctrl bits"),
    Register("STATUS",      0x04, "ro",  "Status bits"),
    Register("EXIT_CODE",   0x08, "ro",  "value the core last wrote to its HALT CSR"),
    Register("FAULT_CAUSE", 0x0C, "ro",  "FaultCause of the last fault"),
    Register("FAULT_ADDR",  0x10, "ro",  "bus address of the faulting access"),
    Register("LAST_PC",     0x14, "ro",  "address of the last instruction fetched"),
    Register("CYCLE_LO",    0x18, "ro",  "cycles spent running since release, low word"),
    Register("CYCLE_HI",    0x1C, "ro",  "high word (latched when LO is read)"),
    Register("INSTRET_LO",  0x20, "ro",  "instructions fetched since release, low word"),
    Register("INSTRET_HI",  0x24, "ro",  "high word (latched when LO is read)"),
), stride=HOST_MAP["CORE_CTRL"].stride, count=MAX_CORES, doc="per-core control (host view)")


# -- Core view: the PicoRV32 memory bus --------------------------------------------------------

CORE_MAP = {
    "RAM":            Region("RAM", 0x0000_0000, MAX_MEM_BYTES,
                             "local RAM; the populated size is in the MEM_BYTES CSR"),
    "MAILBOX":        Region("MAILBOX", 0x1000_0000, 0x1000, "this core's own mailbox memory"),
    "REMOTE_MAILBOX": Region("REMOTE_MAILBOX", 0x2000_0000, 0x1000,
                             "core r's mailbox; only the slot reserved for this core is writable",
                             stride=0x1000, count=MAX_CORES),
    "SHARED":         Region("SHARED", 0x3000_0000, 0x10_0000, "shared on-chip memory"),
    "CSR":            Region("CSR", 0x4000_0000, 0x100, "this tile's control registers"),
}

#: Reset vector and interrupt entry (PicoRV32 PROGADDR_RESET / PROGADDR_IRQ).
RESET_VECTOR = 0x0000_0000
IRQ_VECTOR = 0x0000_0010

TILE_CSRS = RegisterBlock("CSR", CORE_MAP["CSR"].base, (
    Register("CORE_ID",     0x00, "ro",  "this core's id, 0 .. NUM_CORES-1"),
    Register("NUM_CORES",   0x04, "ro",  "number of device cores in the fabric"),
    Register("MEM_BYTES",   0x08, "ro",  "size of local RAM in bytes"),
    Register("FEATURES",    0x0C, "ro",  "Feature bits of this tile"),
    Register("CYCLE_LO",    0x10, "ro",  "cycles since release, low word"),
    Register("CYCLE_HI",    0x14, "ro",  "high word (latched when LO is read)"),
    Register("INSTRET_LO",  0x18, "ro",  "instructions fetched since release, low word"),
    Register("INSTRET_HI",  0x1C, "ro",  "high word (latched when LO is read)"),
    Register("MBOX_RX",     0x20, "ro",  "bit s: the slot from core s holds an unread message"),
    Register("MBOX_TX",     0x24, "ro",  "bit r: this core's slot at core r is still full"),
    Register("MBOX_HOST",   0x28, "ro",  "MboxHost bits"),
    Register("MBOX_ACK",    0x2C, "wo",  "write a slot index: mark that inbound slot empty"),
    Register("IRQ_ENABLE",  0x30, "rw",  "Irq bits that raise the PicoRV32 external interrupt"),
    Register("HALT",        0x34, "wo",  "write an ExitCode: the core stops and reports HALTED"),
    Register("ABI",         0x38, "ro",  "ABI_HASH, as in the global register"),
    Register("SHARED_BYTES", 0x3C, "ro", "shared on-chip memory in bytes (0: none)"),
), doc="tile control registers (core view)")


class Ctrl(_Enum):
    """Bits of a core's CTRL register."""
    RUN = 1 << 0       # 1 releases the core (restarting it if stopped); 0 holds it in reset


class MboxHost(_Enum):
    """Bits of the MBOX_HOST CSR."""
    IN_FULL = 1 << 0   # HOST_IN holds a message from the host that the core has not acked
    OUT_FULL = 1 << 1  # HOST_OUT holds a message the host has not acked yet


class Status(_Enum):
    """Bits of a core's STATUS register."""
    RUNNING = 1 << 0   # released, and not halted or faulted
    HALTED = 1 << 1    # wrote its HALT CSR
    TRAPPED = 1 << 2   # PicoRV32 raised trap (illegal instruction, misaligned access, ebreak)
    FAULT = 1 << 3     # bus fault; see FAULT_CAUSE and FAULT_ADDR


class FaultCause(_Enum):
    """Values of FAULT_CAUSE."""
    NONE = 0
    TRAP = 1           # the PicoRV32 trap output rose
    UNMAPPED_LOAD = 2  # load or fetch from an address no region answers
    UNMAPPED_STORE = 3  # store to an address no region answers
    FORBIDDEN = 4      # access to a region this core may not use that way


class Feature(_Enum):
    """Bits of the FEATURES registers."""
    ISA_M = 1 << 0      # hardware multiply and divide
    ISA_C = 1 << 1      # compressed instructions
    FAST_MUL = 1 << 2   # single-cycle multiplier
    SHARED_MEM = 1 << 3  # shared on-chip memory present
    DMA = 1 << 4        # DMA engine to host memory present
    FPU = 1 << 5        # Zfinx floating-point unit (per tile)
    CORE_MAILBOX = 1 << 6  # core-to-core mailbox writes are routed


class Irq(_Enum):
    """Bits of IRQ_ENABLE; the tile drives PicoRV32 interrupt IRQ_LINE with their OR."""
    MBOX_RX = 1 << 0   # an inbound slot became full
    LINE = 4           # PicoRV32 irq[] bit the tile drives (0..2 are PicoRV32's own)


# -- Mailboxes -----------------------------------------------------------------------------------
#
# Each core owns a mailbox memory of fixed-size slots. A slot has exactly one writer and one
# reader, so messages never contend. The writer fills the payload words first and the header word
# last; writing the header sets the slot's full flag in hardware (the valid flag). The reader
# consumes the payload and then acknowledges, which clears the flag. A writer waits for the flag
# to clear before reusing the slot. The header also carries an 8-bit sequence number that the
# reader checks, so a lost or repeated message is detected rather than misread.

class Slot(_Enum):
    """Mailbox slot geometry and the header word's bit fields."""
    BYTES = 64                  # one slot
    PAYLOAD_OFFSET = 4          # payload follows the header word
    PAYLOAD_BYTES = 60
    HOST_IN = 0                 # slot index: host -> this core
    HOST_OUT = 1                # slot index: this core -> host
    CORE_IN_BASE = 2            # slot index 2 + s: core s -> this core
    # header word
    SEQ_SHIFT = 0
    SEQ_MASK = 0xFF
    TAG_SHIFT = 8
    TAG_MASK = 0x7F
    MORE_BIT = 1 << 15          # another chunk of the same message follows
    LEN_SHIFT = 16
    LEN_MASK = 0xFFFF           # payload bytes in this chunk (<= PAYLOAD_BYTES)


def slot_offset(index):
    """Byte offset of mailbox slot ``index`` inside a mailbox memory."""
    if not 0 <= index < Slot.CORE_IN_BASE + MAX_CORES:
        raise ValueError(f"slot index must be in range(0, {Slot.CORE_IN_BASE + MAX_CORES}), "
                         f"not {index!r}")
    return index * Slot.BYTES


def mailbox_bytes(num_cores):
    """Bytes of mailbox memory a tile needs in a fabric of ``num_cores`` cores."""
    return (Slot.CORE_IN_BASE + num_cores) * Slot.BYTES


def pack_header(seq, tag, length, more=False):
    if not 0 <= length <= Slot.PAYLOAD_BYTES:
        raise ValueError(f"chunk length must be at most {Slot.PAYLOAD_BYTES}, not {length!r}")
    return ((length << Slot.LEN_SHIFT) | (Slot.MORE_BIT if more else 0) |
            ((tag & Slot.TAG_MASK) << Slot.TAG_SHIFT) | (seq & Slot.SEQ_MASK))


def unpack_header(word):
    """Return ``(seq, tag, length, more)`` of a slot header word."""
    return (word & Slot.SEQ_MASK, (word >> Slot.TAG_SHIFT) & Slot.TAG_MASK,
            (word >> Slot.LEN_SHIFT) & Slot.LEN_MASK, bool(word & Slot.MORE_BIT))


class Service(_Enum):
    """Tags of messages a core sends to the host monitor through its HOST_OUT slot."""
    PRINT = 1    # payload: sep, end and the arguments of print(), each marshalled (text.py), chunked;
                 # the host prints complete lines of their text as "[core K] ..."
    ERROR = 2    # payload: ErrorRecord (uncaught exception), chunked
    INPUT = 3    # payload: prompt text; the host answers with HostTag.INPUT_REPLY
    USER = 4     # payload: a parallel-module message for the host acting as a core
    CALL = 5     # payload: u8 host function id, marshalled argument tuple (bytecode/hostcalls.py);
                 # the host answers with HostTag.CALL_REPLY


class HostTag(_Enum):
    """Tags of messages the host sends through a core's HOST_IN slot."""
    INPUT_REPLY = 64   # payload: a host call reply (hostcalls.py) whose result is the line read,
                       # without its newline (EOFError at the end of the input)
    USER = 65          # payload: a parallel-module message from the host acting as a core
    CALL_REPLY = 66    # payload: a host call reply: status, then the result or the exception


class CoreTag(_Enum):
    """Tags of messages between cores (CORE_IN slots)."""
    USER = 96          # payload: a parallel-module message


class ErrorRecord(_Enum):
    """Layout of a Service.ERROR payload: a fixed head, then the exception, marshalled.

    The exception is a ``marshal.Code.EXC`` value: class, message id (bytecode/messages.py; 0 for
    an exception the program made) and the argument tuple; the host makes its message.
    """
    LINE = 0           # u32 source line
    EXC = 4            # u16 exception id (microcore.bytecode.exceptions)
    CODE = 6           # u16 index of the code object that raised
    MESSAGE = 8        # the marshalled exception follows


# -- Boot ----------------------------------------------------------------------------------------

class BootBlock(_Enum):
    """Byte offsets of the firmware boot block, which sits at BootBlock.ADDR in local RAM.

    The linker places it in the firmware image; the host reads it from the image to find where
    the program goes, and writes the host-owned fields in the core's RAM before release.
    """
    ADDR = 0x40
    MAGIC = 0x00            # FIRMWARE_MAGIC
    ABI_HASH = 0x04         # ABI_HASH the firmware was built against
    BC_VERSION = 0x08       # bytecode format version the VM runs
    IMAGE_BYTES = 0x0C      # bytes of the loadable image (text + data)
    PROG_BASE = 0x10        # where the host writes the bytecode image
    PROG_BYTES = 0x14       # host-owned: length of the bytecode image (0: none)
    WORLD_SIZE = 0x18       # host-owned: cores in the program, device and virtual (0: NUM_CORES)
    BOOT_FLAGS = 0x1C       # host-owned: reserved, 0
    STACK_BYTES = 0x20      # bytes reserved for the C stack at the top of RAM
    PAR_WAIT = 0x24         # core-owned: what the parallel module waits for (bytecode/parallel.py)
    PAR_PROGRESS = 0x28     # core-owned: the parallel module's count of chunks moved
    SIZE = 0x40


class ExitCode(_Enum):
    """Values a core writes to its HALT CSR."""
    OK = 0
    EXCEPTION = 1     # an uncaught Python exception (reported by Service.ERROR first)
    BAD_IMAGE = 2     # the bytecode image failed validation
    BAD_BOOT = 3      # boot block magic or ABI hash wrong
    PANIC = 4         # an internal VM invariant failed


# -- DMA to host memory ---------------------------------------------------------------------------
#
# With Feature.DMA, one DMA engine moves data between host memory (DDR, through the fabric's AXI4
# master on the Zynq HP port) and the cores' local RAM. Each core programs its own request through
# the DMA registers in its CSR window; the engine serves the cores' requests one transfer at a
# time, round-robin. The host and local addresses must be equal modulo DMA_ALIGN; the length may
# be any number of bytes (unaligned heads and tails use byte strobes).

#: Host and local addresses of a transfer must be congruent modulo this (the bus width in bytes).
DMA_ALIGN = 8

DMA_REGS = RegisterBlock("DMA", CORE_MAP["CSR"].base, (
    Register("DMA_HOST",    0x80, "wo",  "host physical address of the transfer"),
    Register("DMA_LOCAL",   0x84, "wo",  "local RAM address (core view) of the transfer"),
    Register("DMA_LEN",     0x88, "wo",  "length in bytes"),
    Register("DMA_START",   0x8C, "wo",  "DmaStart bits: start a transfer (ignored while BUSY)"),
    Register("DMA_STATUS",  0x90, "ro",  "DmaStatus bits of this core's last transfer"),
), doc="DMA request registers (core view, in the CSR window; only with Feature.DMA)")


class DmaStart(_Enum):
    """Bits written to DMA_START."""
    GO = 1 << 0        # start the transfer described by DMA_HOST, DMA_LOCAL, DMA_LEN
    TO_HOST = 1 << 1   # direction: 1 local RAM -> host memory, 0 host memory -> local RAM


class DmaStatus(_Enum):
    """Bits of DMA_STATUS; a start clears DONE and the error bits and sets BUSY."""
    BUSY = 1 << 0       # queued or running; DMA_* writes are ignored meanwhile
    DONE = 1 << 1       # the last transfer ended (with or without an error)
    ERR_RANGE = 1 << 2  # rejected: local range outside this core's RAM, host range past 4 GiB,
                        # or addresses not congruent modulo DMA_ALIGN (nothing was moved)
    ERR_BUS = 1 << 3    # the AXI bus answered SLVERR/DECERR (data from then on was dropped)


# -- Derived views -------------------------------------------------------------------------------

def _collect():
    items = [("ABI_VERSION_MAJOR", ABI_VERSION[0]), ("ABI_VERSION_MINOR", ABI_VERSION[1]),
             ("ABI_VERSION_PATCH", ABI_VERSION[2]),
             ("ABI_VERSION", ABI_VERSION[0] << 16 | ABI_VERSION[1] << 8 | ABI_VERSION[2]),
             ("FABRIC_MAGIC", FABRIC_MAGIC), ("FIRMWARE_MAGIC", FIRMWARE_MAGIC),
             ("MAX_CORES", MAX_CORES), ("MIN_MEM_BYTES", MIN_MEM_BYTES),
             ("MAX_MEM_BYTES", MAX_MEM_BYTES), ("HOST_WINDOW_BITS", HOST_WINDOW_BITS),
             ("RESET_VECTOR", RESET_VECTOR), ("IRQ_VECTOR", IRQ_VECTOR),
             ("DMA_ALIGN", DMA_ALIGN)]
    for prefix, regions in (("HOST", HOST_MAP), ("CORE", CORE_MAP)):
        for region in regions.values():
            items.append((f"{prefix}_{region.name}_BASE", region.base))
            items.append((f"{prefix}_{region.name}_SIZE", region.size))
            if region.count > 1:
                items.append((f"{prefix}_{region.name}_STRIDE", region.stride))
    for block, prefix in ((GLOBAL_REGS, "REG"), (CORE_CTRL_REGS, "CORE_REG"), (TILE_CSRS, "CSR"),
                          (DMA_REGS, "CSR")):
        for reg in block.registers:
            items.append((f"{prefix}_{reg.name}", reg.offset))
    for enum, prefix in ((Ctrl, "CTRL"), (MboxHost, "MBOX_HOST"), (Status, "STATUS"), (FaultCause, "FAULT"), (Feature, "FEATURE"),
                         (Irq, "IRQ"), (Slot, "SLOT"), (Service, "SVC"), (HostTag, "HOST_TAG"),
                         (CoreTag, "CORE_TAG"), (ErrorRecord, "ERROR_RECORD"),
                         (BootBlock, "BOOT"), (ExitCode, "EXIT"), (DmaStart, "DMA_START"),
                         (DmaStatus, "DMA_STATUS")):
        items.extend((f"{prefix}_{k}", v) for k, v in enum.items())
    return items


def _hash(items):
    text = "\n".join(f"{name}={value}" for name, value in items)
    return zlib.crc32(text.encode())


_ITEMS = _collect()

#: CRC-32 over every named constant of the contract; the handshake value.
ABI_HASH = _hash(_ITEMS)


def all_constants():
    """Return ``[(name, value), ...]`` for every constant of the contract, ``ABI_HASH`` last."""
    return list(_ITEMS) + [("ABI_HASH", ABI_HASH)]
