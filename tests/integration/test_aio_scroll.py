"""asyncio scroll cursors end to end (the twin of ``test_scroll_cursor``): every move, batches of
rows per round trip, other statements meanwhile, errors and cancellations that leave the
connection in step."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from aio_support import connect, count_round_trips, run
from driver_support import connect as sync_connect
from driver_support import table_name

import informix_db
from informix_db import aio
from informix_db_aio.scroll_cursor import ScrollCursor

pytestmark = pytest.mark.integration

ROWS = 500


@pytest.fixture(scope="module")
def table(informix_server: Any) -> Iterator[str]:
    name = table_name("aioscroll")
    owner = sync_connect(informix_server, autocommit=True)
    cur = owner.cursor()
    cur.execute(f"CREATE TABLE {name} (n INT NOT NULL, label VARCHAR(40))")
    cur.executemany(f"INSERT INTO {name} VALUES (?, ?)", [(i, f"r{i}") for i in range(1, ROWS + 1)])
    yield name
    cur.execute(f"DROP TABLE {name}")
    owner.close()


async def scroll_cursor(conn: aio.Connection, table: str) -> ScrollCursor:
    cur = await conn.cursor(scrollable=True)
    assert isinstance(cur, ScrollCursor)
    await cur.execute(f"SELECT n, label FROM {table} ORDER BY n")
    return cur


def test_every_move(informix_server: Any, table: str) -> None:
    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            cur = await scroll_cursor(conn, table)
            assert cur.rownumber == 0
            assert await cur.fetchone() == (1, "r1")
            assert await cur.fetch_next() == (2, "r2")
            assert await cur.fetch_prior() == (1, "r1")
            assert await cur.fetch_prior() is None
            assert cur.rownumber == 0
            assert await cur.fetch_last() == (ROWS, f"r{ROWS}")
            assert cur.rowcount == ROWS
            assert await cur.fetchone() is None
            assert cur.rownumber == ROWS + 1
            assert await cur.fetch_prior() == (ROWS, f"r{ROWS}")
            assert await cur.fetch_absolute(250) == (250, "r250")
            assert await cur.fetch_relative(-10) == (240, "r240")
            assert await cur.fetch_relative(0) == (240, "r240")
            assert await cur.fetch_absolute(-ROWS) == (1, "r1")
            assert await cur.fetch_absolute(-ROWS - 1) is None
            assert cur.rownumber == 0
            assert await cur.fetch_first() == (1, "r1")
            assert await cur.fetch_absolute(ROWS + 5) is None
            assert cur.rownumber == ROWS + 1
            await cur.close()
            with pytest.raises(informix_db.InterfaceError):
                await cur.fetch_first()

    run(main)


def test_pep249_scroll_fetchmany_and_fetchall(informix_server: Any, table: str) -> None:
    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            cur = await scroll_cursor(conn, table)
            await cur.scroll(10, "absolute")
            assert await cur.fetchone() == (11, "r11")
            await cur.scroll(-3)
            assert await cur.fetchmany(2) == [(9, "r9"), (10, "r10")]
            with pytest.raises(IndexError):
                await cur.scroll(ROWS + 1, "absolute")
            assert cur.rownumber == 10  # unchanged by the failed scroll
            with pytest.raises(IndexError):
                await cur.scroll(-11)
            await cur.scroll(ROWS - 2, "absolute")
            assert await cur.fetchall() == [(ROWS - 1, f"r{ROWS - 1}"), (ROWS, f"r{ROWS}")]
            assert await cur.fetchall() == []
            with pytest.raises(informix_db.ProgrammingError):
                await cur.scroll(1, "sideways")

    run(main)


def test_rows_come_in_batches_and_other_statements_work(informix_server: Any, table: str) -> None:
    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            counter = count_round_trips(conn)
            cur = await scroll_cursor(conn, table)
            opened = counter.sends
            rows = await cur.fetchall()
            assert [r[0] for r in rows] == list(range(1, ROWS + 1))
            assert counter.sends - opened < ROWS // 20  # a buffer of rows per SFETCH
            assert await cur.fetch_absolute(100) == (100, "r100")
            other = await conn.cursor()
            await other.execute(f"SELECT count(*) FROM {table}")
            assert await other.fetchone() == (ROWS,)
            second = await scroll_cursor(conn, table)
            assert await second.fetch_last() == (ROWS, f"r{ROWS}")
            assert await cur.fetch_prior() == (99, "r99")
            assert await second.fetch_first() == (1, "r1")
            await conn.ping()

    run(main)


def test_parameters_row_factory_non_queries_and_errors(informix_server: Any, table: str) -> None:
    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            cur = await conn.cursor(scrollable=True, row_factory=aio.dict_row)
            await cur.execute(f"SELECT n FROM {table} WHERE n > ? ORDER BY n", (ROWS - 2,))
            assert await cur.fetch_last() == {"n": ROWS}
            assert await cur.fetch_first() == {"n": ROWS - 1}
            await cur.execute(f"SELECT n FROM {table} WHERE n < 0")
            assert await cur.fetchone() is None
            assert cur.rowcount == 0
            plain = await conn.cursor(scrollable=True)
            await plain.execute(f"UPDATE {table} SET label = label WHERE n = 1")
            assert plain.rowcount == 1
            with pytest.raises(informix_db.ProgrammingError):
                await plain.fetch_first()
            with pytest.raises(informix_db.ProgrammingError):
                await plain.execute("SELECT nope FROM nowhere_at_all")
            assert not conn.closed
            await plain.execute(f"SELECT n FROM {table} ORDER BY n")
            assert await plain.fetch_absolute(3) == (3,)

    run(main)


def test_cancelled_move_keeps_position_and_connection(informix_server: Any, table: str) -> None:
    """A move cancelled while its SFETCH is in flight raises CancelledError, leaves rownumber
    where it was, and the connection finishes the SFETCH in step."""
    faults = informix_server.faults

    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            cur = await scroll_cursor(conn, table)
            assert await cur.fetch_absolute(10) == (10, "r10")
            counter = count_round_trips(conn)
            faults.delay = 0.1  # the reply comes late: the cancellation lands while it is owed
            try:
                move = asyncio.ensure_future(cur.fetch_absolute(5))  # outside the window
                for _ in range(5000):
                    if counter.sends:
                        break
                    await asyncio.sleep(0.001)
                assert counter.sends == 1
                move.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await move
                assert cur.rownumber == 10
            finally:
                faults.clear()
            assert await cur.fetch_relative(1) == (11, "r11")
            assert await cur.fetch_absolute(5) == (5, "r5")
            assert await cur.fetch_absolute(401) == (401, "r401")
            # An execute cancelled after its scroll cursor was opened: closed unseen.
            second = await conn.cursor(scrollable=True)
            sent = counter.sends
            faults.delay = 0.1
            try:
                opening = asyncio.ensure_future(second.execute(f"SELECT n FROM {table}"))
                for _ in range(5000):
                    if counter.sends > sent:
                        break
                    await asyncio.sleep(0.001)
                opening.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await opening
            finally:
                faults.clear()
            with pytest.raises(informix_db.ProgrammingError):
                await second.fetchone()  # it never got a result
            await conn.ping()
            assert not conn._session.abandoned
            assert await cur.fetch_prior() == (400, "r400")
            assert not conn.broken

    run(main)
