"""``ConnectionPool``: the blocking pool, thread-safe, on the shared bookkeeping of ``_base``.

One lock guards the books; connect, ping, rollback and close always run outside it, in the
calling thread (acquire, release) or in the pool's one background thread (refill to min_size,
expiry, held-too-long warnings, reconnect with backoff while the server is down).
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Generic, TypeVar

from informix_db_pool._base import Clock, PoolState, Slot
from informix_db_pool._config import PoolConfig, PoolStats
from informix_db_pool._failover import backoff
from informix_db_pool._protocol import PoolableConnection
from informix_db_pool.errors import PoolClosed, PoolTimeout, PoolWarning

C = TypeVar("C", bound=PoolableConnection)
log = logging.getLogger("informix_db_pool")


class _ThreadWaiter(Generic[C]):
    """A thread queued in ``acquire``: woken with a slot, a permission to connect, or an error."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.served = False
        self.grant: Slot[C] | None = None
        self.error: BaseException | None = None

    def offer(self, grant: Slot[C] | None) -> bool:
        self.served, self.grant = True, grant
        self.event.set()
        return True

    def fail(self, error: BaseException) -> None:
        self.served, self.error = True, error
        self.event.set()


def close_quietly(conn: PoolableConnection) -> None:
    """Close a connection the pool gives up on; its errors no longer matter to anyone."""
    try:
        conn.close()
    except Exception as exc:
        log.debug("closing a pooled connection failed: %r", exc)


