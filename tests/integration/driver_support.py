"""Helpers of the driver integration tests (``test_driver_*``): connections to the session's
test server, unique table names, and a transport wrapper that counts round trips."""

from __future__ import annotations

import uuid
from typing import Any

import informix_db


def connect(server: Any, **kwargs: Any) -> informix_db.Connection:
    """A connection to the fixture's server; keywords override the defaults."""
    args: dict[str, Any] = {
        "host": server.host,
        "port": server.port,
        "user": server.user,
        "password": server.password,
        "database": server.database,
        "server": server.server_name,
    }
    args.update(kwargs)
    return informix_db.connect(**args)


def table_name(prefix: str = "t") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


class CountingTransport:
    """Wraps a connection's transport and counts writes (one write per round trip)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.sends = 0
        self.sent: list[bytes] = []

    def send(self, data: bytes) -> None:
        self.sends += 1
        self.sent.append(bytes(data))
        self.inner.send(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def count_round_trips(conn: informix_db.Connection) -> CountingTransport:
    counter = CountingTransport(conn._transport)
    conn._transport = counter  # type: ignore[assignment]
    return counter
