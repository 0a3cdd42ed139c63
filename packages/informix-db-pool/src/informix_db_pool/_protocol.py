"""What a pooled connection must offer: the contract between the pools and the drivers.

The pools never import a driver class: any object with these members can be pooled, which is how
the unit tests use fake connections and how ``informix_db`` and ``informix_db_aio`` plug in.
Every member is cheap except ``ping`` and ``rollback``, which cost at most one round trip each.
"""

from __future__ import annotations

from typing import Protocol


class PoolableConnection(Protocol):
    """A blocking connection (``informix_db.Connection``)."""

    @property
    def closed(self) -> bool:
        """True once ``close()`` ran (or the driver closed it after a fatal error)."""

    @property
    def broken(self) -> bool:
        """True when the link failed or the protocol desynchronised: never reuse it."""

    @property
    def in_transaction(self) -> bool:
        """True while a transaction is open (the pool rolls it back on release)."""

    def ping(self) -> None:
        """Prove the server still answers, in at most one round trip; raise if not."""

    def rollback(self) -> None:
        """Roll back the open transaction (PEP 249)."""

    def close(self) -> None:
        """Close the connection (PEP 249); the pool calls it once and ignores its errors."""


class AsyncPoolableConnection(Protocol):
    """An asyncio connection (``informix_db_aio.Connection``): the same members, awaitable."""

    @property
    def closed(self) -> bool:
        """True once ``close()`` ran (or the driver closed it after a fatal error)."""

    @property
    def broken(self) -> bool:
        """True when the link failed or the protocol desynchronised (``informix_db_aio``: also a
        cancelled operation whose reply could not be drained)."""

    @property
    def in_transaction(self) -> bool:
        """True while a transaction is open (the pool rolls it back on release)."""

    async def ping(self) -> None:
        """Prove the server still answers, in at most one round trip; raise if not."""

    async def rollback(self) -> None:
        """Roll back the open transaction."""

    async def close(self) -> None:
        """Close the connection; the pool calls it once and ignores its errors."""
