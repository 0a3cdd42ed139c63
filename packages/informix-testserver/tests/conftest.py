"""Fixtures of the protocol-layer tests: a server on a free port around the engine double."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqli_doubles import Client, FakeEngine

from informix_testserver.server import TestServer


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def server(engine: FakeEngine) -> Iterator[TestServer]:
    with TestServer(engine=engine) as srv:
        yield srv


@pytest.fixture
def client(server: TestServer) -> Iterator[Client]:
    c = Client(server.port)
    c.setup()
    yield c
    c.close()
