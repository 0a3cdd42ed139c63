"""The blocking pool over the real ``informix_db`` driver and the embedded test server."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from test_pool_support import (
    connect_kwargs,
    require_driver,
    server_class_or_skip,
    server_or_skip,
    table_name,
)

from informix_db_pool import PoolTimeout, create_pool
from informix_wire.errors import OperationalError

pytestmark = pytest.mark.integration


@pytest.fixture
def driver() -> Any:
    return require_driver("informix_db")


@pytest.fixture
def server(request: pytest.FixtureRequest, driver: Any) -> Any:
    return server_or_skip(request)


def test_readme_pool_and_reset_on_release(driver: Any, server: Any) -> None:
    if not hasattr(driver, "create_pool"):
        pytest.skip("informix_db.create_pool is not wired to informix_db_pool yet")
    kwargs = connect_kwargs(server)
    pool = driver.create_pool(**kwargs, min_size=1, max_size=4, acquire_timeout=5.0)
    table = table_name()
    try:
        with pool.connection() as conn:
            cur = conn.cursor()
            cur.execute(f"CREATE TABLE {table} (id INT, name VARCHAR(20))")
            conn.commit()
        with pool.connection() as conn:
            cur = conn.cursor()
            cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (1, "uncommitted"))
            assert conn.in_transaction  # released without commit: the pool rolls it back
        with pool.connection() as conn:
            cur = conn.cursor()
            cur.execute(f"SELECT COUNT(*) FROM {table}")
            assert cur.fetchone() == (0,)
        s = pool.stats()
        assert (s.in_use, s.acquired, s.released, s.evicted) == (0, 3, 3, 0)
    finally:
        pool.close()


def test_threads_share_a_small_pool(server: Any) -> None:
    pool = create_pool(**connect_kwargs(server), min_size=2, max_size=4, check_after=0.0)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(25):
                with pool.connection() as conn:
                    cur = conn.cursor()
                    cur.execute(
                        "SELECT CAST(? AS INTEGER) FROM systables WHERE tabid = 1", (n * 100 + i,)
                    )
                    assert cur.fetchone() == (n * 100 + i,)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    try:
        assert errors == []
        s = pool.stats()
        assert (s.acquired, s.released, s.in_use, s.timeouts) == (300, 300, 0, 0)
        assert 2 <= s.size <= 4
        assert s.created - s.closed == s.size
    finally:
        pool.close()


def test_server_restart_is_survived_without_a_new_pool(driver: Any) -> None:
    server_class = server_class_or_skip()
    with server_class() as server:
        kwargs = connect_kwargs(server)
        pool = create_pool(
            **kwargs,
            min_size=2,
            max_size=4,
            check_after=0.0,
            acquire_timeout=2.0,
            reconnect_initial=0.05,
            reconnect_max=0.2,
        )
        try:
            with pool.connection() as conn:
                conn.cursor().execute("SELECT 1 FROM systables WHERE tabid = 1")
            server.stop()
            # The idle link fails its ping, the reconnect is refused: the caller sees that error.
            with pytest.raises(OperationalError) as caught, pool.connection():
                pass
            assert not isinstance(caught.value, PoolTimeout)
            assert pool.stats().connect_errors >= 1
            server.start()
            with pool.connection() as conn:
                cur = conn.cursor()
                cur.execute("SELECT 1 FROM systables WHERE tabid = 1")
                assert cur.fetchone() == (1,)
            assert pool.stats().evicted >= 1
        finally:
            pool.close()
