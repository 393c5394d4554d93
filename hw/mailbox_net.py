"""The round-robin path from the host and the cores into the tiles' mailbox memories."""

from amaranth.hdl import Cat, Module, Signal
from amaranth.lib import wiring
from amaranth.lib.wiring import In, Out

from microcore import abi

from ._checks import check_int
from .bus import ParameterSignature

__all__ = ["MailboxRequestSignature", "MailboxPortSignature", "MailboxNet"]

#: Width of a byte offset inside one mailbox memory.
OFFSET_WIDTH = (abi.CORE_MAP["MAILBOX"].size - 1).bit_length()


def _check_num_cores(num_cores):
    check_int("num_cores", num_cores, 1, abi.MAX_CORES)


class MailboxRequestSignature(ParameterSignature):
    """A request into some core's mailbox memory, from the requester's point of view.

    The requester holds ``valid`` and the request fields until ``ready`` (one cycle, with
    ``rdata`` for a read). Dropping ``valid`` early withdraws the request.

    Parameters
    ----------
    num_cores : int
        Number of mailbox memories that can be addressed.

    Members
    -------
    target : Out(range(num_cores))
        Index of the core whose mailbox memory is accessed.
    addr : Out(OFFSET_WIDTH)
        Byte offset in that mailbox memory.
    wdata : Out(32)
    wstrb : Out(4)
    we : Out(1)
    valid : Out(1)
    ready : In(1)
    rdata : In(32)
    """

    _PARAMETERS = ("num_cores",)

    def __init__(self, num_cores):
        _check_num_cores(num_cores)
        self._num_cores = num_cores
        super().__init__({
            "target": Out(range(num_cores)),
            "addr": Out(OFFSET_WIDTH),
            "wdata": Out(32),
            "wstrb": Out(4),
            "we": Out(1),
            "valid": Out(1),
            "ready": In(1),
            "rdata": In(32),
        })

    @property
    def num_cores(self):
        return self._num_cores


class MailboxPortSignature(ParameterSignature):
    """The fabric-side port of one tile's mailbox memory, from the network's point of view.

    An access is performed in the cycle ``en`` is high; read data follows one cycle later.

    Parameters
    ----------
    num_cores : int
        Number of cores in the fabric.

    Members
    -------
    en : Out(1)
    addr : Out(OFFSET_WIDTH)
    wdata : Out(32)
    wstrb : Out(4)
    we : Out(1)
    from_host : Out(1)
        The access comes from the host.
    src : Out(range(num_cores))
        Otherwise, the core it comes from.
    rdata : In(32)
    """

    _PARAMETERS = ("num_cores",)

    def __init__(self, num_cores):
        _check_num_cores(num_cores)
        self._num_cores = num_cores
        super().__init__({
            "en": Out(1),
            "addr": Out(OFFSET_WIDTH),
            "wdata": Out(32),
            "wstrb": Out(4),
            "we": Out(1),
            "from_host": Out(1),
            "src": Out(range(num_cores)),
            "rdata": In(32),
        })

    @property
    def num_cores(self):
        return self._num_cores


class MailboxNet(wiring.Component):
    """Arbitrates the host and every core onto one path into the tiles' mailbox ports.

    Requester 0 is the host and requester ``1 + s`` is core ``s``. Grants rotate round-robin,
    starting after the last requester served. A transfer takes three cycles (grant, access,
    answer), so any request is answered within ``3 * (num_cores + 1)`` cycles. Tiles enforce
    which slots a requester may set flags in (see :class:`~microcore.hw.tile.Tile`); the
    network itself forwards whatever it is given.

    Parameters
    ----------
    num_cores : int
        Number of cores, 1..MAX_CORES.

    Members
    -------
    host : In(MailboxRequestSignature(num_cores))
    cores : In(MailboxRequestSignature(num_cores)).array(num_cores)
    tiles : Out(MailboxPortSignature(num_cores)).array(num_cores)
    """

    _PARAMETERS = ("num_cores",)

    def __init__(self, num_cores):
        _check_num_cores(num_cores)
        self._num_cores = num_cores
        super().__init__({
            "host": In(MailboxRequestSignature(num_cores)),
            "cores": In(MailboxRequestSignature(num_cores)).array(num_cores),
            "tiles": Out(MailboxPortSignature(num_cores)).array(num_cores),
        })

    @property
    def num_cores(self):
        return self._num_cores

    def elaborate(self, platform):
        m = Module()
        requesters = [self.host, *self.cores]
        count = len(requesters)

        last = Signal(range(count))
        grant = Signal(range(count))
        chosen = Signal(range(count))
        target = Signal(range(self._num_cores))

        # Round robin: the lowest valid requester above `last`, else the lowest valid one.
        for index in reversed(range(count)):
            with m.If(requesters[index].valid):
                m.d.comb += chosen.eq(index)
        for index in reversed(range(1, count)):
            with m.If(requesters[index].valid & (index > last)):
                m.d.comb += chosen.eq(index)

        # The granted request, broadcast to all tiles; only the target's `en` rises.
        valid = Signal()
        addr = Signal(OFFSET_WIDTH)
        wdata = Signal(32)
        wstrb = Signal(4)
        we = Signal()
        req_target = Signal(range(self._num_cores))
        with m.Switch(grant):
            for index, req in enumerate(requesters):
                with m.Case(index):
                    m.d.comb += [
                        valid.eq(req.valid),
                        req_target.eq(req.target),
                        addr.eq(req.addr),
                        wdata.eq(req.wdata),
                        wstrb.eq(req.wstrb),
                        we.eq(req.we),
                    ]
        for tile in self.tiles:
            m.d.comb += [
                tile.addr.eq(addr),
                tile.wdata.eq(wdata),
                tile.wstrb.eq(wstrb),
                tile.we.eq(we),
                tile.from_host.eq(grant == 0),
                tile.src.eq(grant - 1),
            ]

        # Read data goes to every requester; only the one answered sees `ready`.
        rdata = Signal(32)
        with m.Switch(target):
            for index, tile in enumerate(self.tiles):
                with m.Case(index):
                    m.d.comb += rdata.eq(tile.rdata)
        for req in requesters:
            m.d.comb += req.rdata.eq(rdata)

        with m.FSM():
            with m.State("GRANT"):
                with m.If(Cat(*(req.valid for req in requesters)).any()):
                    m.d.sync += grant.eq(chosen)
                    m.next = "ACCESS"
            with m.State("ACCESS"):
                m.d.sync += target.eq(req_target)
                for t, tile in enumerate(self.tiles):
                    m.d.comb += tile.en.eq(valid & (req_target == t))
                m.d.sync += last.eq(grant)
                with m.If(valid):
                    m.next = "ANSWER"
                with m.Else():
                    m.next = "GRANT"
            with m.State("ANSWER"):
                with m.Switch(grant):
                    for index, req in enumerate(requesters):
                        with m.Case(index):
                            m.d.comb += req.ready.eq(req.valid)
                m.next = "GRANT"

        return m

