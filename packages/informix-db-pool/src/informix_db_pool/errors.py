"""Errors and warnings of the pools, placed in the PEP 249 hierarchy of ``informix_wire.errors``.

A caller that already handles ``OperationalError`` (server gone, login refused) handles a pool that
cannot hand out a connection in time, or that has been closed, the same way.
"""

from __future__ import annotations

from informix_wire.errors import OperationalError, Warning


class PoolTimeout(OperationalError):
    """No connection could be handed out within the acquire timeout."""


class PoolClosed(OperationalError):
    """The pool is closed (or closing): it hands out no more connections."""


class PoolWarning(Warning):
    """A connection was held longer than ``max_hold`` seconds: likely a leak or a stuck request."""
