"""Fixtures for the simulator transport: the stand-in fabric and the real one."""

import pytest

from .standin import STANDIN, STANDIN_RAM_WORDS_LOG2, standin_parameters


@pytest.fixture(scope="session")
def standin_library():
    from microcore.sim import build_library
    return build_library([STANDIN], "microcore_fabric", parameters=standin_parameters())


@pytest.fixture(scope="session")
def fabric_library():
    pytest.importorskip("microcore.hw.verilog", reason="the fabric generator is not available")
    from microcore.sim import build_model
    return build_model()


@pytest.fixture
def standin_bus(standin_library):
    from microcore.transport.sim import SimBus
    with SimBus(library=standin_library, num_cores=1, mem_bytes=4 << STANDIN_RAM_WORDS_LOG2,
                timeout_cycles=200) as bus:
        yield bus


@pytest.fixture
def fabric_bus(fabric_library):
    from microcore.transport.sim import SimBus
    with SimBus(library=fabric_library) as bus:
        yield bus


@pytest.fixture(params=["standin", "fabric"])
def bus(request):
    """A SimBus on the stand-in and, when the generator exists, on the real fabric."""
    return request.getfixturevalue(f"{request.param}_bus")
