"""The AXI4-Lite interface."""

from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from ._checks import check_int
from .bus import ParameterSignature

__all__ = ["AxiLiteSignature", "AxiLiteInterface"]


class AxiLiteSignature(ParameterSignature):
    """An AXI4-Lite interface, from the manager's (master's) point of view.

    Member names are the AXI channel signal names in lower case without the ``s_axil_`` prefix
    (``awaddr``, ``wdata``, ``bresp``, ...); a subordinate uses the flipped signature.

    Parameters
    ----------
    addr_width : int
        Width of ``awaddr`` and ``araddr``, 1..64.
    data_width : int
        Width of ``wdata`` and ``rdata``: 32 or 64.

    Members
    -------
    awaddr, awprot, awvalid : Out ; awready : In
        Write address channel.
    wdata, wstrb, wvalid : Out ; wready : In
        Write data channel.
    bresp, bvalid : In ; bready : Out
        Write response channel.
    araddr, arprot, arvalid : Out ; arready : In
        Read address channel.
    rdata, rresp, rvalid : In ; rready : Out
        Read data channel.
    """

    _PARAMETERS = ("addr_width", "data_width")

    def __init__(self, *, addr_width, data_width=32):
        check_int("addr_width", addr_width, 1, 64)
        if data_width not in (32, 64):
            raise ValueError(f"data_width must be 32 or 64, not {data_width!r}")
        self._addr_width = addr_width
        self._data_width = data_width
        super().__init__({
            "awaddr": Out(addr_width),
            "awprot": Out(3),
            "awvalid": Out(1),
            "awready": In(1),
            "wdata": Out(data_width),
            "wstrb": Out(data_width // 8),
            "wvalid": Out(1),
            "wready": In(1),
            "bresp": In(2),
            "bvalid": In(1),
            "bready": Out(1),
            "araddr": Out(addr_width),
            "arprot": Out(3),
            "arvalid": Out(1),
            "arready": In(1),
            "rdata": In(data_width),
            "rresp": In(2),
            "rvalid": In(1),
            "rready": Out(1),
        })

    @property
    def addr_width(self):
        return self._addr_width

    @property
    def data_width(self):
        return self._data_width

    def create(self, *, path=None, src_loc_at=0):
        return AxiLiteInterface(self, path=path, src_loc_at=1 + src_loc_at)


class AxiLiteInterface(wiring.PureInterface):
    """An interface object of :class:`AxiLiteSignature`."""

    @property
    def addr_width(self):
        return self.signature.addr_width

    @property
    def data_width(self):
        return self.signature.data_width
