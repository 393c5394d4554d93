"""libmcvm.so through ctypes, as the host's virtual cores will use it."""

import ctypes
import threading

import pytest

from fwasm import build, printing
from microcore import abi
from microcore.bytecode.hostcalls import error_message, print_text
from microcore.bytecode.opcodes import BC_VERSION
from test_fw_functions import fib_image

WRITE = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t)
ERROR = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32,
                         ctypes.c_uint32, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t)


class Config(ctypes.Structure):
    _fields_ = [("core_id", ctypes.c_uint32), ("num_cores", ctypes.c_uint32),
                ("is_host", ctypes.c_uint32), ("mem_bytes", ctypes.c_uint32),
                ("write", WRITE), ("error", ERROR), ("user", ctypes.c_void_p),
                ("request", ctypes.c_void_p), ("fabric", ctypes.c_void_p)]


@pytest.fixture(scope="module")
def lib(native_build):
    lib = ctypes.CDLL(str(native_build / "native" / "libmcvm.so"))
    lib.mcvm_run.argtypes = [ctypes.POINTER(Config), ctypes.c_char_p, ctypes.c_size_t,
                             ctypes.c_char_p, ctypes.c_size_t]
    lib.mcvm_run.restype = ctypes.c_int
    lib.mcvm_abi_hash.restype = ctypes.c_uint32
    lib.mcvm_bc_version.restype = ctypes.c_uint32
    return lib


def run(lib, data, core=0, cores=1, is_host=0, mem=0):
    out, errors = [], []
    # print() sends its values; the host formats them (bytecode/text.py).
    write = WRITE(lambda user, text, n: out.append(print_text(ctypes.string_at(text, n))))
    error = ERROR(lambda user, exc, code, line, msg, n:
                  errors.append((exc, code, line, error_message(ctypes.string_at(msg, n)))))
    config = Config(core, cores, is_host, mem, write, error, None)
    reason = ctypes.create_string_buffer(200)
    rc = lib.mcvm_run(ctypes.byref(config), data, len(data), reason, len(reason))
    return rc, "".join(out), errors, reason.value.decode()


def test_exports_only_the_api(native_build):
    import subprocess
    out = subprocess.run(["nm", "-D", "--defined-only", str(native_build / "native" /
                                                            "libmcvm.so")],
                         capture_output=True, text=True, check=True).stdout
    names = {line.split()[-1] for line in out.splitlines() if " T " in line}
    assert names == {"mcvm_run", "mcvm_reply", "mcvm_abi_hash", "mcvm_bc_version"}


def test_contract(lib):
    assert lib.mcvm_abi_hash() == abi.ABI_HASH
    assert lib.mcvm_bc_version() == BC_VERSION


def test_run(lib):
    rc, out, errors, _ = run(lib, fib_image().to_bytes())
    assert (rc, out, errors) == (abi.ExitCode.OK, "6765\n", [])


def test_identity(lib):
    image = build(printing(("CALL_BUILTIN", ("coreid", 0)), ("CALL_BUILTIN", ("numcores", 0)),
                           ("CALL_BUILTIN", ("ishost", 0)), n=3)).to_bytes()
    assert run(lib, image, core=6, cores=9, is_host=1)[1] == "6 9 True\n"


def test_error(lib):
    image = build([("line", 4), ("LOAD_CONST", 1), ("LOAD_CONST", 0), ("BINARY_MOD",),
                   ("RETURN_VALUE",)]).to_bytes()
    rc, out, errors, _ = run(lib, image)
    assert rc == abi.ExitCode.EXCEPTION
    assert errors == [(8, 0, 4, "integer modulo by zero")]


def test_bad_image(lib):
    rc, _, _, reason = run(lib, b"MCBC" + b"\0" * 60)
    assert rc == abi.ExitCode.BAD_IMAGE and reason.startswith("bytecode version")


def test_threads_run_independent_vms(lib):
    images = [build(printing(("LOAD_CONST", f"thread {k}"))).to_bytes() for k in range(4)]
    fib = fib_image().to_bytes()
    results = {}

    def worker(k):
        got = [run(lib, fib if i % 2 else images[k], core=k, cores=4) for i in range(20)]
        results[k] = got

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(4):
        for i, (rc, out, errors, _) in enumerate(results[k]):
            assert (rc, errors) == (0, [])
            assert out == ("6765\n" if i % 2 else f"thread {k}\n")
