"""Pool settings (validated once) and the stats snapshot both pools report."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from informix_wire.errors import ProgrammingError


@dataclass(frozen=True)
class PoolConfig:
    """How a pool sizes, ages and checks its connections. Times are in seconds; ``None`` = never.

    ``check_after``: a connection idle at least this long is pinged before it is handed out
    (``0`` pings on every acquire, ``None`` never). ``max_idle`` closes idle connections above
    ``min_size``; ``max_lifetime`` replaces every connection that old. ``max_hold`` warns about a
    connection held that long. ``reconnect_initial``/``reconnect_max`` bound the background
    reconnect backoff.
    """

    min_size: int = 1
    max_size: int = 10
    acquire_timeout: float = 30.0
    max_lifetime: float | None = 3600.0
    max_idle: float | None = 600.0
    check_after: float | None = 1.0
    max_hold: float | None = None
    drain_timeout: float = 5.0
    reconnect_initial: float = 0.1
    reconnect_max: float = 5.0
    housekeeping_interval: float = 1.0

    def __post_init__(self) -> None:
        if self.min_size < 0 or self.max_size < 1 or self.min_size > self.max_size:
            raise ProgrammingError(
                f"pool sizes need 0 <= min_size <= max_size and max_size >= 1 "
                f"(got min_size={self.min_size}, max_size={self.max_size})"
            )
        for name in ("acquire_timeout", "drain_timeout", "reconnect_initial", "reconnect_max"):
            _require_time(name, getattr(self, name), allow_none=False)
        for name in ("max_lifetime", "max_idle", "check_after", "max_hold"):
            _require_time(name, getattr(self, name), allow_none=True)
        if self.housekeeping_interval <= 0:
            raise ProgrammingError("housekeeping_interval must be > 0")
        if self.reconnect_initial > self.reconnect_max:
            raise ProgrammingError("reconnect_initial must not exceed reconnect_max")

    @classmethod
    def names(cls) -> frozenset[str]:
        """The keyword names ``create_pool`` takes for the pool (the rest go to ``connect``)."""
        return frozenset(f.name for f in fields(cls))


def _require_time(name: str, value: object, *, allow_none: bool) -> None:
    if value is None and allow_none:
        return
    if (
        not isinstance(value, (int, float))
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value < 0
    ):
        raise ProgrammingError(f"{name} must be a finite number of seconds >= 0, got {value!r}")


@dataclass(frozen=True)
class PoolStats:
    """A consistent snapshot, taken under the pool's lock.

    Invariants: ``size == idle + in_use``; ``created - closed == size``;
    ``closed == evicted + expired + shrunk + drained``; every acquire either was
    granted (``acquired``), timed out (``timeouts``) or failed otherwise.
    """

    size: int  # open connections the pool owns (idle + in use)
    idle: int
    in_use: int
    connecting: int  # connects under way (they count toward max_size)
    waiting: int  # acquirers queued for a connection
    min_size: int
    max_size: int
    created: int  # successful connects
    connect_errors: int
    closed: int  # connections the pool closed, for any reason
    evicted: int  # broken, failed health check or failed reset
    expired: int  # past max_lifetime or max_idle
    shrunk: int  # above max_size after a resize
    drained: int  # closed by ``close()``
    acquired: int
    released: int
    timeouts: int
    held_too_long: int  # max_hold warnings issued
