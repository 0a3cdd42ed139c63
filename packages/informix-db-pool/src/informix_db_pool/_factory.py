"""``create_pool`` / ``create_async_pool``: the README's one-call pools over the real drivers.

Keywords that name a ``PoolConfig`` field configure the pool; every other keyword goes unchanged
to ``informix_db.connect`` (or ``informix_db_aio.connect``) for each new connection, and so does
``dsn`` (an ``informix://`` URL or a JDBC-style string), which may then name the server alone.
``hosts`` replaces ``host``/``port`` with an ordered list of servers (see ``_failover``). The
drivers are imported when a pool is created, by name, so that this package loads without them.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from informix_db_pool._async import AsyncConnectionPool
from informix_db_pool._config import PoolConfig
from informix_db_pool._failover import (
    Endpoint,
    HostSpec,
    connect_first,
    connect_first_async,
    parse_hosts,
)
from informix_db_pool._sync import ConnectionPool
from informix_wire.errors import ProgrammingError


def create_pool(
    dsn: str | None = None,
    *,
    hosts: Sequence[HostSpec] | None = None,
    check: Callable[[Any], None] | None = None,
    reset: Callable[[Any], None] | None = None,
    wait: bool = True,
    **kwargs: Any,
) -> ConnectionPool[Any]:
    """An opened blocking pool of ``informix_db`` connections (``min_size`` already connected
    when ``wait``; a connect error then propagates)."""
    config, endpoints, connect_kwargs = _split(dsn, hosts, kwargs)
    driver = importlib.import_module("informix_db")

    def connect() -> Any:
        if not endpoints:
            return driver.connect(dsn, **connect_kwargs)
        return connect_first(endpoints, lambda ep: driver.connect(dsn, **_at(ep, connect_kwargs)))

    pool: ConnectionPool[Any] = ConnectionPool(
        connect, config, check=check, reset=reset, name=_name(endpoints, connect_kwargs)
    )
    pool.open(wait=wait)
    return pool


async def create_async_pool(
    dsn: str | None = None,
    *,
    hosts: Sequence[HostSpec] | None = None,
    check: Callable[[Any], Awaitable[None]] | None = None,
    reset: Callable[[Any], Awaitable[None]] | None = None,
    wait: bool = True,
    **kwargs: Any,
) -> AsyncConnectionPool[Any]:
    """An opened asyncio pool of ``informix_db_aio`` connections (``await aio.create_pool``)."""
    config, endpoints, connect_kwargs = _split(dsn, hosts, kwargs)
    driver = importlib.import_module("informix_db_aio")

    async def connect() -> Any:
        if not endpoints:
            return await driver.connect(dsn, **connect_kwargs)
        return await connect_first_async(
            endpoints, lambda ep: driver.connect(dsn, **_at(ep, connect_kwargs))
        )

    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        connect, config, check=check, reset=reset, name=_name(endpoints, connect_kwargs)
    )
    await pool.open(wait=wait)
    return pool


def _split(
    dsn: str | None, hosts: Sequence[HostSpec] | None, kwargs: dict[str, Any]
) -> tuple[PoolConfig, tuple[Endpoint, ...], dict[str, Any]]:
    """Pool settings, the servers to try in order (none: the dsn says where), connect keywords."""
    names = PoolConfig.names()
    config = PoolConfig(**{k: v for k, v in kwargs.items() if k in names})
    rest = {k: v for k, v in kwargs.items() if k not in names}
    port = rest.pop("port", None)
    host = rest.pop("host", None)
    if hosts is not None:
        if host is not None:
            raise ProgrammingError("give either host= or hosts=, not both")
        return config, parse_hosts(hosts, port), rest
    if host is None and dsn is not None:
        if port is not None:
            rest["port"] = port
        return config, (), rest
    if not isinstance(host, str) or not host:
        raise ProgrammingError("create_pool needs host= (or hosts=[...], or a dsn)")
    return config, parse_hosts([host], port), rest


def _at(endpoint: Endpoint, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    args = {**kwargs, "host": endpoint.host}
    if endpoint.port is not None:
        args["port"] = endpoint.port
    return args


def _name(endpoints: Sequence[Endpoint], kwargs: Mapping[str, Any]) -> str:
    where = ",".join(str(ep) for ep in endpoints) or "(dsn)"
    database = kwargs.get("database")
    return f"pool {where}/{database}" if database else f"pool {where}"
