"""Virtual cores: the microcore VM running in host threads.

The VM that runs on every device core also builds for the host as ``libmcvm.so`` (see
``firmware/native/mcvm.h``). A *virtual core* is one host thread running a compiled image
through that library, with its own core id: to the program it is a core like any other, except
that ``parallel.ishost()`` is true and ``parallel.isdevice()`` false. Output and uncaught
exceptions reach the host through callbacks instead of mailboxes, and are reported exactly as
the device monitor reports them: whole lines ``[core K] text`` on a :class:`LineSink` and
:class:`CoreError` records in :class:`CoreResult`::

    from microcore.compiler import compile_source
    from microcore.virtual import run_image
    results = run_image(compile_source("print('hi')\\n"), cores=4)

``microcore run FILE --backend virtual`` and ``run_source(..., backend="virtual")`` go through
:func:`run_image`.

Differences from device cores
-----------------------------
* No cycle counts: ``CoreResult.cycles`` and ``instret`` stay 0; :class:`VirtualCoreResult`
  adds the wall-clock ``seconds`` of each core instead.
* Memory: each virtual core gives the VM ``mem_bytes`` (default 64 KiB) for the image, heap and
  VM stack. A device core with 64 KiB of RAM gives it less (the firmware and the C stack take
  their share), so a program at the edge of memory can fail on one and not on the other.
* Timeout and deadlock: the cores share an in-memory fabric (``mcvm_config_t.fabric``, the
  mailboxes of the ``parallel`` module, see docs/parallel.md) whose stop word makes a core
  leave at its next print, wait or ``probe``/``test`` (``PANIC``, reason "stopped by the
  host"). When every live core has been blocked in the parallel module with nothing moving,
  the run is deadlocked: the cores are stopped and each result's ``waiting`` says what it waited
  on. When ``timeout`` expires, the cores still running are stopped that way and marked
  ``timed_out``; a thread running C code cannot be stopped otherwise, so one that only
  computes is left behind as a daemon thread. From then on their output
  is dropped, and the first time one of them prints or raises it is parked for good (it waits
  on an event that is never set), so it no longer uses the CPU; a core that computes without
  printing keeps spinning until the host process exits.
"""

from dataclasses import dataclass
import ctypes
import threading
import time

from . import abi
from .bytecode import exceptions, hostcalls
from .bytecode import opcodes
from .bytecode import parallel as _parallel
from .firmware import FirmwareError, native_library
from .monitor import CoreError, CoreResult, LineSink

__all__ = ["DEFAULT_MEM_BYTES", "StaleLibrary", "VirtualCoreResult", "NativeVM", "open_library",
           "run_image"]

#: Memory each virtual core's VM gets unless a run asks for more (libmcvm's own default).
DEFAULT_MEM_BYTES = 64 * 1024

_WRITE = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t)
_ERROR = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32,
                          ctypes.c_uint32, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t)
_REQUEST = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32,
                            ctypes.POINTER(ctypes.c_char), ctypes.c_size_t, ctypes.c_void_p)


class _Config(ctypes.Structure):
    """``mcvm_config_t``."""
    _fields_ = [("core_id", ctypes.c_uint32), ("num_cores", ctypes.c_uint32),
                ("is_host", ctypes.c_uint32), ("mem_bytes", ctypes.c_uint32),
                ("write", _WRITE), ("error", _ERROR), ("user", ctypes.c_void_p),
                ("request", _REQUEST), ("fabric", ctypes.POINTER(ctypes.c_uint32))]


class StaleLibrary(FirmwareError):
    """``libmcvm.so`` was built from another contract or bytecode version than this host's."""


@dataclass
class VirtualCoreResult(CoreResult):
    """How one virtual core's run ended: a :class:`CoreResult` plus what only the host sees."""
    seconds: float = 0.0       # wall-clock time from the thread's start to the VM's return
    reason: str = None         # libmcvm's reason for BAD_IMAGE or PANIC


class NativeVM:
    """``libmcvm.so`` opened with ctypes; use :func:`open_library`."""

    def __init__(self, path):
        self.path = path
        try:
            lib = ctypes.CDLL(str(path))
        except OSError as exc:
            raise FirmwareError(f"cannot load the native VM library {path}: {exc}") from None
        lib.mcvm_run.argtypes = [ctypes.POINTER(_Config), ctypes.c_char_p, ctypes.c_size_t,
                                 ctypes.c_char_p, ctypes.c_size_t]
        lib.mcvm_run.restype = ctypes.c_int
        lib.mcvm_abi_hash.argtypes = []
        lib.mcvm_abi_hash.restype = ctypes.c_uint32
        lib.mcvm_bc_version.argtypes = []
        lib.mcvm_bc_version.restype = ctypes.c_uint32
        lib.mcvm_reply.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
        lib.mcvm_reply.restype = ctypes.c_int
        self.lib = lib

    @property
    def abi_hash(self):
        return self.lib.mcvm_abi_hash()

    @property
    def bc_version(self):
        return self.lib.mcvm_bc_version()

    def check(self):
        """Raise :class:`StaleLibrary` unless the library speaks this host's contract."""
        if self.abi_hash != abi.ABI_HASH:
            raise StaleLibrary(f"{self.path}: built for contract {self.abi_hash:#010x}, but this "
                               f"host package speaks {abi.ABI_HASH:#010x}; rebuild it "
                               f"(make -C firmware native)")
        if self.bc_version != opcodes.BC_VERSION:
            raise StaleLibrary(f"{self.path}: runs bytecode version {self.bc_version}, but this "
                               f"host package compiles version {opcodes.BC_VERSION}; rebuild it "
                               f"(make -C firmware native)")


