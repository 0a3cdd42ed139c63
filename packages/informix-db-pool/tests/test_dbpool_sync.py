"""ConnectionPool against fake connections: sizing, waiting, health, reset, expiry, close."""

from __future__ import annotations

import random
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from dbpool_fakes import FakeClock, FakeConnection, FakeServer, wait_until

from informix_db_pool import ConnectionPool, PoolClosed, PoolConfig, PoolTimeout, PoolWarning
from informix_wire.errors import InterfaceError, OperationalError

Pool = ConnectionPool[FakeConnection]


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_pool(server: FakeServer, clock: FakeClock | None = None, **config: Any) -> Pool:
    settings: dict[str, Any] = {"min_size": 0, "max_size": 2, "acquire_timeout": 5.0}
    settings.update(config)
    return ConnectionPool(
        server.connect,
        PoolConfig(**settings),
        clock=clock or FakeClock(),
    )


@pytest.fixture
def pool(server: FakeServer, clock: FakeClock) -> Iterator[Pool]:
    p = make_pool(server, clock)
    yield p
    p.close(timeout=0)


def assert_books_balance(pool: Pool) -> None:
    s = pool.stats()
    assert s.size == s.idle + s.in_use
    assert s.created - s.closed == s.size
    assert s.closed == s.evicted + s.expired + s.shrunk + s.drained


def test_connection_is_reused_and_stats_add_up(pool: Pool, server: FakeServer) -> None:
    with pool.connection() as a:
        assert a.query() == 1
        assert pool.stats().in_use == 1
    with pool.connection() as b:
        assert b is a
    s = pool.stats()
    assert (s.created, s.acquired, s.released, s.size, s.idle) == (1, 2, 2, 1, 1)
    assert a.rollbacks == 1  # the transaction query() opened was rolled back, only once
    assert_books_balance(pool)


def test_full_pool_times_out_and_reports_it(pool: Pool) -> None:
    held = [pool.acquire(), pool.acquire()]
    with pytest.raises(PoolTimeout):
        pool.acquire(timeout=0.01)
    s = pool.stats()
    assert (s.timeouts, s.waiting, s.in_use) == (1, 0, 2)
    for conn in held:
        pool.release(conn)
    assert_books_balance(pool)


def test_waiters_are_served_first_come_first_served(pool: Pool) -> None:
    held = [pool.acquire(), pool.acquire()]
    got: list[tuple[int, FakeConnection]] = []

    def waiter(n: int) -> None:
        conn = pool.acquire()
        got.append((n, conn))

    threads = []
    for n in range(2):
        t = threading.Thread(target=waiter, args=(n,))
        t.start()
        wait_until(lambda n=n: pool.stats().waiting == n + 1)  # type: ignore[misc]
        threads.append(t)
    pool.release(held[1])
    threads[0].join(5)
    assert got == [(0, held[1])]
    pool.release(held[0])
    threads[1].join(5)
    assert got[1] == (1, held[0])
    for _, conn in got:
        pool.release(conn)
    assert pool.stats().acquired == 4


def test_double_release_and_strangers_are_refused(pool: Pool, server: FakeServer) -> None:
    conn = pool.acquire()
    pool.release(conn)
    with pytest.raises(InterfaceError, match="double release"):
        pool.release(conn)
    with pytest.raises(InterfaceError):
        pool.release(server.connect())
    assert pool.stats().released == 1


def test_reset_hook_runs_and_its_failure_evicts(server: FakeServer) -> None:
    seen: list[FakeConnection] = []

    def reset(conn: FakeConnection) -> None:
        seen.append(conn)
        if len(seen) == 2:
            raise OperationalError("SET ISOLATION failed")

    pool = ConnectionPool(server.connect, PoolConfig(min_size=0, max_size=1), reset=reset)
    first = pool.acquire()
    pool.release(first)
    assert pool.acquire() is first
    pool.release(first)
    assert first.closed
    assert pool.stats().evicted == 1
    assert pool.acquire() is not first
    assert_books_balance(pool)


def test_broken_connection_is_evicted_and_its_room_given_to_a_waiter(
    pool: Pool, server: FakeServer
) -> None:
    a, b = pool.acquire(), pool.acquire()
    result: list[FakeConnection] = []
    t = threading.Thread(target=lambda: result.append(pool.acquire()))
    t.start()
    wait_until(lambda: pool.stats().waiting == 1)
    a.broken = True
    pool.release(a)
    t.join(5)
    assert a.closed
    assert result[0] not in (a, b)  # the waiter opened a fresh connection in a's place
    assert pool.stats().evicted == 1
    pool.release(b)
    pool.release(result[0])
    assert_books_balance(pool)


