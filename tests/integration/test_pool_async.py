"""The asyncio pool over the real ``informix_db_aio`` driver: load, cancellation storm, restart.

Issue #6's acceptance runs: 200 tasks through 10 connections (thousands of queries, zero errors,
nothing leaked, stats that add up); the same with half the tasks cancelled at random points, after
which every pooled connection answers correctly; and the server stopped and started again under
load, with errors while it is down and recovery without a new pool.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from test_pool_support import (
    connect_kwargs,
    require_driver,
    server_class_or_skip,
    server_or_skip,
)

from informix_db_pool import AsyncConnectionPool, PoolClosed, create_async_pool
from informix_wire.errors import OperationalError

pytestmark = pytest.mark.integration

PROBE = "SELECT CAST(? AS INTEGER) FROM systables WHERE tabid = 1"


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Any:
    require_driver("informix_db_aio")
    return server_or_skip(request)


def run(main: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(main(), 150))


async def probe(pool: AsyncConnectionPool[Any], value: int) -> None:
    async with pool.connection() as conn:
        cur = await conn.cursor()
        await cur.execute(PROBE, (value,))
        row = await cur.fetchone()
        assert row == (value,), f"connection answered {row!r} to {value}"


def assert_books_balance(pool: AsyncConnectionPool[Any]) -> None:
    s = pool.stats()
    assert (s.in_use, s.waiting, s.connecting) == (0, 0, 0)
    assert s.size == s.idle
    assert s.created - s.closed == s.size
    assert s.acquired == s.released


def test_readme_async_entry_point(server: Any) -> None:
    aio = require_driver("informix_db_aio")
    if not hasattr(aio, "create_pool"):
        pytest.skip("informix_db_aio.create_pool is not wired to informix_db_pool yet")

    async def main() -> None:
        pool = await aio.create_pool(**connect_kwargs(server), min_size=1, max_size=10)
        assert isinstance(pool, AsyncConnectionPool)
        await probe(pool, 42)
        await pool.close()
        with pytest.raises(PoolClosed):
            await probe(pool, 43)

    run(main)


def test_200_tasks_through_10_connections(server: Any) -> None:
    async def main() -> None:
        pool = await create_async_pool(
            **connect_kwargs(server), min_size=1, max_size=10, acquire_timeout=60.0
        )
        try:
            await asyncio.gather(*(task(pool, n) for n in range(200)))
            s = pool.stats()
            assert s.acquired == 200 * 10
            assert (s.timeouts, s.evicted, s.connect_errors) == (0, 0, 0)
            assert s.size <= 10
            assert_books_balance(pool)
        finally:
            await pool.close()

    async def task(pool: AsyncConnectionPool[Any], n: int) -> None:
        for i in range(10):
            await probe(pool, n * 1000 + i)

    run(main)


def test_cancellation_storm_leaves_every_connection_sound(server: Any) -> None:
    async def main() -> None:
        pool = await create_async_pool(
            **connect_kwargs(server), min_size=2, max_size=10, acquire_timeout=60.0
        )
        rng = random.Random(6)

        async def task(n: int) -> None:
            for i in range(10):
                await probe(pool, n * 1000 + i)

        try:
            tasks = [asyncio.ensure_future(task(n)) for n in range(200)]
            for victim in rng.sample(tasks, 100):
                await asyncio.sleep(rng.random() * 0.005)
                victim.cancel()
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
            assert [o for o in outcomes if isinstance(o, Exception)] == []
            assert_books_balance(pool)
            conns = [await pool.acquire() for _ in range(pool.stats().idle)]
            for value, conn in enumerate(conns):  # every pooled connection answers correctly
                cur = await conn.cursor()
                await cur.execute(PROBE, (value,))
                assert await cur.fetchone() == (value,)
                await pool.release(conn)
            await asyncio.gather(*(probe(pool, n) for n in range(50)))
            assert_books_balance(pool)
        finally:
            await pool.close()

    run(main)


def test_server_restart_under_load(request: pytest.FixtureRequest) -> None:
    require_driver("informix_db_aio")
    server_class = server_class_or_skip()

    async def main(server: Any) -> None:
        pool = await create_async_pool(
            **connect_kwargs(server),
            min_size=2,
            max_size=10,
            acquire_timeout=2.0,
            check_after=0.0,
            reconnect_initial=0.05,
            reconnect_max=0.2,
        )
        errors: list[BaseException] = []
        successes = 0
        stop = asyncio.Event()

        async def client(n: int) -> None:
            nonlocal successes
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    await probe(pool, n * 100000 + i)
                    successes += 1
                except OperationalError as exc:  # down: connect refused, link lost, or timeout
                    errors.append(exc)
                    await asyncio.sleep(0.01)

        try:
            clients = [asyncio.ensure_future(client(n)) for n in range(20)]
            await asyncio.sleep(0.3)
            before = successes
            assert before > 0
            await asyncio.to_thread(server.stop)
            await asyncio.sleep(0.5)
            assert errors, "no error reported while the server was down"
            await asyncio.to_thread(server.start)
            after_restart = successes
            deadline = asyncio.get_running_loop().time() + 30
            while successes < after_restart + 200:
                assert asyncio.get_running_loop().time() < deadline, "the pool never recovered"
                await asyncio.sleep(0.05)
            stop.set()
            await asyncio.gather(*clients)
            assert_books_balance(pool)
        finally:
            await pool.close()

    with server_class() as server:
        connect_kwargs(server)
        run(lambda: main(server))


async def settle() -> None:
    """Let every ready task run (a few loop turns)."""
    for _ in range(20):
        await asyncio.sleep(0)


@pytest.mark.parametrize("turns", range(8))
def test_cancelled_waiter_raises_and_leaks_nothing(server: Any, turns: int) -> None:
    """A task queued for the only connection is cancelled at each loop turn of the hand-over
    (release, health check): once ``cancel()`` took, it raises CancelledError, never returns a
    connection nobody holds; the books balance and the connection answers."""

    async def main() -> None:
        pool = await create_async_pool(
            **connect_kwargs(server), min_size=1, max_size=1, check_after=0.0
        )
        try:
            held = await pool.acquire()
            waiter = asyncio.ensure_future(pool.acquire())
            await settle()
            assert pool.stats().waiting == 1
            await pool.release(held)
            for _ in range(turns):
                await asyncio.sleep(0)
            if waiter.cancel():
                with pytest.raises(asyncio.CancelledError):
                    await waiter
            else:  # it had its connection before the cancellation came: hand it back
                await pool.release(waiter.result())
            await settle()
            for _ in range(200):  # a health check cut short is finished in the background
                if pool.stats().in_use == 0 and pool.stats().connecting == 0:
                    break
                await asyncio.sleep(0.01)
            assert_books_balance(pool)
            await probe(pool, turns)
            assert_books_balance(pool)
        finally:
            await pool.close()

    run(main)


@pytest.mark.parametrize("turns", range(6))
def test_cancelled_close_raises_and_leaks_nothing(server: Any, turns: int) -> None:
    """``close()`` waiting for a checked-out connection is cancelled at each loop turn around
    that connection's return: once ``cancel()`` took, it raises CancelledError (``asyncio
    .wait_for`` before 3.12 could swallow it, CPython gh-86296), and every connection ends
    closed."""

    async def main() -> None:
        pool = await create_async_pool(**connect_kwargs(server), min_size=2, max_size=2)
        conns = [await pool.acquire(), await pool.acquire()]
        closer = asyncio.ensure_future(pool.close(timeout=10))
        await settle()
        await pool.release(conns[0])
        for _ in range(turns):
            await asyncio.sleep(0)
        if closer.cancel():
            with pytest.raises(asyncio.CancelledError):
                await closer
        else:
            await closer
        await pool.release(conns[1])
        for _ in range(200):
            if all(c.closed for c in conns):
                break
            await asyncio.sleep(0.01)
        assert all(c.closed for c in conns)
        s = pool.stats()
        assert (s.size, s.in_use, s.waiting) == (0, 0, 0)
        assert s.acquired == s.released == 2

    run(main)