_opened = {}
_opened_lock = threading.Lock()


def open_library(path=None):
    """The checked :class:`NativeVM` at ``path`` (default: :func:`firmware.native_library`).

    A library is opened once per process and path (the dynamic loader would hand back the
    first copy anyway), and checked against the host's contract on every call.
    """
    path = native_library(path).resolve()
    with _opened_lock:
        vm = _opened.get(path)
        if vm is None:
            vm = _opened[path] = NativeVM(path)
    vm.check()
    return vm


def _core_error(image, core, exc_id, code, line, message):
    """A :class:`CoreError` named from the image's code objects.

    The same naming as ``Monitor._parse_error`` (which takes the device's packed error record);
    duplicated here rather than factored out, so that monitor.py stays as it is.
    """
    exc = exceptions.BY_ID.get(exc_id)
    name = exc.name if exc else f"<exception {exc_id}>"
    file, function = "<unknown>", "<unknown>"
    if code < len(image.code):
        obj = image.code[code]
        file = obj.file
        function = "<module>" if code == image.entry else obj.name
    return CoreError(core, name, message, file, line, function)


#: Seconds between two looks at the virtual cores' wait words; a deadlock is declared when every
#: live core has been blocked, with no chunk moved anywhere, for _WATCH_LOOKS looks in a row.
_WATCH_SECONDS = 0.05
_WATCH_LOOKS = 4
#: Seconds to wait for a core told to stop (one that computes without printing cannot).
_STOP_SECONDS = 1.0
#: libmcvm's panic reason for a core stopped by the host.
_STOPPED = "stopped by the host"


class _DeadlockWatch:
    """Tells a deadlock of virtual cores from a slow run, from their wait words."""

    def __init__(self, fabric, cores):
        self.fabric = fabric
        self.base = cores * cores * _parallel.NATIVE_SLOT_WORDS
        self.last = None
        self.same = 0

    def check(self, live):
        """``{core: wait word}`` if every core in ``live`` is stuck, else None."""
        words = {k: (self.fabric[self.base + 2 * k], self.fabric[self.base + 2 * k + 1])
                 for k in live}
        if not live or not all(w for w, _ in words.values()) or words != self.last:
            self.last, self.same = words, 0
            return None
        self.same += 1
        return {k: w for k, (w, _) in words.items()} if self.same >= _WATCH_LOOKS else None


#: Never set: abandoned threads wait on it for good (see the module's notes on timeouts).
_PARKED = threading.Event()


class _VirtualCore:
    """One thread running the VM, and the host side of its callbacks."""

    def __init__(self, vm, image, program, core, num_cores, mem_bytes, sink, input_stream=None,
                 fabric=None):
        self.vm, self.image, self.program = vm, image, program
        self.core = core
        self.sink = sink
        self.result = VirtualCoreResult(core)
        self.text = ""                   # output after the last newline
        self.abandoned = False
        self.failure = None              # an exception raised inside a callback
        self.lock = threading.Lock()
        # The callbacks and the config must outlive the call, even in an abandoned thread: they
        # are kept on this object, which the thread keeps alive.
        self._write = _WRITE(self._on_write)
        self._error = _ERROR(self._on_error)
        self._request = _REQUEST(self._on_request)
        self.input_stream = input_stream
        self.fabric = fabric            # the run's in-memory mailboxes, kept alive here
        self.config = _Config(core, num_cores, 1, mem_bytes, self._write, self._error, None,
                              self._request, fabric)
        self.thread = threading.Thread(target=self._main, name=f"microcore-virtual-{core}",
                                       daemon=True)

    def _main(self):
        reason = ctypes.create_string_buffer(256)
        start = time.monotonic()
        try:
            rc = self.vm.lib.mcvm_run(ctypes.byref(self.config), self.program,
                                      len(self.program), reason, len(reason))
        except BaseException as exc:     # noqa: BLE001 - reported by the host thread
            self.failure = self.failure or exc
            return
        with self.lock:
            if self.abandoned:
                return
            self.result.seconds = time.monotonic() - start
            self.result.exit_code = rc
            if rc not in (abi.ExitCode.OK, abi.ExitCode.EXCEPTION):
                self.result.reason = reason.value.decode("utf-8", errors="replace")

    def _enter(self):
        """Take the lock for a callback; park the thread for good if the run gave up on it."""
        self.lock.acquire()
        if self.abandoned:
            self.lock.release()
            _PARKED.wait()

    def _on_write(self, user, text, n):
        try:
            data = hostcalls.print_text(ctypes.string_at(text, n))
            self._enter()
            try:
                self.text += data
                *lines, self.text = self.text.split("\n")
                for line in lines:
                    self.sink.line(self.core, line)
            finally:
                self.lock.release()
        except BaseException as exc:     # noqa: BLE001 - a callback must not raise into C
            self.failure = self.failure or exc

    def _on_request(self, user, service, request, n, reply):
        """A host call or input(): served by the same Python as the monitor's (hostcalls.py)."""
        try:
            data = ctypes.string_at(request, n)
            if service == abi.Service.CALL:
                payload = hostcalls.serve_call(data)
            elif service == abi.Service.INPUT:
                self._enter()
                try:
                    self.text += data.decode("utf-8", errors="replace")     # the prompt
                    if hostcalls.interactive(self.input_stream):
                        self.sink.prompt(self.core, self.text)
                        self.text = ""
                finally:
                    self.lock.release()
                payload = hostcalls.serve_input(self.input_stream)
            else:
                return 1
            self.vm.lib.mcvm_reply(reply, payload, len(payload))
            return 0
        except BaseException as exc:     # noqa: BLE001 - a callback must not raise into C
            self.failure = self.failure or exc
            return 1

    def _on_error(self, user, exc_id, code, line, message, n):
        try:
            text = hostcalls.error_message(ctypes.string_at(message, n))
            error = _core_error(self.image, self.core, exc_id, code, line, text)
            self._enter()
            try:
                self.result.error = error
            finally:
                self.lock.release()
        except BaseException as exc:     # noqa: BLE001
            self.failure = self.failure or exc

    def finish(self, timed_out):
        """End the host's side: flush a partial last line; give up on a core still running."""
        with self.lock:
            if timed_out:
                self.abandoned = True
                self.result.timed_out = True
            if self.text:
                self.sink.line(self.core, self.text)
                self.text = ""


