"""AsyncConnectionPool against fake asyncio connections, including cancellation at every await."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from dbpool_fakes import AsyncFakeConnection, AsyncFakeServer, FakeClock, wait_until_async

from informix_db_pool import AsyncConnectionPool, PoolClosed, PoolConfig, PoolTimeout
from informix_wire.errors import InterfaceError, OperationalError

Pool = AsyncConnectionPool[AsyncFakeConnection]


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(test(), 60))


def make_pool(server: AsyncFakeServer, clock: FakeClock | None = None, **config: Any) -> Pool:
    settings: dict[str, Any] = {"min_size": 0, "max_size": 2, "acquire_timeout": 5.0}
    settings.update(config)
    return AsyncConnectionPool(
        server.connect_async,
        PoolConfig(**settings),
        clock=clock or FakeClock(),
    )


def assert_books_balance(pool: Pool) -> None:
    s = pool.stats()
    assert s.size == s.idle + s.in_use
    assert s.created - s.closed == s.size
    assert s.closed == s.evicted + s.expired + s.shrunk + s.drained


def test_reuse_rollback_and_double_release() -> None:
    async def main() -> None:
        pool = make_pool(AsyncFakeServer())
        async with pool.connection() as conn:
            await conn.query()
        async with pool.connection() as again:
            assert again is conn
        assert conn.sync.rollbacks == 1
        held = await pool.acquire()
        await pool.release(held)
        with pytest.raises(InterfaceError):
            await pool.release(held)
        s = pool.stats()
        assert (s.created, s.acquired, s.released) == (1, 3, 3)
        await pool.close()
        assert conn.closed

    run(main)


def test_timeout_fifo_and_connect_error() -> None:
    async def main() -> None:
        server = AsyncFakeServer()
        pool = make_pool(server)
        a, b = await pool.acquire(), await pool.acquire()
        with pytest.raises(PoolTimeout):
            await pool.acquire(timeout=0.01)
        first = asyncio.ensure_future(pool.acquire())
        second = asyncio.ensure_future(pool.acquire())
        await wait_until_async(lambda: pool.stats().waiting == 2)
        await pool.release(b)
        assert await first is b
        assert not second.done()
        await pool.release(a)
        assert await second is a
        assert pool.stats().timeouts == 1
        await pool.release(a)
        await pool.release(b)
        pool.resize(0, 3)
        server.stop()
        held = [await pool.acquire(), await pool.acquire()]
        with pytest.raises(OperationalError, match="refused"):
            await pool.acquire()
        for conn in held:
            await pool.release(conn)
        await pool.close()

    run(main)


def test_cancelled_waiter_leaves_the_queue_and_served_one_gives_back() -> None:
    async def main() -> None:
        pool = make_pool(AsyncFakeServer(), max_size=1)
        conn = await pool.acquire()
        waiter = asyncio.ensure_future(pool.acquire())
        await wait_until_async(lambda: pool.stats().waiting == 1)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        assert pool.stats().waiting == 0
        # Served and cancelled in the same loop turn: the connection must come back to the pool.
        waiter = asyncio.ensure_future(pool.acquire())
        await wait_until_async(lambda: pool.stats().waiting == 1)
        await pool.release(conn)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        s = pool.stats()
        assert (s.idle, s.in_use, s.size) == (1, 0, 1)
        assert await pool.acquire(timeout=0.01) is conn
        await pool.release(conn)
        await pool.close()

    run(main)


def test_cancelled_block_evicts_its_connection() -> None:
    async def main() -> None:
        pool = make_pool(AsyncFakeServer())
        entered = asyncio.Event()
        used: list[AsyncFakeConnection] = []

        async def stuck() -> None:
            async with pool.connection() as conn:
                used.append(conn)
                conn.busy = True  # cancelled between request and reply
                entered.set()
                await asyncio.sleep(3600)

        task = asyncio.ensure_future(stuck())
        await entered.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        async with pool.connection() as conn:
            assert conn is not used[0]
            await conn.query()
        assert pool.stats().evicted == 1
        await pool.close()
        assert used[0].closed

    run(main)


def test_health_check_and_lifetime_with_a_fake_clock() -> None:
    async def main() -> None:
        clock = FakeClock()
        pool = make_pool(AsyncFakeServer(), clock, check_after=5.0, max_lifetime=100.0)
        conn = await pool.acquire()
        await pool.release(conn)
        clock.advance(5.0)
        assert await pool.acquire() is conn
        assert conn.sync.pings == 1
        await pool.release(conn)
        clock.advance(5.0)
        conn.sync.fail_ping = True
        fresh = await pool.acquire()
        assert fresh is not conn
        clock.advance(100.0)
        await pool.release(fresh)
        s = pool.stats()
        assert (s.evicted, s.expired, s.size) == (1, 1, 0)
        await pool.close()

    run(main)


def test_refill_backs_off_while_down_and_recovers() -> None:
    async def main() -> None:
        server = AsyncFakeServer()
        server.stop()
        pool = make_pool(server, min_size=2, reconnect_initial=0.001, reconnect_max=0.01)
        await pool.open(wait=False)
        await wait_until_async(lambda: pool.stats().connect_errors >= 3)
        server.start()
        await wait_until_async(lambda: pool.stats().idle == 2)
        await pool.close()
        assert all(c.closed for c in server.connections)

    run(main)


def test_close_fails_waiters_and_forces_held_connections() -> None:
    async def main() -> None:
        pool = make_pool(AsyncFakeServer(), max_size=1)
        conn = await pool.acquire()
        waiter = asyncio.ensure_future(pool.acquire())
        await wait_until_async(lambda: pool.stats().waiting == 1)
        await pool.close(timeout=0.01)
        with pytest.raises(PoolClosed):
            await waiter
        assert conn.closed
        await pool.release(conn)  # a no-op after close took it back
        with pytest.raises(PoolClosed):
            await pool.acquire()

    run(main)


def test_cancellation_storm_200_tasks_10_connections() -> None:
    async def main() -> None:
        server = AsyncFakeServer()
        pool = make_pool(server, min_size=2, max_size=10, check_after=0.0, acquire_timeout=30.0)
        await pool.open()
        rng = random.Random(11)
        results: list[int] = []

        async def worker(n: int) -> None:
            for _ in range(20):
                async with pool.connection() as conn:
                    results.append(await conn.query(steps=rng.randrange(1, 4)))

        tasks = [asyncio.ensure_future(worker(n)) for n in range(200)]
        for task in rng.sample(tasks, 100):
            for _ in range(rng.randrange(0, 40)):
                await asyncio.sleep(0)
            task.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        cancelled = sum(isinstance(o, asyncio.CancelledError) for o in outcomes)
        assert [o for o in outcomes if isinstance(o, Exception)] == []
        assert 0 < cancelled <= 100
        s = pool.stats()
        assert (s.in_use, s.waiting, s.connecting) == (0, 0, 0)
        assert s.acquired == s.released
        assert_books_balance(pool)
        every = [await pool.acquire() for _ in range(s.idle)]
        for conn in every:  # every pooled connection still answers, none desynchronised
            assert not conn.busy
            await conn.query()
            await pool.release(conn)
        await pool.close()
        assert len(results) >= 100 * 20
        assert all(c.closed for c in server.connections)

    run(main)


def test_cancelled_connect_and_health_check_leak_nothing() -> None:
    async def main() -> None:
        server = AsyncFakeServer()
        gate, stalled = asyncio.Event(), asyncio.Event()

        async def slow_connect() -> AsyncFakeConnection:
            await gate.wait()
            return await server.connect_async()

        async def stuck_check(conn: AsyncFakeConnection) -> None:
            stalled.set()
            await asyncio.sleep(3600)

        pool: Pool = AsyncConnectionPool(
            slow_connect, PoolConfig(min_size=0, max_size=1, check_after=0.0), check=stuck_check
        )
        task = asyncio.ensure_future(pool.acquire())
        await wait_until_async(lambda: pool.stats().connecting == 1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert pool.stats().connecting == 0
        gate.set()
        conn = await pool.acquire()  # a fresh connection: no health check
        await pool.release(conn)
        task = asyncio.ensure_future(pool.acquire())  # idle one: its check hangs, then is cancelled
        await stalled.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        s = pool.stats()
        assert (s.size, s.in_use, s.evicted) == (0, 0, 1)
        await pool.close()
        assert conn.closed

    run(main)
