"""The fabric's internal register/memory bus and address-decoding helpers."""

from amaranth.hdl import Cat, Const, Mux, unsigned
from amaranth.lib import enum, wiring
from amaranth.lib.wiring import In, Out

from ._checks import check_int

__all__ = ["Resp", "ParameterSignature", "BusSignature", "strobe_mask", "decode_region",
           "index_mux"]


class Resp(enum.Enum, shape=2):
    """Transaction responses, encoded as AXI ``BRESP``/``RRESP``."""
    OKAY = 0
    SLVERR = 2
    DECERR = 3


class ParameterSignature(wiring.Signature):
    """A Signature that its class and a few named parameters determine.

    Subclasses name their parameters in ``_PARAMETERS`` and expose each as an attribute; equality,
    hashing and ``repr`` follow from them.
    """
    _PARAMETERS = ()

    def _key(self):
        return tuple(getattr(self, name) for name in self._PARAMETERS)

    def __eq__(self, other):
        return type(other) is type(self) and other._key() == self._key()

    def __hash__(self):
        return hash((type(self), self._key()))

    def __repr__(self):
        args = ", ".join(f"{name}={value!r}" for name, value in zip(self._PARAMETERS, self._key()))
        return f"{type(self).__name__}({args})"


class BusSignature(ParameterSignature):
    """A simple single-transaction bus, from the initiator's point of view.

    The initiator raises ``valid`` with ``addr``, ``we``, ``wdata`` and ``wstrb`` and holds them
    until the target answers with ``ready`` for one cycle; ``rdata`` and ``resp`` are valid in that
    cycle only. A target must answer every request within a bounded number of cycles and must
    not act on a request twice: in the cycle it raises ``ready`` it still sees ``valid``. ``addr``
    is a byte address; targets ignore its two low bits.

    Parameters
    ----------
    addr_width : int
        Width of ``addr``.

    Members
    -------
    addr : Out(addr_width)
    wdata : Out(32)
    wstrb : Out(4)
        Byte lanes written.
    we : Out(1)
        Write (1) or read (0).
    valid : Out(1)
    ready : In(1)
    rdata : In(32)
    resp : In(Resp)
    """

    _PARAMETERS = ("addr_width",)

    def __init__(self, addr_width):
        check_int("addr_width", addr_width, 2, 64)
        self._addr_width = addr_width
        super().__init__({
            "addr": Out(addr_width),
            "wdata": Out(32),
            "wstrb": Out(4),
            "we": Out(1),
            "valid": Out(1),
            "ready": In(1),
            "rdata": In(32),
            "resp": In(Resp),
        })

    @property
    def addr_width(self):
        return self._addr_width


def strobe_mask(wstrb):
    """Expand a 4-bit byte strobe into a 32-bit bit mask."""
    return Cat(*(bit.replicate(8) for bit in wstrb))


def decode_region(addr, region, *, count=None, size=None):
    """Decode ``addr`` against an :class:`microcore.abi.Region`.

    Only the first ``count`` instances (default: all) and the first ``size`` bytes of each
    instance (default: the region's size) hit. The stride of a repeated region must be a power of
    two. Returns ``(hit, index, offset)``: a 1-bit hit, the instance index and the byte offset
    inside the instance (both meaningful only on a hit).
    """
    count = region.count if count is None else count
    size = region.size if size is None else size
    if not 1 <= count <= region.count:
        raise ValueError(f"count must be in range 1..{region.count}, not {count!r}")
    if not 1 <= size <= region.size:
        raise ValueError(f"size must be in range 1..{region.size:#x}, not {size!r}")
    stride = region.stride if region.count > 1 else 1 << (region.size - 1).bit_length()
    if stride & (stride - 1):
        raise ValueError(f"region {region.name} stride {stride:#x} is not a power of two")
    shift = stride.bit_length() - 1
    width = len(addr)
    span_bits = (stride * region.count - 1).bit_length()
    if region.base % (1 << span_bits) == 0:
        # Aligned region (all of abi's): compare the high bits, no subtractor.
        index = addr[shift:span_bits]
        offset = addr[:shift]
        hit = index < count if count < 1 << (span_bits - shift) else Const(1, 1)
        if width > span_bits:
            hit &= addr[span_bits:] == region.base >> span_bits
        elif region.base >> span_bits:
            hit = Const(0, 1)
    else:
        rel = (addr - Const(region.base, unsigned(width)))[:width]
        index = rel[shift:]
        offset = rel[:shift]
        hit = index < count
        if region.base:     # `addr >= 0` is always true (and a lint warning)
            hit &= addr >= region.base
    if size < stride:
        hit &= offset < size
    if count == 1:
        index = Const(0, 1)
    return hit, index, offset


def index_mux(index, values, default=0):
    """``values[index]`` as a binary tree of 2:1 multiplexers on the bits of ``index``, which
    maps to fewer LUTs than a case per value; equal constant subtrees are folded.

    Only the low ``(len(values) - 1).bit_length()`` bits of ``index`` select (the caller
    qualifies larger indices itself); an index past the end in those bits gives ``default``.
    """
    def tree(base, bit):
        if bit < 0:
            return values[base] if base < len(values) else default
        low, high = tree(base, bit - 1), tree(base | 1 << bit, bit - 1)
        if low is high or (isinstance(low, int) and isinstance(high, int) and low == high):
            return low
        return Mux(index[bit], high, low)
    bits = min(len(index), (len(values) - 1).bit_length())
    return tree(0, bits - 1)
