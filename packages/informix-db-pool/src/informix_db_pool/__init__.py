"""Sync and asyncio connection pools for ``informix_db`` and ``informix_db_aio``.

``informix_db.create_pool`` resolves to :func:`create_pool`; ``informix_db.aio.create_pool`` to
:func:`create_async_pool`. :class:`ConnectionPool` and :class:`AsyncConnectionPool` pool any
connection that follows :class:`PoolableConnection` / :class:`AsyncPoolableConnection`.
"""

from informix_db_pool._async import AsyncConnectionPool
from informix_db_pool._config import PoolConfig, PoolStats
from informix_db_pool._factory import create_async_pool, create_pool
from informix_db_pool._failover import Endpoint, parse_hosts
from informix_db_pool._protocol import AsyncPoolableConnection, PoolableConnection
from informix_db_pool._sync import ConnectionPool
from informix_db_pool._version import __version__
from informix_db_pool.errors import PoolClosed, PoolTimeout, PoolWarning

__all__ = [
    "AsyncConnectionPool",
    "AsyncPoolableConnection",
    "ConnectionPool",
    "Endpoint",
    "PoolClosed",
    "PoolConfig",
    "PoolStats",
    "PoolTimeout",
    "PoolWarning",
    "PoolableConnection",
    "__version__",
    "create_async_pool",
    "create_pool",
    "parse_hosts",
]
