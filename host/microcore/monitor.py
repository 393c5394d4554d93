"""The host monitor: services the cores' requests while a program runs.

Each core talks to the host through its HOST_OUT mailbox slot (see ``abi.Slot``). The monitor
polls the fabric's HOST_RX doorbell register (one bus read finds every core with a message),
reassembles chunked messages, checks their sequence numbers, and serves them: text from
``print`` becomes whole lines ``[core K] text`` on the output stream, and an uncaught exception
becomes a :class:`CoreError`. The run ends when no core is running; cores that halt, fault, or
outlive the timeout are reported in :class:`CoreResult` records.
"""

from dataclasses import dataclass, field
import struct
import sys
import threading
import time

from . import abi
from .bytecode import exceptions, hostcalls, parallel

__all__ = ["CoreError", "CoreResult", "LineSink", "Monitor", "ProtocolError"]


class ProtocolError(RuntimeError):
    """A core broke the mailbox protocol (lost, repeated or oversized chunks)."""


@dataclass
class CoreError:
    """An uncaught Python exception on a core."""
    core: int
    exc_name: str
    message: str
    file: str
    line: int
    function: str = "<module>"

    @property
    def exc_type(self):
        """The CPython exception class of the same name."""
        entry = exceptions.BY_NAME.get(self.exc_name)
        return exceptions.python_class(entry.id) if entry else RuntimeError

    def traceback(self):
        """The error as CPython would print it, as a list of lines."""
        text = f"{self.exc_name}: {self.message}" if self.message else self.exc_name
        return ["Traceback (most recent call last):",
                f'  File "{self.file}", line {self.line}, in {self.function}', text]

    def __str__(self):
        return f"core {self.core}: {self.file}:{self.line}: {self.exc_name}: {self.message}"


@dataclass
class CoreResult:
    """How one core's run ended."""
    core: int
    exit_code: int = None          # value written to HALT, or None if it never halted
    cycles: int = 0                # cycles from release to halt (or to the end of the run)
    instret: int = 0
    error: CoreError = None        # uncaught exception
    fault: str = None              # hardware fault description
    timed_out: bool = False
    waiting: str = None            # what it waited on when the run was found deadlocked

    @property
    def ok(self):
        return (self.exit_code == abi.ExitCode.OK and self.error is None and self.fault is None
                and not self.timed_out and self.waiting is None)


class LineSink:
    """Writes whole lines to a stream, one write per line, never interleaving cores mid-line.

    Parameters
    ----------
    stream : file
        Where lines go (default: ``sys.stdout`` at write time).
    prefix : bool
        Put ``[core K] `` before each line.
    only : int or None
        Show only this core's lines.
    """

    def __init__(self, stream=None, prefix=True, only=None):
        self._stream = stream
        self.prefix = prefix
        self.only = only
        self._lock = threading.Lock()

    def prompt(self, core, text, stream=None):
        """Show an ``input()`` prompt (with the core's pending partial line) without a newline:
        the person at the terminal types the rest of the line."""
        if self.only is not None and core != self.only:
            return
        out = stream or self._stream or sys.stdout
        with self._lock:
            out.write(f"[core {core}] {text}" if self.prefix else text)
            out.flush()

    def line(self, core, text, stream=None):
        if self.only is not None and core != self.only:
            return
        out = stream or self._stream or sys.stdout
        with self._lock:
            out.write(f"[core {core}] {text}\n" if self.prefix else f"{text}\n")
            out.flush()


class _Channel:
    """Reassembly state of one core's HOST_OUT slot."""

    def __init__(self):
        self.seq = 1
        self.tag = None
        self.chunks = bytearray()
        self.text = ""

    def accept(self, core, header, payload):
        seq, tag, length, more = abi.unpack_header(header)
        if seq != self.seq:
            raise ProtocolError(f"core {core}: mailbox chunk with sequence {seq}, "
                                f"expected {self.seq}")
        if length > abi.Slot.PAYLOAD_BYTES:
            raise ProtocolError(f"core {core}: mailbox chunk of {length} bytes")
        if self.tag is not None and tag != self.tag:
            raise ProtocolError(f"core {core}: tag changed from {self.tag} to {tag} mid-message")
        self.seq = (self.seq + 1) & abi.Slot.SEQ_MASK
        self.tag = tag
        self.chunks += payload[:length]
        if more:
            return None
        message, self.chunks, self.tag = (tag, bytes(self.chunks)), bytearray(), None
        return message


