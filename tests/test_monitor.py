"""The host monitor against a scripted fabric: reassembly, line output, errors, protocol checks."""

import io
import struct

import pytest

from microcore import abi
from microcore.bytecode.container import CodeObject, Image
from microcore.bytecode.exceptions import BY_NAME
from microcore.bytecode import messages
from microcore.bytecode.text import encode_exception, print_payload
from microcore.device import Device
from microcore.monitor import LineSink, Monitor, ProtocolError

G = abi.GLOBAL_REGS
C = abi.CORE_CTRL_REGS


class ScriptedFabric:
    """A bus whose cores post scripted HOST_OUT chunks, one per core per poll, then halt."""

    def __init__(self, num_cores, scripts):
        self.num_cores = num_cores
        self.scripts = {k: list(s) for k, s in scripts.items()}   # core -> [(header, payload)]
        self.slots = {}                                           # core -> words of HOST_OUT
        self.halted = set()
        self.cycles = 0
        self.reads = []

    def _post(self):
        for k, script in self.scripts.items():
            if k not in self.slots and script:
                header, payload = script.pop(0)
                data = payload + b"\0" * (-len(payload) % 4)
                self.slots[k] = [header, *struct.unpack(f"<{len(data) // 4}I", data)]
            elif k not in self.slots and not script:
                self.halted.add(k)

    def read32(self, addr):
        self.reads.append(addr)
        values = {G.address("ID"): abi.FABRIC_MAGIC, G.address("ABI"): abi.ABI_HASH,
                  G.address("VERSION"): 1 << 16, G.address("NUM_CORES"): self.num_cores,
                  G.address("MEM_BYTES"): 65536}
        if addr in values:
            return values[addr]
        if addr == G.address("HOST_RX"):
            return sum(1 << k for k in self.slots)
        if addr == G.address("RUNNING"):
            return sum(1 << k for k in self.scripts if k not in self.halted)
        mbox = abi.HOST_MAP["MAILBOX"]
        if mbox.base <= addr < mbox.end:
            core, offset = divmod(addr - mbox.base, mbox.stride)
            offset -= abi.slot_offset(abi.Slot.HOST_OUT)
            words = self.slots[core]
            return words[offset // 4] if offset // 4 < len(words) else 0
        return 0

    def read_block(self, addr, n):
        if addr == C.address("CTRL", 0) or C.base <= addr < C.base + C.stride * C.count:
            core = (addr - C.base) // C.stride
            words = [0] * 10
            words[C.STATUS // 4] = abi.Status.HALTED if core in self.halted else 0
            words[C.CYCLE_LO // 4] = 1000 + core
            return words
        return [self.read32(addr + 4 * i) for i in range(n)]

    def write32(self, addr, value):
        if addr == G.address("HOST_RX_ACK"):
            for k in range(self.num_cores):
                if value & (1 << k):
                    self.slots.pop(k, None)

    def advance(self, cycles):
        self.cycles += cycles
        self._post()


def chunk(seq, tag, payload, more=False):
    return abi.pack_header(seq, tag, len(payload), more), payload


def print_chunks(text, first_seq=1):
    data = print_payload(text, end="")
    size = abi.Slot.PAYLOAD_BYTES
    parts = [data[i:i + size] for i in range(0, len(data), size)] or [b""]
    return [chunk(first_seq + i, abi.Service.PRINT, p, i < len(parts) - 1)
            for i, p in enumerate(parts)]


IMAGE = Image(code=[CodeObject("<module>", "prog.py", b"\x05\x08", [(0, 1)]),
                    CodeObject("f", "prog.py", b"\x05\x08", [(0, 7)])])


def run(scripts, num_cores=2, **sink_args):
    fabric = ScriptedFabric(num_cores, scripts)
    out = io.StringIO()
    monitor = Monitor(Device(fabric), sorted(scripts), IMAGE, LineSink(out, **sink_args))
    return monitor.run(), out.getvalue(), fabric


def test_lines_are_prefixed_and_whole():
    results, out, _ = run({0: print_chunks("hello\n"), 1: print_chunks("a\nb\n")})
    assert sorted(out.splitlines()) == ["[core 0] hello", "[core 1] a", "[core 1] b"]
    assert all(r.exit_code == 0 and r.ok for r in results.values())
    assert results[1].cycles == 1001


def test_long_text_is_reassembled_from_chunks():
    text = "x" * 150 + "\n"
    results, out, _ = run({0: print_chunks(text)}, num_cores=1)
    assert out == f"[core 0] {'x' * 150}\n"


def test_partial_line_is_joined_and_flushed_at_halt():
    script = print_chunks("abc") + print_chunks("def\ng", first_seq=2)
    _, out, _ = run({0: script}, num_cores=1)
    assert out == "[core 0] abcdef\n[core 0] g\n"


def test_prefix_can_be_turned_off_and_filtered():
    _, out, _ = run({0: print_chunks("zero\n"), 1: print_chunks("one\n")}, prefix=False, only=1)
    assert out == "one\n"


def test_error_record_becomes_core_error():
    exc_id = BY_NAME["ZeroDivisionError"].id
    payload = struct.pack("<IHH", 7, exc_id, 1) + encode_exception(
        exc_id, messages.BY_NAME["DIV_ZERO"].id)
    results, _, _ = run({1: [chunk(1, abi.Service.ERROR, payload)]})
    err = results[1].error
    assert (err.core, err.exc_name, err.file, err.line, err.function) == \
        (1, "ZeroDivisionError", "prog.py", 7, "f")
    assert err.exc_type is ZeroDivisionError
    assert err.traceback() == ["Traceback (most recent call last):",
                               '  File "prog.py", line 7, in f',
                               "ZeroDivisionError: division by zero"]


def test_sequence_gap_is_a_protocol_error():
    with pytest.raises(ProtocolError, match=r"^core 0: mailbox chunk with sequence 3, "
                                            r"expected 2$"):
        run({0: print_chunks("a") + print_chunks("b", first_seq=3)}, num_cores=1)


def test_unknown_service_is_a_protocol_error():
    with pytest.raises(ProtocolError, match=r"^core 0: unknown service request 99$"):
        run({0: [chunk(1, 99, b"")]}, num_cores=1)


def test_idle_poll_is_one_read_per_round():
    _, _, fabric = run({0: print_chunks("hi\n")}, num_cores=1)
    doorbell = G.address("HOST_RX")
    per_core = [a for a in fabric.reads if abi.HOST_MAP["CORE_CTRL"].base <= a <
                abi.HOST_MAP["CORE_CTRL"].end]
    assert fabric.reads.count(doorbell) >= 2 and per_core == []
