"""create_pool / create_async_pool: keyword split, host lists, and the driver they call by name."""

from __future__ import annotations

import asyncio
import sys
import types
from typing import Any

import pytest
from dbpool_fakes import AsyncFakeServer, FakeServer

from informix_db_pool import create_async_pool, create_pool
from informix_wire.errors import OperationalError, ProgrammingError


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Install fake ``informix_db`` / ``informix_db_aio`` modules that record connect keywords."""
    seen: list[dict[str, Any]] = []
    servers = {"db1": FakeServer("db1"), "db2": FakeServer("db2")}
    aservers = {"db1": AsyncFakeServer("db1")}

    def connect(dsn: str | None = None, **kwargs: Any) -> Any:
        seen.append({"dsn": dsn, **kwargs} if dsn else kwargs)
        return servers[kwargs.get("host") or dsn.split("//")[1]].connect()

    async def connect_async(dsn: str | None = None, **kwargs: Any) -> Any:
        seen.append({"dsn": dsn, **kwargs} if dsn else kwargs)
        return await aservers[kwargs.get("host") or dsn.split("//")[1]].connect_async()

    monkeypatch.setitem(sys.modules, "informix_db", types.SimpleNamespace(connect=connect))
    monkeypatch.setitem(
        sys.modules,
        "informix_db_aio",
        types.SimpleNamespace(connect=connect_async),
    )
    servers["db1"].stop()
    return seen


def test_pool_keywords_stay_and_the_rest_reach_connect(calls: list[dict[str, Any]]) -> None:
    pool = create_pool(
        hosts=["db1:9088", ("db2", 9090)],
        user="informix",
        password="pw",
        database="testdb",
        min_size=1,
        max_size=3,
        acquire_timeout=2.0,
    )
    assert calls == [
        {"host": "db1", "port": 9088, "user": "informix", "password": "pw", "database": "testdb"},
        {"host": "db2", "port": 9090, "user": "informix", "password": "pw", "database": "testdb"},
    ]
    s = pool.stats()
    assert (s.size, s.max_size) == (1, 3)
    pool.close()


def test_single_host_and_errors(calls: list[dict[str, Any]]) -> None:
    with pytest.raises(OperationalError, match="db1"):
        create_pool(host="db1", port=9088, user="u")  # db1 is down: open() fails, pool closed
    with pytest.raises(ProgrammingError):
        create_pool(user="u")
    with pytest.raises(ProgrammingError):
        create_pool(host="db1", hosts=["db2"])
    pool = create_pool(host="db2", min_size=0)
    assert calls[-1] == {"host": "db1", "port": 9088, "user": "u"}  # min_size=0: no connect yet
    with pool.connection() as conn:
        assert conn.server.name == "db2"
    pool.close()


def test_a_dsn_alone_says_where(calls: list[dict[str, Any]]) -> None:
    """The dsn goes to every connect; with no host= it alone names the server."""
    pool = create_pool("informix://db2", user="u", min_size=1)
    assert calls == [{"dsn": "informix://db2", "user": "u"}]
    assert pool.name == "pool (dsn)"
    pool.close()
    pool = create_pool("informix://db1", host="db2", port=9090, min_size=1)
    assert calls[-1] == {"dsn": "informix://db1", "host": "db2", "port": 9090}  # host= wins
    pool.close()


def test_async_factory(calls: list[dict[str, Any]]) -> None:
    async def main() -> None:
        pool = await create_async_pool(host="db1", database="testdb", min_size=2, max_size=4)
        assert pool.stats().idle == 2
        async with pool.connection() as conn:
            assert await conn.query() >= 1
        await pool.close()

    asyncio.run(main())
    assert calls[0] == {"host": "db1", "database": "testdb"}