class Monitor:
    """Run and service a set of released cores until they all stop.

    Parameters
    ----------
    device : microcore.device.Device
    cores : list of int
        The cores taking part (already loaded).
    image : microcore.bytecode.container.Image
        The program they run, to name files and functions in errors.
    sink : LineSink
    """

    #: Cycles advanced between polls while no core has anything to say.
    POLL_CYCLES = 20_000

    def __init__(self, device, cores, image, sink=None, error_stream=None, input_stream=None):
        self.device = device
        self.bus = device.bus
        self.cores = list(cores)
        self.image = image
        self.sink = sink or LineSink()
        self.error_stream = error_stream
        self.input_stream = input_stream        # where input() reads (default: sys.stdin)
        self._in_seq = {k: 0 for k in self.cores}   # last HOST_IN sequence number sent
        self.results = {k: CoreResult(k) for k in self.cores}
        self._channels = {k: _Channel() for k in self.cores}
        self._last_waits, self._same_waits = None, 0

    # -- mailbox ---------------------------------------------------------------------------------

    def _slot_address(self, core):
        return abi.HOST_MAP["MAILBOX"].address(core, abi.slot_offset(abi.Slot.HOST_OUT))

    def _drain(self, pending):
        for core in self.cores:
            if not pending & (1 << core):
                continue
            base = self._slot_address(core)
            header = self.bus.read32(base)
            length = (header >> abi.Slot.LEN_SHIFT) & abi.Slot.LEN_MASK
            words = self.bus.read_block(base + abi.Slot.PAYLOAD_OFFSET,
                                        min(length, abi.Slot.PAYLOAD_BYTES) // 4 +
                                        bool(length % 4)) if length else []
            self.bus.write32(abi.GLOBAL_REGS.address("HOST_RX_ACK"), 1 << core)
            payload = struct.pack(f"<{len(words)}I", *words)
            message = self._channels[core].accept(core, header, payload)
            if message is not None:
                self._serve(core, *message)

    def _serve(self, core, tag, data):
        if tag == abi.Service.PRINT:
            channel = self._channels[core]
            channel.text += hostcalls.print_text(data)
            *lines, channel.text = channel.text.split("\n")
            for line in lines:
                self.sink.line(core, line)
        elif tag == abi.Service.ERROR:
            self.results[core].error = self._parse_error(core, data)
        elif tag == abi.Service.CALL:
            self._send(core, abi.HostTag.CALL_REPLY, hostcalls.serve_call(data))
        elif tag == abi.Service.INPUT:
            channel = self._channels[core]
            channel.text += data.decode("utf-8", errors="replace")     # the prompt
            if hostcalls.interactive(self.input_stream):
                self.sink.prompt(core, channel.text)
                channel.text = ""
            self._send(core, abi.HostTag.INPUT_REPLY, hostcalls.serve_input(self.input_stream))
        else:
            raise ProtocolError(f"core {core}: unknown service request {tag}")

    #: Cycles advanced while waiting for a core to empty its HOST_IN slot.
    SEND_POLL_CYCLES = 64

    def _send(self, core, tag, payload):
        """Send ``payload`` to ``core`` through its HOST_IN slot, in chunks.

        Each chunk waits until the core has emptied the slot (its bit of ``HOST_TX`` clear),
        then writes the payload words and the header word last.
        """
        base = abi.HOST_MAP["MAILBOX"].address(core, abi.slot_offset(abi.Slot.HOST_IN))
        tx = abi.GLOBAL_REGS.address("HOST_TX")
        chunks = [payload[i:i + abi.Slot.PAYLOAD_BYTES]
                  for i in range(0, len(payload), abi.Slot.PAYLOAD_BYTES)] or [b""]
        for k, chunk in enumerate(chunks):
            while self.bus.read32(tx) & (1 << core):
                self.bus.advance(self.SEND_POLL_CYCLES)
            padded = chunk + bytes(-len(chunk) % 4)
            words = struct.unpack(f"<{len(padded) // 4}I", padded)
            for i, word in enumerate(words):
                self.bus.write32(base + abi.Slot.PAYLOAD_OFFSET + 4 * i, word)
            self._in_seq[core] = (self._in_seq[core] + 1) & abi.Slot.SEQ_MASK
            self.bus.write32(base, abi.pack_header(self._in_seq[core], tag, len(chunk),
                                                   more=k < len(chunks) - 1))

    def _parse_error(self, core, data):
        R = abi.ErrorRecord
        if len(data) < R.MESSAGE:
            raise ProtocolError(f"core {core}: error record of {len(data)} bytes")
        (line,) = struct.unpack_from("<I", data, R.LINE)
        exc_id, code = struct.unpack_from("<HH", data, R.EXC)
        message = hostcalls.error_message(data[R.MESSAGE:])
        exc = exceptions.BY_ID.get(exc_id)
        name = exc.name if exc else f"<exception {exc_id}>"
        file, function = "<unknown>", "<unknown>"
        if code < len(self.image.code):
            obj = self.image.code[code]
            file = obj.file
            function = "<module>" if code == self.image.entry else obj.name
        return CoreError(core, name, message, file, line, function)

    def _flush_text(self, core):
        channel = self._channels[core]
        if channel.text:
            self.sink.line(core, channel.text)
            channel.text = ""

    # -- the run ---------------------------------------------------------------------------------

    def _advance(self, cycles):
        wait = getattr(self.bus, "advance_until_irq", None)
        if wait is not None:
            wait(cycles)
        else:
            self.bus.advance(cycles)

    def run(self, timeout=None):
        """Service the cores until none is running; return ``{core: CoreResult}``.

        ``timeout`` (seconds of host time) stops the run: cores still running are held in reset
        and marked ``timed_out``.
        """
        mask = 0
        for k in self.cores:
            mask |= 1 << k
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            pending = self.device.doorbells() & mask
            if pending:
                self._drain(pending)
                continue
            if not self.device.running_mask() & mask:
                # A core may post its last message just before it halts: drain once more.
                pending = self.device.doorbells() & mask
                if pending:
                    self._drain(pending)
                    continue
                break
            if deadline is not None and time.monotonic() > deadline:
                still = [k for k in self.cores if self.device.running_mask() & (1 << k)]
                self.device.hold(still)
                for k in still:
                    self.results[k].timed_out = True
                break
            stuck = self._deadlocked(mask)
            if stuck:
                self.device.hold(list(stuck))
                for k, word in stuck.items():
                    self.results[k].waiting = parallel.describe_wait(word)
                break
            self._advance(self.POLL_CYCLES)
        self._finish()
        return self.results

    #: Idle polls in a row with every running core blocked in the parallel module, and no chunk
    #: moved anywhere, before the run is declared deadlocked.
    DEADLOCK_POLLS = 3

    def _deadlocked(self, mask):
        """``{core: wait word}`` once every running core has been stuck for DEADLOCK_POLLS polls.

        Each core keeps its wait word and progress count in its RAM (bytecode/parallel.py); a
        blocked core drains its inbound slots while it waits, so a message in flight always
        moves some core's count.
        """
        running = self.device.running_mask() & mask
        words = {}
        for k in self.cores:
            if running & (1 << k):
                base = abi.HOST_MAP["CORE_RAM"].address(k, parallel.WAIT_ADDR)
                words[k] = (self.bus.read32(base), self.bus.read32(base + 4))
                if not words[k][0]:
                    break
        else:
            if words and words == self._last_waits:
                self._same_waits += 1
                if self._same_waits >= self.DEADLOCK_POLLS:
                    return {k: w for k, (w, _) in words.items()}
                return None
        self._last_waits, self._same_waits = words, 0
        return None

    def _finish(self):
        for k in self.cores:
            self._flush_text(k)
            status = self.device.status(k)
            result = self.results[k]
            result.cycles, result.instret = status.cycles, status.instret
            if status.halted:
                result.exit_code = status.exit_code
            if status.faulted:
                result.fault = status.describe_fault()
