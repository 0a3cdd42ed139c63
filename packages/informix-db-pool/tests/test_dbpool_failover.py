"""Host lists, first-that-answers connects, backoff, and PoolConfig validation."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from dbpool_fakes import FakeConnection, FakeServer

from informix_db_pool import ConnectionPool, Endpoint, PoolConfig, parse_hosts
from informix_db_pool._failover import backoff, connect_first, connect_first_async
from informix_wire.errors import OperationalError, ProgrammingError


def test_parse_hosts_forms() -> None:
    assert parse_hosts(["db1", "db2:9090", "[::1]:9091", "[fe80::1]", ("db3", 9092)], 9088) == (
        Endpoint("db1", 9088),
        Endpoint("db2", 9090),
        Endpoint("::1", 9091),
        Endpoint("fe80::1", 9088),
        Endpoint("db3", 9092),
    )


@pytest.mark.parametrize("bad", [[], "db1", ["db1:x"], ["db1:0"], ["db1:70000"], ["[::1]x"], [""]])
def test_parse_hosts_rejects(bad: object) -> None:
    with pytest.raises(ProgrammingError):
        parse_hosts(bad)  # type: ignore[arg-type]


def test_backoff_doubles_up_to_the_cap() -> None:
    assert list(itertools.islice(backoff(0.1, 0.5), 5)) == [0.1, 0.2, 0.4, 0.5, 0.5]


def test_first_answering_host_wins_and_primary_is_preferred_again() -> None:
    servers = {"db1": FakeServer("db1"), "db2": FakeServer("db2")}

    def connect() -> FakeConnection:
        endpoints = parse_hosts(["db1", "db2"])
        return connect_first(endpoints, lambda ep: servers[ep.host].connect())

    pool = ConnectionPool(connect, PoolConfig(min_size=0, max_size=2, check_after=0.0))
    servers["db1"].stop()
    with pool.connection() as conn:
        assert conn.server.name == "db2"
    servers["db2"].stop()  # every host down: the error names them all
    with pytest.raises(OperationalError, match=r"db1:.*refused.*db2:.*refused"):
        pool.acquire()
    servers["db1"].start()
    with pool.connection() as conn:  # the idle db2 link fails its check; db1 answers again
        assert conn.server.name == "db1"
    assert pool.stats().evicted == 1
    pool.close()


def test_async_connect_first() -> None:
    async def refuse(ep: Endpoint) -> str:
        raise OperationalError(f"{ep} refused")

    async def accept(ep: Endpoint) -> str:
        return str(ep)

    async def main() -> None:
        eps = parse_hosts(["a:1", "b:2"])
        assert (
            await connect_first_async(eps, lambda ep: refuse(ep) if ep.host == "a" else accept(ep))
            == "b:2"
        )
        with pytest.raises(OperationalError, match="no server answered"):
            await connect_first_async(eps, refuse)

    asyncio.run(main())


def test_a_bug_in_connect_is_not_mistaken_for_a_down_host() -> None:
    def buggy(ep: Endpoint) -> None:
        raise KeyError(ep.host)

    with pytest.raises(KeyError):
        connect_first(parse_hosts(["a", "b"]), buggy)


@pytest.mark.parametrize(
    "bad",
    [
        {"min_size": 3, "max_size": 2},
        {"max_size": 0},
        {"acquire_timeout": -1},
        {"max_idle": float("nan")},
        {"check_after": True},
        {"reconnect_initial": 10.0, "reconnect_max": 1.0},
        {"housekeeping_interval": 0},
    ],
)
def test_config_rejects_nonsense(bad: dict[str, object]) -> None:
    with pytest.raises(ProgrammingError):
        PoolConfig(**bad)  # type: ignore[arg-type]