def test_health_check_runs_outside_the_lock_and_evicts_dead(
    server: FakeServer, clock: FakeClock
) -> None:
    pool: Pool
    lock_free: list[bool] = []

    def check(conn: FakeConnection) -> None:
        lock_free.append(not pool._lock.locked())
        conn.ping()

    pool = ConnectionPool(
        server.connect,
        PoolConfig(min_size=0, max_size=2, check_after=1.0),
        check=check,
        clock=clock,
    )
    conn = pool.acquire()
    pool.release(conn)
    assert pool.acquire() is conn
    assert lock_free == []
    pool.release(conn)
    clock.advance(1.0)
    conn.fail_ping = True
    fresh = pool.acquire()
    assert fresh is not conn
    assert conn.closed
    assert lock_free == [True]
    assert pool.stats().evicted == 1


def test_max_lifetime_replaces_old_connections(server: FakeServer, clock: FakeClock) -> None:
    pool = make_pool(server, clock, max_lifetime=60.0, check_after=None)
    old = pool.acquire()
    pool.release(old)
    clock.advance(60.0)
    new = pool.acquire()
    assert new is not old
    assert old.closed
    clock.advance(61.0)
    pool.release(new)  # too old on return: closed at once
    assert new.closed
    assert pool.stats().expired == 2
    assert_books_balance(pool)


def test_max_idle_shrinks_to_min_size(server: FakeServer, clock: FakeClock) -> None:
    pool = make_pool(server, clock, min_size=1, max_size=3, max_idle=10.0)
    conns = [pool.acquire() for _ in range(3)]
    for conn in conns:
        pool.release(conn)
    clock.advance(10.0)
    assert pool.maintain()
    s = pool.stats()
    assert (s.size, s.expired) == (1, 2)
    assert_books_balance(pool)


def test_resize_closes_surplus_and_grows_for_waiters(pool: Pool) -> None:
    a, b = pool.acquire(), pool.acquire()
    got: list[FakeConnection] = []
    t = threading.Thread(target=lambda: got.append(pool.acquire()))
    t.start()
    wait_until(lambda: pool.stats().waiting == 1)
    pool.resize(0, 3)
    t.join(5)
    assert got
    assert got[0] not in (a, b)
    pool.resize(0, 1)
    pool.release(a)
    pool.release(b)
    pool.release(got[0])
    s = pool.stats()
    assert (s.size, s.shrunk) == (1, 2)
    assert_books_balance(pool)


def test_max_hold_warns_on_release_and_in_housekeeping(
    server: FakeServer, clock: FakeClock
) -> None:
    pool = make_pool(server, clock, max_hold=30.0)
    conn = pool.acquire()
    clock.advance(31.0)
    pool.maintain()
    pool.maintain()  # one warning per checkout
    assert pool.stats().held_too_long == 1
    with pytest.warns(PoolWarning, match="held for 31"):
        pool.release(conn)


def test_connect_error_propagates_and_timeout_names_it(pool: Pool, server: FakeServer) -> None:
    server.stop()
    with pytest.raises(OperationalError, match="refused"):
        pool.acquire()
    assert pool.stats().connect_errors == 1
    assert pool.stats().connecting == 0


def test_background_refill_recovers_when_the_server_returns(server: FakeServer) -> None:
    server.stop()
    pool = make_pool(server, min_size=2, reconnect_initial=0.001, reconnect_max=0.01)
    pool.open(wait=False)
    wait_until(lambda: pool.stats().connect_errors >= 3)  # retrying with backoff
    server.start()
    wait_until(lambda: pool.stats().idle == 2)
    pool.close()
    assert all(c.closed for c in server.connections)


def test_open_waits_for_min_size_and_a_failure_closes(server: FakeServer) -> None:
    pool = make_pool(server, min_size=2)
    pool.open()
    assert pool.stats().idle == 2
    pool.close()
    server.stop()
    failing = make_pool(server, min_size=1)
    with pytest.raises(OperationalError):
        failing.open()
    assert failing.closed


