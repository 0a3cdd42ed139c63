"""pytest plugin (entry point ``pytest11``): the session-scoped ``informix_server`` fixture runs one
test server, with a TLS port, for the whole test run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from informix_testserver.faults import Faults
from informix_testserver.server import TestServer


@dataclass(frozen=True)
class ServerInfo:
    """Where the test server listens and how to log in."""

    host: str
    port: int
    user: str
    password: str
    database: str
    server_name: str
    tls_port: int | None
    tls_cert: Path | None
    server: TestServer

    @property
    def dsn(self) -> str:
        """``informix://user:password@host:port/database?server=name``."""
        return self.server.dsn(self.database)

    @property
    def faults(self) -> Faults:
        """Fault injection (shared by every session); reset it after use with ``clear()``."""
        return self.server.faults


@pytest.fixture(scope="session")
def informix_server() -> Iterator[ServerInfo]:
    """A running test server (in memory, databases ``sysmaster`` and logged ``testdb``)."""
    pytest.importorskip("informix_testserver.engine", reason="the SQL engine is not importable")
    with TestServer(tls=True) as srv:
        yield ServerInfo(
            srv.host, srv.port, srv.user, srv.password, "testdb", srv.config.server_name,
            srv.tls_port, srv.tls_cert, srv,
        )  # fmt: skip
