"""The ``parallel`` module's protocol between cores, defined once.

A message is a marshalled value (:mod:`.marshal`) travelling through the receiver's
``CORE_IN_BASE + sender`` mailbox slot (``abi.Slot``) with tag ``abi.CoreTag.USER``. A message
that fits in one slot payload travels as one chunk; a longer one is chunked, and its first chunk
starts with a u32 of the message's total length. The top bit of the message's first byte (a
marshal type code, always below 0x80) is :data:`COLLECTIVE` for the internal messages of
``bcast``, ``reduce``, ``allgather`` and ``sync``, so that they never mix with ``send``/``recv``.

Every core publishes what it waits on, so that the host can tell a deadlock from a slow run: a
device core writes a wait word (``Wait.* << 16 | peer``, 0 while it runs) and a progress count
(chunks moved) at :data:`WAIT_ADDR` and :data:`PROGRESS_ADDR` of its RAM (the boot block's
``PAR_WAIT`` and ``PAR_PROGRESS`` words); a virtual core writes them into its status words of the in-memory fabric
(:data:`NATIVE_SLOT_WORDS`). The firmware's ``mc_marshal.h`` carries these constants.
"""

from .. import abi

__all__ = ["Wait", "COLLECTIVE", "ANY", "WAIT_ADDR", "PROGRESS_ADDR", "NATIVE_SLOT_WORDS",
           "native_words", "describe_wait"]


class Wait:
    """What a blocked core waits on (the top half of its wait word)."""
    NONE = 0
    RECV = 1         # recv(peer)
    SEND = 2         # a send or isend wait() to peer: its slot there stays full
    SYNC = 3         # sync(), from peer
    COLLECTIVE = 4   # bcast, reduce or allgather, from peer


#: Marks the first byte of a collective message.
COLLECTIVE = 0x80
#: The peer half of a wait word when there is none.
ANY = 0xFFFF
#: Device cores: the wait word and the progress count, in the boot block.
WAIT_ADDR = abi.BootBlock.ADDR + abi.BootBlock.PAR_WAIT
PROGRESS_ADDR = abi.BootBlock.ADDR + abi.BootBlock.PAR_PROGRESS
#: Virtual cores: words per slot of the in-memory fabric (a full flag, the header, the payload).
NATIVE_SLOT_WORDS = 2 + abi.Slot.PAYLOAD_BYTES // 4


def native_words(cores):
    """Words of the in-memory fabric of ``cores`` virtual cores: a slot per (receiver, sender),
    then two status words per core (wait word, progress count), then the stop word."""
    return cores * cores * NATIVE_SLOT_WORDS + 2 * cores + 1


def describe_wait(word):
    """What a wait word says, as text (``"recv from core 3"``)."""
    kind, peer = word >> 16, word & 0xFFFF
    what = {Wait.RECV: "recv from core {}", Wait.SEND: "send to core {}",
            Wait.SYNC: "sync, waiting for core {}",
            Wait.COLLECTIVE: "a collective, waiting for core {}"}.get(kind, f"state {kind}")
    return what.format(peer)