def test_close_drains_then_forces_and_refuses_new_work(pool: Pool) -> None:
    kept = pool.acquire()
    idle = pool.acquire()
    pool.release(idle)
    waiting_error: list[BaseException] = []
    pool.resize(0, 1)  # kept is the only one allowed now: a waiter will queue

    def wait() -> None:
        try:
            pool.acquire()
        except PoolClosed as exc:
            waiting_error.append(exc)

    t = threading.Thread(target=wait)
    t.start()
    wait_until(lambda: pool.stats().waiting == 1)
    pool.close(timeout=0.01)
    t.join(5)
    assert waiting_error
    assert kept.closed
    assert idle.closed
    pool.release(kept)  # taken back by close: a no-op now
    with pytest.raises(PoolClosed):
        pool.acquire()
    s = pool.stats()
    assert (s.shrunk, s.drained) == (1, 1)  # idle closed by the resize, kept by close()
    assert_books_balance(pool)


def test_close_waits_for_a_connection_being_returned(pool: Pool) -> None:
    conn = pool.acquire()
    releaser = threading.Timer(0.01, pool.release, args=(conn,))
    releaser.start()
    pool.close(timeout=10.0)
    releaser.join()
    assert conn.closed
    s = pool.stats()
    assert (s.released, s.drained, s.size) == (1, 1, 0)


def test_threads_hammering_a_small_pool(server: FakeServer) -> None:
    pool = make_pool(server, max_size=4, check_after=0.0, acquire_timeout=30.0)
    rng = random.Random(7)
    breaks = {rng.randrange(32 * 100) for _ in range(40)}
    counter = iter(range(32 * 100))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(100):
                with pool.connection() as conn:
                    conn.query()
                    if next(counter) in breaks:
                        conn.broken = True
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    s = pool.stats()
    assert (s.acquired, s.released, s.in_use, s.waiting) == (3200, 3200, 0, 0)
    assert s.evicted == len(breaks)
    assert s.size <= 4
    assert_books_balance(pool)
    pool.close()
    assert all(c.closed for c in server.connections)


def test_close_while_a_release_is_resetting(server: FakeServer) -> None:
    resetting, proceed = threading.Event(), threading.Event()

    def slow_reset(conn: FakeConnection) -> None:
        resetting.set()
        proceed.wait(10)

    pool = ConnectionPool(server.connect, PoolConfig(min_size=0, max_size=1), reset=slow_reset)
    conn = pool.acquire()
    releaser = threading.Thread(target=pool.release, args=(conn,))
    releaser.start()
    resetting.wait(10)
    pool.close(timeout=0.01)  # gives up on the release under way and closes the connection
    proceed.set()
    releaser.join(10)
    assert conn.closed
    s = pool.stats()
    assert (s.size, s.in_use, s.drained, s.released) == (0, 0, 1, 1)
    assert_books_balance(pool)


def test_a_connect_finishing_after_close_is_closed(server: FakeServer) -> None:
    connecting, proceed = threading.Event(), threading.Event()

    def slow_connect() -> FakeConnection:
        connecting.set()
        proceed.wait(10)
        return server.connect()

    pool = ConnectionPool(slow_connect, PoolConfig(min_size=1, max_size=1))
    pool.open(wait=False)
    connecting.wait(10)

    def unblock_once_closing() -> None:
        wait_until(lambda: pool.closed)
        proceed.set()

    unblock = threading.Thread(target=unblock_once_closing)
    unblock.start()
    pool.close()
    unblock.join(10)
    assert server.connections[0].closed
    s = pool.stats()
    assert (s.size, s.created, s.drained) == (0, 1, 1)


def test_interrupted_block_evicts_and_an_ordinary_error_does_not(pool: Pool) -> None:
    held: list[FakeConnection] = []

    def use(error: BaseException) -> None:
        with pool.connection() as conn:
            held.append(conn)
            raise error

    with pytest.raises(ValueError, match="application"):
        use(ValueError("application error"))
    with pytest.raises(KeyboardInterrupt):
        use(KeyboardInterrupt())
    assert held[0] is held[1]
    assert held[0].closed
    assert pool.stats().evicted == 1


def test_release_completes_even_when_its_warning_or_hook_raises(
    server: FakeServer, clock: FakeClock
) -> None:
    def interrupted_reset(conn: FakeConnection) -> None:
        raise KeyboardInterrupt

    pool = make_pool(server, clock, max_hold=1.0)
    conn = pool.acquire()
    clock.advance(2.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PoolWarning)
        with pytest.raises(PoolWarning):
            pool.release(conn)
    assert pool.stats().idle == 1  # returned before the warning was raised
    hooked = ConnectionPool(server.connect, PoolConfig(min_size=0), reset=interrupted_reset)
    conn = hooked.acquire()
    with pytest.raises(KeyboardInterrupt):
        hooked.release(conn)
    s = hooked.stats()
    assert (s.in_use, s.evicted) == (0, 1)
    assert conn.closed
