"""Fake servers and connections for the pool unit tests: deterministic, in memory, no sockets."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Callable

from informix_wire.errors import ConnectionLost, OperationalError


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeServer:
    """Counts logins; can be 'stopped' (connects refused, open links lost) and started again."""

    def __init__(self, name: str = "db1") -> None:
        self.name = name
        self.down = False
        self.generation = 0  # bumped on every stop: links of older generations are dead
        self.connections: list[FakeConnection] = []
        self._ids = itertools.count(1)
        self.lock = threading.Lock()

    def stop(self) -> None:
        self.down = True
        self.generation += 1

    def start(self) -> None:
        self.down = False

    def connect(self) -> FakeConnection:
        if self.down:
            raise OperationalError(f"{self.name}: connection refused")
        with self.lock:
            conn = FakeConnection(self, next(self._ids))
            self.connections.append(conn)
        return conn


class FakeConnection:
    """What the pool needs (PoolableConnection) plus a 'query' that tracks exclusive use."""

    def __init__(self, server: FakeServer, ident: int) -> None:
        self.server = server
        self.ident = ident
        self.generation = server.generation
        self.closed = False
        self.broken = False
        self.in_transaction = False
        self.pings = 0
        self.rollbacks = 0
        self.users = 0  # > 1 would mean two holders at once
        self.fail_ping = False

    def _alive(self) -> None:
        if self.closed:
            raise OperationalError("connection closed")
        if self.server.down or self.generation != self.server.generation:
            self.broken = True
            raise ConnectionLost("server gone")

    def ping(self) -> None:
        self._alive()
        if self.fail_ping:
            raise ConnectionLost("no answer")
        self.pings += 1

    def rollback(self) -> None:
        self._alive()
        self.rollbacks += 1
        self.in_transaction = False

    def close(self) -> None:
        self.closed = True

    def query(self, hold: Callable[[], None] | None = None) -> int:
        """A statement: opens a transaction and must never overlap another holder."""
        self.users += 1
        try:
            assert self.users == 1, "two holders used one connection at once"
            self._alive()
            self.in_transaction = True
            if hold is not None:
                hold()
            return self.ident
        finally:
            self.users -= 1


class AsyncFakeConnection:
    """The asyncio twin; ``query`` spans awaits, so a cancellation can stop it halfway."""

    def __init__(self, server: FakeServer, ident: int) -> None:
        self.sync = FakeConnection(server, ident)
        self.busy = False  # True between request and reply: a desynchronised link if left so

    @property
    def closed(self) -> bool:
        return self.sync.closed

    @property
    def broken(self) -> bool:
        return self.sync.broken

    @property
    def in_transaction(self) -> bool:
        return self.sync.in_transaction

    async def ping(self) -> None:
        assert not self.busy, "ping on a desynchronised link"
        await asyncio.sleep(0)
        self.sync.ping()

    async def rollback(self) -> None:
        assert not self.busy, "rollback on a desynchronised link"
        await asyncio.sleep(0)
        self.sync.rollback()

    async def close(self) -> None:
        await asyncio.sleep(0)
        self.sync.close()

    async def query(self, steps: int = 3) -> int:
        assert not self.busy, "query on a desynchronised link"
        self.busy = True
        for _ in range(steps):
            await asyncio.sleep(0)
        result = self.sync.query()
        self.busy = False
        return result


class AsyncFakeServer(FakeServer):
    async def connect_async(self) -> AsyncFakeConnection:
        await asyncio.sleep(0)
        if self.down:
            raise OperationalError(f"{self.name}: connection refused")
        conn = AsyncFakeConnection(self, len(self.connections) + 1)
        self.connections.append(conn.sync)
        return conn


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait (bounded) for a background thread to get somewhere; fail the test if it never does."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.001)


async def wait_until_async(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "condition never became true"
        await asyncio.sleep(0.001)
