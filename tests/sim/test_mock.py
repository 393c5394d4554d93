"""The bus interface's argument checks, BusError, and MockBus."""

import pickle

import pytest

from microcore import abi
from microcore.transport import Bus, BusError, BusTimeoutError, MockBus, Resp, Transaction

SCRATCH = abi.GLOBAL_REGS.address("SCRATCH")
ID = abi.GLOBAL_REGS.address("ID")
RAM0 = abi.HOST_MAP["CORE_RAM"].address(0)
WINDOW = 1 << abi.HOST_WINDOW_BITS


def test_memory_round_trip_and_default_zero():
    bus = MockBus()
    assert bus.read32(RAM0) == 0
    bus.write32(RAM0, 0xDEAD_BEEF)
    assert bus.read32(RAM0) == 0xDEAD_BEEF
    assert bus.read32(RAM0 + 4) == 0


def test_byte_strobes_merge():
    bus = MockBus(memory={SCRATCH: 0x1122_3344})
    bus.write32(SCRATCH, 0xAABB_CCDD, strb=0b1010)
    assert bus.read32(SCRATCH) == 0xAA22_CC44


def test_blocks_round_trip_and_are_logged_word_by_word():
    bus = MockBus()
    words = [i * 0x0101_0101 & 0xFFFF_FFFF for i in range(16)]
    bus.write_block(RAM0, words)
    assert bus.read_block(RAM0, 16) == words
    assert [t.addr for t in bus.log[:16]] == [RAM0 + 4 * i for i in range(16)]
    assert bus.read_block(RAM0, 0) == []


def test_expected_transactions_in_order():
    bus = MockBus()
    bus.expect_write(SCRATCH, 5)
    bus.expect_read(ID, abi.FABRIC_MAGIC)
    bus.expect_read(SCRATCH)
    bus.write32(SCRATCH, 5)
    assert bus.read32(ID) == abi.FABRIC_MAGIC
    assert bus.read32(SCRATCH) == 5          # value=None: memory answers
    bus.verify()
    assert bus.log == [Transaction("write", SCRATCH, 5), Transaction("read", ID, abi.FABRIC_MAGIC),
                       Transaction("read", SCRATCH, 5)]


def test_unexpected_address_value_or_strobe_fails():
    bus = MockBus()
    bus.expect_write(SCRATCH, 5)
    with pytest.raises(AssertionError, match="expected write"):
        bus.write32(SCRATCH + 4, 5)
    with pytest.raises(AssertionError, match="got write .* = 0x00000006"):
        bus.write32(SCRATCH, 6)
    with pytest.raises(AssertionError, match="strb=0x1"):
        bus.write32(SCRATCH, 5, strb=1)
    with pytest.raises(AssertionError, match="got read"):
        bus.read32(SCRATCH)
    bus.write32(SCRATCH, 5)
    bus.verify()


def test_verify_lists_missing_transactions():
    bus = MockBus()
    bus.expect_read(ID, 1)
    bus.expect_write(SCRATCH, 2)
    bus.read32(ID)
    with pytest.raises(AssertionError, match=r"1 expected .*\n  write 0x000048 = 0x00000002"):
        bus.verify()
    assert bus.pending == [Transaction("write", SCRATCH, 2)]


def test_scripted_error_responses_raise_bus_error():
    bus = MockBus()
    bus.expect_read(0x100, resp=Resp.DECERR)
    bus.expect_write(ID, 1, resp=Resp.SLVERR)
    with pytest.raises(BusError, match="DECERR") as info:
        bus.read32(0x100)
    assert (info.value.addr, info.value.op, info.value.resp) == (0x100, "read", Resp.DECERR)
    with pytest.raises(BusError, match="write at 0x000000 failed: SLVERR"):
        bus.write32(ID, 1)
    assert ID not in bus.memory


def test_hooks_model_registers():
    bus = MockBus()
    acks = []
    bus.on_read(ID, lambda addr: abi.FABRIC_MAGIC)
    bus.on_write(SCRATCH, lambda addr, value, strb: acks.append(value))
    assert bus.read32(ID) == abi.FABRIC_MAGIC
    bus.write32(SCRATCH, 3)
    assert acks == [3] and SCRATCH not in bus.memory
    bus.on_read(ID, None)
    assert bus.read32(ID) == 0


def test_advance_counts_cycles():
    bus = MockBus()
    assert bus.cycles == 0
    bus.advance(10)
    bus.advance(0)
    bus.advance(5)
    assert bus.cycles == 15


@pytest.mark.parametrize("call, message", [
    (lambda b: b.read32(2), "not 4-byte aligned"),
    (lambda b: b.read32(-4), "outside the bus window"),
    (lambda b: b.read32(WINDOW), "outside the bus window"),
    (lambda b: b.write32(WINDOW - 4, 1 << 32), "unsigned 32-bit"),
    (lambda b: b.write32(0, -1), "unsigned 32-bit"),
    (lambda b: b.write32(0, 0, strb=0x10), "byte-lane mask"),
    (lambda b: b.read_block(WINDOW - 8, 3), r"range 0xfffff8\.\.0x1000003"),
    (lambda b: b.read_block(0, -1), "negative"),
    (lambda b: b.write_block(6, [1]), "not 4-byte aligned"),
    (lambda b: b.write_block(0, [1, 2**32]), r"words\[1\]"),
    (lambda b: b.advance(-1), "negative"),
])
def test_bad_arguments_raise_value_error(call, message):
    bus = MockBus()
    with pytest.raises(ValueError, match=message):
        call(bus)
    assert bus.log == []


def test_window_edges_are_accessible():
    bus = MockBus()
    bus.write_block(WINDOW - 8, [1, 2])
    assert bus.read32(WINDOW - 4) == 2


def test_close_and_context_manager():
    with MockBus() as bus:
        bus.write32(0, 1)
    assert bus.closed
    with pytest.raises(ValueError, match="closed"):
        bus.read32(0)


def test_bus_is_abstract():
    with pytest.raises(TypeError):
        Bus()


def test_bus_errors_pickle_and_name_the_access():
    error = BusError(0x40_0000, "write", Resp.DECERR)
    assert str(error) == ("bus write at 0x400000 failed: DECERR "
                          "(no slave decodes this address)")
    clone = pickle.loads(pickle.dumps(error))
    assert (clone.addr, clone.op, clone.resp, str(clone)) == (
        error.addr, error.op, error.resp, str(error))
    timeout = BusTimeoutError(0x48, "read", 100)
    clone = pickle.loads(pickle.dumps(timeout))
    assert isinstance(clone, BusError) and clone.cycles == 100 and clone.resp is None
    assert "no response within 100 cycles" in str(clone)
