"""Helpers of the asyncio integration tests (``test_aio_*``): connections to the session's test
server, a bounded ``asyncio.run``, and a transport wrapper that counts round trips."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from informix_db import aio


def run(main: Callable[[], Awaitable[None]], limit: float = 120) -> None:
    """Run ``main`` in a fresh event loop, failing (not hanging) after ``limit`` seconds."""

    async def bounded() -> None:
        await asyncio.wait_for(main(), limit)

    asyncio.run(bounded())


async def connect(server: Any, **kwargs: Any) -> aio.Connection:
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
    return await aio.connect(**args)


class CountingTransport:
    """Wraps a connection's transport and counts writes (one write per round trip)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.sends = 0

    async def send(self, data: bytes) -> None:
        self.sends += 1
        await self.inner.send(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def count_round_trips(conn: aio.Connection) -> CountingTransport:
    counter = CountingTransport(conn._transport)
    conn._transport = counter
    return counter
