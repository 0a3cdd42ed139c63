"""``AsyncConnectionPool``: the asyncio pool, on the same bookkeeping as the blocking one.

It lives on one event loop and needs no lock: every change to the books happens between two
awaits. Cancellation is the hard part, handled at each await: a waiter cancelled just as it was
served gives its connection back; a connect, health check or reset that is cancelled evicts the
connection (its protocol state is unknown); and a ``connection()`` block that ends by cancellation
evicts its connection too, since the driver may have been stopped halfway through a reply.
Timed waits use ``informix_wire.aio_transport.within``, never ``asyncio.wait_for``, which before
Python 3.12 can swallow a cancellation that lands as the awaited event fires (CPython gh-86296).
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Generic, TypeVar

from informix_db_pool._base import Clock, PoolState, Slot
from informix_db_pool._config import PoolConfig, PoolStats
from informix_db_pool._failover import backoff
from informix_db_pool._protocol import AsyncPoolableConnection
from informix_db_pool.errors import PoolClosed, PoolTimeout, PoolWarning
from informix_wire.aio_transport import within

C = TypeVar("C", bound=AsyncPoolableConnection)
log = logging.getLogger("informix_db_pool")


class _FutureWaiter(Generic[C]):
    """A task queued in ``acquire``, woken through its future."""

    def __init__(self, future: asyncio.Future[Slot[C] | None]) -> None:
        self.future = future

    def offer(self, grant: Slot[C] | None) -> bool:
        if self.future.done():
            return False
        self.future.set_result(grant)
        return True

    def fail(self, error: BaseException) -> None:
        if not self.future.done():
            self.future.set_exception(error)


class AsyncConnectionPool(Generic[C]):
    """A pool of asyncio connections made by ``await connect()``.

    ``check``/``reset`` are the async twins of the blocking pool's hooks; they must not be
    shared between event loops, and neither may the pool.
    """

    def __init__(
        self,
        connect: Callable[[], Awaitable[C]],
        config: PoolConfig | None = None,
        *,
        check: Callable[[C], Awaitable[None]] | None = None,
        reset: Callable[[C], Awaitable[None]] | None = None,
        clock: Clock = time.monotonic,
        name: str = "pool",
    ) -> None:
        self._connect = connect
        self._check = check if check is not None else _ping
        self._reset = reset
        self._state: PoolState[C] = PoolState(config or PoolConfig(), clock)
        self._wake = asyncio.Event()
        self._returned = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Task[None]] = set()
        self.name = name

    # -- life cycle ---------------------------------------------------------------------------

    async def open(self, wait: bool = True) -> None:
        """Start the background worker; with ``wait``, open ``min_size`` connections first.

        With ``wait``, a failed connect closes the pool and propagates, so a wrong host or
        password shows at once; without it the worker keeps retrying with backoff.
        """
        if self._worker is not None:
            return
        if self._state.closed:
            raise self._closed_error()
        while wait and self._state.refill_wanted() and self._state.reserve():
            try:
                conn = await self._connect_reserved()
            except BaseException:
                await self.close()
                raise
            if self._state.opened_idle(conn):
                self._close_later(conn)
        self._worker = asyncio.get_running_loop().create_task(self._run_worker())

    async def close(self, timeout: float | None = None) -> None:
        """Refuse new acquires, close idle connections, wait up to ``timeout`` (default
        ``drain_timeout``) for the checked-out ones, then close those too."""
        if self._state.closed:
            return
        drain = self._state.config.drain_timeout if timeout is None else timeout
        for slot in self._state.start_close(self._closed_error):
            self._close_later(slot.conn)
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + drain
        while self._state.in_use and loop.time() < deadline:
            self._returned.clear()
            try:
                await within(self._returned.wait(), deadline - loop.time())
            except asyncio.TimeoutError:
                break
        for slot in self._state.force_out():
            log.warning("%s: closing a connection still in use after the drain timeout", self.name)
            self._close_later(slot.conn)
        if self._closing:
            await asyncio.wait(set(self._closing), timeout=drain + 1.0)

    async def __aenter__(self) -> AsyncConnectionPool[C]:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def closed(self) -> bool:
        return self._state.closed

    # -- acquire / release --------------------------------------------------------------------

    @asynccontextmanager
    async def connection(self, timeout: float | None = None) -> AsyncIterator[C]:
        """Borrow a connection for an ``async with`` block; reset and returned at the end.

        An open transaction is rolled back, never committed: commit inside the block. A block
        ended by cancellation evicts the connection instead of reusing it.
        """
        conn = await self.acquire(timeout)
        try:
            yield conn
        except asyncio.CancelledError:
            await self.release(conn, discard=True)
            raise
        except BaseException:
            await self.release(conn)
            raise
        else:
            await self.release(conn)

    async def acquire(self, timeout: float | None = None) -> C:
        """A healthy connection, within ``timeout`` (default ``acquire_timeout``) seconds.

        Raises ``PoolTimeout`` if none frees up in time, ``PoolClosed`` once closed, or the
        connect error when a new connection is needed and no server answers.
        """
        limit = self._state.config.acquire_timeout if timeout is None else timeout
        deadline = asyncio.get_running_loop().time() + limit
        while True:
            slot = await self._claim(deadline, limit)
            if slot is not None:
                self._state.granted()
                return slot.conn

    async def release(self, conn: C, *, discard: bool = False) -> None:
        """Give a connection back: roll back, run the reset hook, evict it if anything failed
        (or if ``discard``). Releasing twice, or a stranger, raises InterfaceError."""
        slot = self._state.begin_return(conn)
        if slot is None:
            return
        held = self._state.held_for(slot)
        healthy = False
        try:
            healthy = not discard and await self._reset_connection(conn)
        finally:
            if self._state.finish_return(slot, healthy):
                self._close_later(conn)
                self._wake.set()
            self._returned.set()
        self._warn_if_held_too_long(held)

    def stats(self) -> PoolStats:
        return self._state.stats()

    def resize(self, min_size: int, max_size: int) -> None:
        """Change the bounds; surplus idle connections close now, busy ones when released."""
        self._state.config = replace(self._state.config, min_size=min_size, max_size=max_size)
        for slot in self._state.collect_surplus():
            self._close_later(slot.conn)
        self._state.grow_for_waiters()
        self._wake.set()

    # -- internals ----------------------------------------------------------------------------

    def _closed_error(self) -> PoolClosed:
        return PoolClosed(f"{self.name} is closed")

    async def _claim(self, deadline: float, limit: float) -> Slot[C] | None:
        """One attempt: an idle slot (health-checked), a new connection, or a wait in line."""
        if self._state.closed:
            raise self._closed_error()
        stale: list[Slot[C]] = []
        slot = self._state.take_idle(stale)
        for old in stale:
            self._close_later(old.conn)
        grow = slot is None and self._state.reserve()
        if slot is None and not grow:
            slot = await self._wait_in_line(deadline, limit)
            grow = slot is None
        if grow:
            conn = await self._connect_reserved()
            return self._state.opened(conn)
        assert slot is not None
        healthy = False
        try:
            healthy = await self._healthy(slot)
        finally:
            if not healthy:
                self._state.evict_checked_out(slot)
                self._close_later(slot.conn)
                self._wake.set()
        return slot if healthy else None

    async def _wait_in_line(self, deadline: float, limit: float) -> Slot[C] | None:
        loop = asyncio.get_running_loop()
        waiter: _FutureWaiter[C] = _FutureWaiter(loop.create_future())
        self._state.enqueue(waiter)
        timer = loop.call_at(deadline, self._expire, waiter, limit)
        try:
            return await waiter.future
        except asyncio.CancelledError:
            future = waiter.future
            if future.done() and not future.cancelled() and future.exception() is None:
                grant = future.result()  # served just as we were cancelled: hand it on
                if grant is None:
                    self._state.unreserve()
                else:
                    self._state.return_unused(grant)
            else:
                self._state.withdraw(waiter)
            raise
        finally:
            timer.cancel()

    def _expire(self, waiter: _FutureWaiter[C], limit: float) -> None:
        if waiter.future.done():
            return
        self._state.withdraw(waiter)
        self._state.counters.timeouts += 1
        error = PoolTimeout(f"{self.name}: no connection available within {limit:g}s")
        error.__cause__ = self._state.last_connect_error
        waiter.future.set_exception(error)

    async def _connect_reserved(self) -> C:
        """Open the connection a ``reserve()`` made room for; on failure give the room back."""
        try:
            return await self._connect()
        except asyncio.CancelledError:
            self._state.unreserve()
            raise
        except BaseException as exc:
            self._state.open_failed(exc)
            self._wake.set()
            raise

    async def _healthy(self, slot: Slot[C]) -> bool:
        conn = slot.conn
        if conn.closed or conn.broken:
            return False
        after = self._state.config.check_after
        if after is None or self._state.clock() - slot.idle_since < after:
            return True
        try:
            await self._check(conn)
        except Exception as exc:
            log.info("%s: evicting a connection that failed its health check: %r", self.name, exc)
            return False
        return True

    async def _reset_connection(self, conn: C) -> bool:
        if conn.closed or conn.broken:
            return False
        try:
            if conn.in_transaction:
                await conn.rollback()
            if self._reset is not None:
                await self._reset(conn)
        except Exception as exc:
            log.info("%s: evicting a connection whose reset failed: %r", self.name, exc)
            return False
        return not (conn.closed or conn.broken)

    def _close_later(self, conn: C) -> None:
        """Close in a task of its own, so that no caller (or cancellation) waits on it."""
        task = asyncio.get_running_loop().create_task(_close_quietly(conn))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def _warn_if_held_too_long(self, held: float) -> None:
        limit = self._state.config.max_hold
        if limit is not None and held >= limit:
            warnings.warn(
                f"{self.name}: a connection was held for {held:.1f}s (max_hold={limit:g}s)",
                PoolWarning,
                stacklevel=4,
            )

    async def _run_worker(self) -> None:
        config = self._state.config
        delays = backoff(config.reconnect_initial, config.reconnect_max)
        while not self._state.closed:
            if not await self.maintain():
                await asyncio.sleep(next(delays))  # the server is down: back off, then retry
                continue
            delays = backoff(config.reconnect_initial, config.reconnect_max)
            try:
                await within(self._wake.wait(), config.housekeeping_interval)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()

    async def maintain(self) -> bool:
        """One housekeeping pass (the worker runs one every ``housekeeping_interval``): close stale
        idle connections, warn about held ones, refill to min_size.

        Returns False when a refill connect failed (the caller backs off).
        """
        for slot in self._state.collect_stale():
            self._close_later(slot.conn)
        for _, held in self._state.collect_held_too_long():
            log.warning("%s: a connection is held for %.1fs and not yet released", self.name, held)
        while self._state.refill_wanted() and self._state.reserve():
            try:
                conn = await self._connect_reserved()
            except Exception as exc:
                log.warning("%s: reconnect failed, will retry: %r", self.name, exc)
                return False
            if self._state.opened_idle(conn):  # the pool closed while it was being opened
                self._close_later(conn)
        return True


async def _ping(conn: AsyncPoolableConnection) -> None:
    await conn.ping()


async def _close_quietly(conn: AsyncPoolableConnection) -> None:
    try:
        await conn.close()
    except Exception as exc:
        log.debug("closing a pooled connection failed: %r", exc)
