"""The AXI4 (full) interface of the fabric's DMA master."""

from amaranth.lib.wiring import In, Out

from ._checks import check_int
from .bus import ParameterSignature

__all__ = ["Axi4Signature", "Burst"]


class Burst:
    """Values of ``awburst``/``arburst``."""
    FIXED = 0
    INCR = 1
    WRAP = 2


class Axi4Signature(ParameterSignature):
    """An AXI4 interface, from the manager's (master's) point of view.

    Member names are the AXI channel signal names in lower case (``awaddr``, ``wlast``, ...);
    a flat port adds a prefix such as ``m_axi_``. The optional AXI signals ``*qos``,
    ``*region`` and ``*user`` are left out (their defaults apply).

    Parameters
    ----------
    addr_width : int
        Width of ``awaddr`` and ``araddr``, 12..64.
    data_width : int
        Width of ``wdata`` and ``rdata``: 32, 64 or 128.
    id_width : int
        Width of the ID signals, 1..8.

    Members
    -------
    awid, awaddr, awlen, awsize, awburst, awlock, awcache, awprot, awvalid : Out ; awready : In
    wdata, wstrb, wlast, wvalid : Out ; wready : In
    bid, bresp, bvalid : In ; bready : Out
    arid, araddr, arlen, arsize, arburst, arlock, arcache, arprot, arvalid : Out ; arready : In
    rid, rdata, rresp, rlast, rvalid : In ; rready : Out
    """

    _PARAMETERS = ("addr_width", "data_width", "id_width")

    def __init__(self, *, addr_width=32, data_width=64, id_width=1):
        check_int("addr_width", addr_width, 12, 64)
        if data_width not in (32, 64, 128):
            raise ValueError(f"data_width must be 32, 64 or 128, not {data_width!r}")
        check_int("id_width", id_width, 1, 8)
        self._addr_width = addr_width
        self._data_width = data_width
        self._id_width = id_width
        members = {}
        for ch in ("aw", "ar"):
            members.update({
                f"{ch}id": Out(id_width), f"{ch}addr": Out(addr_width), f"{ch}len": Out(8),
                f"{ch}size": Out(3), f"{ch}burst": Out(2), f"{ch}lock": Out(1),
                f"{ch}cache": Out(4), f"{ch}prot": Out(3), f"{ch}valid": Out(1),
                f"{ch}ready": In(1),
            })
        members.update({
            "wdata": Out(data_width), "wstrb": Out(data_width // 8), "wlast": Out(1),
            "wvalid": Out(1), "wready": In(1),
            "bid": In(id_width), "bresp": In(2), "bvalid": In(1), "bready": Out(1),
            "rid": In(id_width), "rdata": In(data_width), "rresp": In(2), "rlast": In(1),
            "rvalid": In(1), "rready": Out(1),
        })
        super().__init__(members)

    addr_width = property(lambda self: self._addr_width)
    data_width = property(lambda self: self._data_width)
    id_width = property(lambda self: self._id_width)
