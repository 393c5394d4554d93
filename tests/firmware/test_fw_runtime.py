"""The device-only C code, compiled natively: the soft-float routines against the host's FPU, and
the mailbox sender and device port against a model of the tile."""

import struct
import subprocess

import pytest

from conftest import FIRMWARE, make
from microcore import abi

C_DIR = __import__("pathlib").Path(__file__).resolve().parent / "c"


@pytest.fixture(scope="session")
def generated(native_build):
    return native_build / "generated"


def compile_c(tmp_path, name, sources, *flags):
    exe = tmp_path / name
    cmd = ["gcc", "-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror", "-ffp-contract=off",
           "-fsanitize=address,undefined", "-fno-sanitize-recover=all", *flags, "-o", str(exe),
           *map(str, sources), "-lm"]
    subprocess.run(cmd, check=True)
    return exe


def test_softfloat_matches_hardware(tmp_path):
    exe = compile_c(tmp_path, "test_softfloat", [C_DIR / "test_softfloat.c"],
                    f"-I{FIRMWARE / 'runtime'}", "-Wno-missing-prototypes")
    result = subprocess.run([str(exe), "400000"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok")


@pytest.fixture(scope="session")
def mailbox_exe(tmp_path_factory, generated):
    tmp = tmp_path_factory.mktemp("mailbox")
    return compile_c(tmp, "test_mailbox",
                     [C_DIR / "test_mailbox.c", FIRMWARE / "runtime" / "mailbox.c",
                      FIRMWARE / "runtime" / "port_rv32.c"],
                     "-include", str(C_DIR / "fake_mmio.h"), f"-I{FIRMWARE}",
                     f"-I{FIRMWARE / 'vm'}", f"-I{FIRMWARE / 'runtime'}", f"-I{generated}",
                     "-Wno-missing-prototypes")


def messages(exe, *commands):
    """Run the harness; return [(seq, tag, payload bytes)] with chunks joined into messages."""
    result = subprocess.run([str(exe), *commands], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    out, chunks, current = [], [], None
    for line in result.stdout.splitlines():
        if not line.startswith("chunk"):
            out.append(line)
            continue
        _, header, payload = (line.split(" ") + [""])[:3]
        seq, tag, length, more = abi.unpack_header(int(header, 16))
        data = bytes.fromhex(payload)
        assert len(data) == length <= abi.Slot.PAYLOAD_BYTES
        chunks.append((seq, tag, length, more))
        if current is None:
            current = (seq, tag, bytearray())
        assert tag == current[1]
        current[2].extend(data)
        if not more:
            out.append((current[0], current[1], bytes(current[2])))
            current = None
    assert current is None, "message left unfinished"
    return out, chunks


def test_print_message(mailbox_exe):
    out, chunks = messages(mailbox_exe, "print:hello\n")
    assert out == [(1, abi.Service.PRINT, b"hello\n")]
    assert chunks == [(1, abi.Service.PRINT, 6, False)]


@pytest.mark.parametrize("n, lengths", [
    (0, [0]), (1, [1]), (59, [59]), (60, [60]), (61, [60, 1]), (120, [60, 60]),
    (150, [60, 60, 30]), (1000, [60] * 16 + [40]),
])
def test_chunking(mailbox_exe, n, lengths):
    out, chunks = messages(mailbox_exe, f"repeat:{n}:z")
    assert out == [(1, abi.Service.PRINT, b"z" * n)]
    assert [c[2] for c in chunks] == lengths
    assert [c[3] for c in chunks] == [True] * (len(lengths) - 1) + [False]
    assert [c[0] for c in chunks] == list(range(1, len(lengths) + 1))


def test_sequence_numbers_wrap(mailbox_exe):
    out, chunks = messages(mailbox_exe, *(["print:x"] * 300))
    assert [c[0] for c in chunks] == [(i + 1) % 256 for i in range(300)]


def test_error_record(mailbox_exe):
    text = "unsupported operand type(s) for +: 'int' and 'str' " * 2
    out, _ = messages(mailbox_exe, "print:before", f"error:9:3:70000:{text}")
    assert out[0] == (1, abi.Service.PRINT, b"before")
    seq, tag, payload = out[1]
    assert (seq, tag) == (2, abi.Service.ERROR)
    R = abi.ErrorRecord
    assert struct.unpack_from("<I", payload, R.LINE)[0] == 70000
    assert struct.unpack_from("<H", payload, R.EXC)[0] == 9
    assert struct.unpack_from("<H", payload, R.CODE)[0] == 3
    assert payload[R.MESSAGE:].decode() == text


def test_core_identity(mailbox_exe):
    out, _ = messages(mailbox_exe, "ids")
    assert out == ["ids 5 8 0"]