class ConnectionPool(Generic[C]):
    """A pool of blocking connections made by ``connect`` (one call = one new connection).

    ``check(conn)`` is the health check (default ``conn.ping()``); ``reset(conn)`` runs on release
    after the rollback of an open transaction; an exception from either evicts the connection.
    """

    def __init__(
        self,
        connect: Callable[[], C],
        config: PoolConfig | None = None,
        *,
        check: Callable[[C], None] | None = None,
        reset: Callable[[C], None] | None = None,
        clock: Clock = time.monotonic,
        name: str = "pool",
    ) -> None:
        self._connect = connect
        self._check = check if check is not None else _ping
        self._reset = reset
        self._state: PoolState[C] = PoolState(config or PoolConfig(), clock)
        self._lock = threading.Lock()
        self._returned = threading.Condition(self._lock)  # notified when a checkout ends
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self.name = name

    # -- life cycle ---------------------------------------------------------------------------

    def open(self, wait: bool = True) -> None:
        """Start the background worker; with ``wait``, open ``min_size`` connections first.

        With ``wait``, a failed connect closes the pool and propagates (an ``OperationalError``),
        so a wrong host or password shows at once; without it the worker keeps retrying.
        """
        if self._worker is not None:
            return
        if self._state.closed:
            raise self._closed_error()
        while wait:
            with self._lock:
                if not (self._state.refill_wanted() and self._state.reserve()):
                    break
            try:
                conn = self._connect_reserved()
            except BaseException:
                self.close()
                raise
            self._add_idle(conn)
        self._worker = threading.Thread(
            target=self._run_worker, name=f"informix-db-pool {self.name}", daemon=True
        )
        self._worker.start()

    def close(self, timeout: float | None = None) -> None:
        """Refuse new acquires, close idle connections, wait up to ``timeout`` (default
        ``drain_timeout``) for the checked-out ones, then close those too."""
        drain = self._state.config.drain_timeout if timeout is None else timeout
        with self._lock:
            if self._state.closed:
                return
            idle = self._state.start_close(self._closed_error)
        self._stop.set()
        self._wake.set()
        for slot in idle:
            close_quietly(slot.conn)
        deadline = time.monotonic() + drain
        with self._lock:
            while self._state.in_use and self._returned.wait(max(0.0, deadline - time.monotonic())):
                pass
            forced = self._state.force_out()
        for slot in forced:
            log.warning("%s: closing a connection still in use after the drain timeout", self.name)
            close_quietly(slot.conn)
        if self._worker is not None and self._worker is not threading.current_thread():
            self._worker.join(timeout=drain + 1.0)

    def __enter__(self) -> ConnectionPool[C]:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._state.closed

    # -- acquire / release --------------------------------------------------------------------

    @contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[C]:
        """Borrow a connection for a ``with`` block; it is reset and returned at the end.

        An open transaction is rolled back, never committed: commit inside the block. A block
        ended by KeyboardInterrupt or SystemExit evicts the connection: it may have been stopped
        between a request and its reply.
        """
        conn = self.acquire(timeout)
        try:
            yield conn
        except Exception:
            self.release(conn)
            raise
        except BaseException:
            self.release(conn, discard=True)
            raise
        else:
            self.release(conn)

    def acquire(self, timeout: float | None = None) -> C:
        """A healthy connection, within ``timeout`` (default ``acquire_timeout``) seconds.

        Raises ``PoolTimeout`` if none frees up in time, ``PoolClosed`` once closed, or the
        connect error when a new connection is needed and no server answers.
        """
        limit = self._state.config.acquire_timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        while True:
            slot = self._claim(deadline, limit)
            if slot is None:
                continue  # the idle connection we were given failed its health check
            with self._lock:
                self._state.granted()
            return slot.conn

    def release(self, conn: C, *, discard: bool = False) -> None:
        """Give a connection back: roll back, run the reset hook, evict it if anything failed
        (or if ``discard``).

        Releasing a connection twice, or one this pool did not hand out, raises InterfaceError.
        """
        with self._lock:
            slot = self._state.begin_return(conn)
            held = self._state.held_for(slot) if slot is not None else 0.0
        if slot is None:
            return
        healthy = False
        try:
            healthy = not discard and self._reset_connection(conn)
        finally:
            with self._lock:
                must_close = self._state.finish_return(slot, healthy)
                self._returned.notify_all()
            if must_close:
                close_quietly(conn)
                self._wake.set()
        self._warn_if_held_too_long(held)

    def stats(self) -> PoolStats:
        with self._lock:
            return self._state.stats()

    def resize(self, min_size: int, max_size: int) -> None:
        """Change the bounds; surplus idle connections close now, busy ones when released."""
        config = replace(self._state.config, min_size=min_size, max_size=max_size)
        with self._lock:
            self._state.config = config
            surplus = self._state.collect_surplus()
            self._state.grow_for_waiters()
        for slot in surplus:
            close_quietly(slot.conn)
        self._wake.set()

    # -- internals ----------------------------------------------------------------------------

    def _closed_error(self) -> PoolClosed:
        return PoolClosed(f"{self.name} is closed")

    def _claim(self, deadline: float, limit: float) -> Slot[C] | None:
        """One attempt: an idle slot (health-checked), a new connection, or a wait in line."""
        stale: list[Slot[C]] = []
        waiter: _ThreadWaiter[C] | None = None
        with self._lock:
            if self._state.closed:
                raise self._closed_error()
            slot = self._state.take_idle(stale)
            grow = slot is None and self._state.reserve()
            if slot is None and not grow:
                waiter = _ThreadWaiter()
                self._state.enqueue(waiter)
        for old in stale:
            close_quietly(old.conn)
        if waiter is not None:
            try:
                waiter.event.wait(max(0.0, deadline - time.monotonic()))
            except BaseException:  # interrupted while waiting: pass on what we may have got
                with self._lock:
                    self._abandon(waiter)
                raise
            with self._lock:
                if not waiter.served:
                    self._state.withdraw(waiter)
                    self._state.counters.timeouts += 1
                    raise self._timeout(limit)
            if waiter.error is not None:
                raise self._closed_error()
            slot, grow = waiter.grant, waiter.grant is None
        if grow:
            conn = self._connect_reserved()
            with self._lock:
                return self._state.opened(conn)
        assert slot is not None
        healthy = False
        try:
            healthy = self._healthy(slot)
        finally:
            if not healthy:
                with self._lock:
                    self._state.evict_checked_out(slot)
                close_quietly(slot.conn)
                self._wake.set()
        return slot if healthy else None

    def _abandon(self, waiter: _ThreadWaiter[C]) -> None:
        """Under the lock: a waiter leaves; a grant it already received goes to the next one."""
        if not waiter.served:
            self._state.withdraw(waiter)
        elif waiter.error is None and waiter.grant is None:
            self._state.unreserve()
        elif waiter.grant is not None:
            self._state.return_unused(waiter.grant)

    def _connect_reserved(self) -> C:
        """Open the connection a ``reserve()`` made room for; on failure give the room back."""
        try:
            return self._connect()
        except BaseException as exc:
            with self._lock:
                self._state.open_failed(exc)
            self._wake.set()
            raise

    def _healthy(self, slot: Slot[C]) -> bool:
        conn = slot.conn
        if conn.closed or conn.broken:
            return False
        after = self._state.config.check_after
        if after is None or self._state.clock() - slot.idle_since < after:
            return True
        try:
            self._check(conn)
        except Exception as exc:
            log.info("%s: evicting a connection that failed its health check: %r", self.name, exc)
            return False
        return True

    def _reset_connection(self, conn: C) -> bool:
        if conn.closed or conn.broken:
            return False
        try:
            if conn.in_transaction:
                conn.rollback()
            if self._reset is not None:
                self._reset(conn)
        except Exception as exc:
            log.info("%s: evicting a connection whose reset failed: %r", self.name, exc)
            return False
        return not (conn.closed or conn.broken)

    def _timeout(self, limit: float) -> PoolTimeout:
        error = PoolTimeout(f"{self.name}: no connection available within {limit:g}s")
        error.__cause__ = self._state.last_connect_error
        return error

    def _warn_if_held_too_long(self, held: float) -> None:
        limit = self._state.config.max_hold
        if limit is not None and held >= limit:
            warnings.warn(
                f"{self.name}: a connection was held for {held:.1f}s (max_hold={limit:g}s)",
                PoolWarning,
                stacklevel=4,
            )

    def _run_worker(self) -> None:
        delays = backoff(self._state.config.reconnect_initial, self._state.config.reconnect_max)
        while not self._stop.is_set():
            if not self.maintain():
                self._stop.wait(next(delays))  # the server is down: back off, then retry
                continue
            delays = backoff(self._state.config.reconnect_initial, self._state.config.reconnect_max)
            self._wake.wait(self._state.config.housekeeping_interval)
            self._wake.clear()

    def maintain(self) -> bool:
        """One housekeeping pass (the worker runs one every ``housekeeping_interval``): close stale
        idle connections, warn about held ones, refill to min_size.

        Returns False when a refill connect failed (the caller backs off).
        """
        with self._lock:
            stale = self._state.collect_stale()
            late = self._state.collect_held_too_long()
        for slot in stale:
            close_quietly(slot.conn)
        for _, held in late:
            log.warning("%s: a connection is held for %.1fs and not yet released", self.name, held)
        while True:
            with self._lock:
                if not (self._state.refill_wanted() and self._state.reserve()):
                    return True
            try:
                conn = self._connect_reserved()
            except Exception as exc:
                log.warning("%s: reconnect failed, will retry: %r", self.name, exc)
                return False
            self._add_idle(conn)

    def _add_idle(self, conn: C) -> None:
        with self._lock:
            must_close = self._state.opened_idle(conn)
        if must_close:  # the pool closed while this connection was being opened
            close_quietly(conn)


def _ping(conn: PoolableConnection) -> None:
    conn.ping()