def run_image(image, cores, sink=None, timeout=None, mem_bytes=None, library=None,
              input_stream=None):
    """Run the compiled ``image`` on ``cores`` virtual cores; return ``{core: VirtualCoreResult}``.

    Core K runs in its own thread with ``coreid() == K``, ``numcores() == cores`` and
    ``ishost()`` true. Lines go to ``sink`` (a :class:`LineSink`) as each core completes them.
    ``timeout`` (seconds) ends the run early; see the module's notes for what happens to cores
    still running then. ``mem_bytes`` is each VM's memory (default :data:`DEFAULT_MEM_BYTES`);
    ``library`` the path of ``libmcvm.so``; ``input_stream`` where ``input()`` reads lines
    (default: ``sys.stdin`` at the time of the call). Raises :class:`StaleLibrary` if the library was
    built from another contract, and ``ProgramTooLarge`` if the image cannot fit.
    """
    from .device import ProgramTooLarge

    if not isinstance(cores, int) or cores < 1:
        raise ValueError(f"cores must be a positive integer, not {cores!r}")
    mem_bytes = DEFAULT_MEM_BYTES if mem_bytes is None else mem_bytes
    if not isinstance(mem_bytes, int) or not 0 < mem_bytes <= 1 << 30:
        raise ValueError(f"mem_bytes must be between 1 and 2**30, not {mem_bytes!r}")
    vm = open_library(library)
    program = image.to_bytes()
    if len(program) > mem_bytes:
        raise ProgramTooLarge(f"the program's bytecode is {len(program)} bytes, but a virtual "
                              f"core has {mem_bytes} bytes for program and heap")
    sink = sink or LineSink()
    fabric = (ctypes.c_uint32 * _parallel.native_words(cores))()
    pointer = ctypes.cast(fabric, ctypes.POINTER(ctypes.c_uint32))
    workers = [_VirtualCore(vm, image, program, k, cores, mem_bytes, sink, input_stream,
                            pointer)
               for k in range(cores)]
    deadline = None if timeout is None else time.monotonic() + timeout
    interrupted = True
    timed_out = False
    try:
        for worker in workers:
            worker.thread.start()
        watch = _DeadlockWatch(fabric, cores)
        while any(w.thread.is_alive() for w in workers):
            if deadline is not None and time.monotonic() > deadline:
                timed_out = True
                break
            live = [w.core for w in workers if w.thread.is_alive()]
            stuck = watch.check(live)
            if stuck:
                for core, word in stuck.items():
                    workers[core].result.waiting = _parallel.describe_wait(word)
                break
            workers[live[0]].thread.join(_WATCH_SECONDS)
        if timed_out or any(w.result.waiting for w in workers):
            # Cores blocked in the parallel module, or printing, stop at once (PANIC).
            fabric[_parallel.native_words(cores) - 1] = 1
            for worker in workers:
                worker.thread.join(_STOP_SECONDS)
        interrupted = False
    finally:
        # On KeyboardInterrupt too: stop reporting, and leave running threads parked or spinning.
        for worker in workers:
            stopped = worker.thread.is_alive() or worker.result.reason == _STOPPED
            worker.finish(timed_out=(timed_out and stopped) or
                          (interrupted and worker.result.exit_code is None))
    for worker in workers:
        if worker.failure is not None:
            raise worker.failure
    return {worker.core: worker.result for worker in workers}
