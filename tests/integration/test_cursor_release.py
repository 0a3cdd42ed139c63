"""A cursor never leaks a result nor loses rows: its previous result, handed to the session when
the cursor lets go of it, is finished by the connection's next request even when the operation
that let go of it never ran (the wait for the lock timed out); rows leave the cursor only when a
fetch returns them, so a cancelled asyncio fetch loses none."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aio_support import connect as aio_connect
from aio_support import count_round_trips, run
from driver_support import connect, table_name

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture
def conn(informix_server: Any) -> Iterator[informix_db.Connection]:
    c = connect(informix_server, autocommit=True, fetch_buffer_size=512)
    yield c
    c.close()


@pytest.fixture
def table(conn: informix_db.Connection) -> Iterator[str]:
    name = table_name("release")
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {name} (n INT)")
    cur.executemany(f"INSERT INTO {name} VALUES (?)", [(i,) for i in range(300)])
    yield name
    cur.execute(f"DROP TABLE {name}")


@pytest.mark.parametrize("how", ["execute", "executemany", "scroll-execute"])
def test_lock_timeout_leaves_the_old_result_to_the_next_request(
    conn: informix_db.Connection, table: str, how: str
) -> None:
    cur = conn.cursor(scrollable=how == "scroll-execute")
    cur.execute(f"SELECT n FROM {table} ORDER BY n")
    assert cur.fetchone() == (0,)
    old = cur._result
    assert old is not None
    assert not old.finished  # a server cursor is open
    conn._lock_timeout = 0.05
    operation: Callable[[], object]
    if how == "executemany":
        operation = functools.partial(cur.executemany, f"INSERT INTO {table} VALUES (?)", [(1,)])
    else:
        operation = functools.partial(cur.execute, f"SELECT COUNT(*) FROM {table}")
    assert conn._lock.acquire()  # as if another thread's operation held the wire
    try:
        with pytest.raises(informix_db.OperationalError, match="busy"):
            operation()
    finally:
        conn._lock.release()
    assert list(conn._session.abandoned) == [old]  # waiting for the next request, not lost
    conn.ping()
    assert old.finished
    assert not old.prepared.in_use  # the statement is back in the cache
    assert not conn._session.abandoned
    again = conn.cursor().execute(f"SELECT n FROM {table} ORDER BY n")  # reuses the statement
    assert len(again.fetchall()) == 300


def test_closed_and_dropped_cursors_free_their_statements(
    conn: informix_db.Connection, table: str
) -> None:
    for _ in range(40):  # more open cursors than the statement cache holds
        cur = conn.cursor()
        cur.execute(f"SELECT n FROM {table} WHERE n >= ?", (1,))
        cur.fetchone()
        cur.close()
        with pytest.raises(informix_db.InterfaceError):
            cur.fetchone()
    cur = conn.cursor().execute(f"SELECT COUNT(*) FROM {table}")
    assert cur.fetchone() == (300,)
    assert not conn._session.abandoned
    assert len(conn._session.cache) <= conn._session.cache.size


@pytest.mark.parametrize("fetch", ["fetchall", "fetchmany"])
def test_cancelled_fetch_loses_no_rows(informix_server: Any, table: str, fetch: str) -> None:
    faults = informix_server.faults

    async def main() -> None:
        async with await aio_connect(informix_server, fetch_buffer_size=512) as conn:
            cur = await conn.cursor()
            await cur.execute(f"SELECT n FROM {table} ORDER BY n")
            assert await cur.fetchone() == (0,)
            counter = count_round_trips(conn)
            faults.delay = 0.02  # each batch comes late: the cancellation lands between them
            try:
                call = cur.fetchall() if fetch == "fetchall" else cur.fetchmany(250)
                task = asyncio.ensure_future(call)
                for _ in range(5000):
                    if counter.sends >= 3:
                        break
                    await asyncio.sleep(0.001)
                assert counter.sends >= 3  # a few batches in, more to come
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task
            finally:
                faults.clear()
            assert cur.rownumber == 1
            assert await cur.fetchall() == [(i,) for i in range(1, 300)]
            assert cur.rownumber == 300
            assert not conn.broken

    run(main)
