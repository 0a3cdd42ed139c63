"""The asyncio driver against the test server: the seed README example, the PEP 249 surface with
``await``, transactions, and cancellation or timeouts at any point leaving every connection either
in step with the server or closed and broken."""

from __future__ import annotations

import asyncio
import decimal
import random
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from driver_support import table_name

import informix_db
from informix_db import aio

pytestmark = pytest.mark.integration

PROBE = "SELECT CAST(? AS INTEGER) FROM systables WHERE tabid = 1"


def kwargs(server: Any, **extra: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "host": server.host,
        "port": server.port,
        "user": server.user,
        "password": server.password,
        "database": server.database,
        "server": server.server_name,
    }
    args.update(extra)
    return args


def run(main: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(main(), 120))


async def answers(conn: aio.Connection, value: int) -> None:
    """The connection is in step: a fresh query gets its own answer."""
    cur = await conn.cursor()
    await cur.execute(PROBE, (value,))
    assert await cur.fetchone() == (value,)


def test_seed_readme_example(informix_server: Any) -> None:
    async def main() -> None:
        pool = await aio.create_pool(**kwargs(informix_server), min_size=1, max_size=10)
        async with pool.connection() as conn:
            cur = await conn.cursor()
            await cur.execute("SELECT tabid, tabname FROM systables WHERE tabid = ?", (1,))
            row = await cur.fetchone()
        await pool.close()
        assert row == (1, "systables")

    run(main)


def test_query_surface(informix_server: Any) -> None:
    async def main() -> None:
        async with await aio.connect(informix_server.dsn) as conn:
            assert conn.database == informix_server.database
            assert conn.server_version
            cur = await conn.cursor()
            await cur.execute(
                "SELECT tabid, tabname FROM systables WHERE tabid < ? ORDER BY 1", (4,)
            )
            desc = cur.description
            assert desc is not None
            assert [d[0] for d in desc] == ["tabid", "tabname"]
            assert desc[0][1] == informix_db.NUMBER
            assert await cur.fetchone() == (1, "systables")
            cur.arraysize = 2
            assert [r[0] for r in await cur.fetchmany()] == [2, 3]
            assert await cur.fetchall() == []
            assert cur.rowcount == 3
            await cur.execute("SELECT tabid FROM systables WHERE tabid < 6 ORDER BY 1")
            await cur.scroll(2)
            assert cur.rownumber == 2
            await cur.scroll(3, mode="absolute")
            with pytest.raises(informix_db.NotSupportedError):
                await cur.scroll(-1)
            assert [r async for r in cur] == [(4,), (5,)]
            dict_cur = await conn.cursor(row_factory=aio.dict_row)
            await dict_cur.execute("SELECT tabid FROM systables WHERE tabid = 2")
            assert await dict_cur.fetchone() == {"tabid": 2}
            with pytest.raises(informix_db.ProgrammingError):
                await cur.execute("SELEC nonsense")
            await answers(conn, 5)  # a server error leaves the connection usable
        assert conn.closed
        assert not conn.broken

    run(main)


def test_dml_executemany_lastrowid_and_transactions(informix_server: Any) -> None:
    table = table_name("aio")

    async def main() -> None:
        conn = await aio.connect(**kwargs(informix_server))
        try:
            assert conn.logged
            cur = await conn.cursor()
            await cur.execute(
                f"CREATE TABLE {table} (id SERIAL PRIMARY KEY, n INT, amount DECIMAL(8,2))"
            )
            await conn.commit()
            await cur.executemany(
                f"INSERT INTO {table} (n, amount) VALUES (?, ?)",
                [(i, decimal.Decimal(i) / 4) for i in range(300)],
            )
            assert cur.rowcount == 300
            assert conn.in_transaction
            await conn.rollback()
            assert not conn.in_transaction
            await cur.execute(f"SELECT COUNT(*) FROM {table}")
            assert await cur.fetchone() == (0,)
            await cur.execute(f"INSERT INTO {table} (n, amount) VALUES (?, ?)", (7, 1.5))
            assert cur.rowcount == 1
            assert cur.description is None
            assert cur.lastrowid is not None
            assert cur.lastrowid > 0
            await conn.commit()
            await conn.set_autocommit(True)
            await cur.execute(f"INSERT INTO {table} (n, amount) VALUES (8, 2)")
            assert not conn.in_transaction
            await cur.execute(f"SELECT n, amount FROM {table} ORDER BY n")
            assert await cur.fetchall() == [(7, decimal.Decimal("1.50")), (8, decimal.Decimal(2))]
            with pytest.raises(informix_db.IntegrityError) as caught:
                await cur.executemany(
                    f"INSERT INTO {table} (id, n) VALUES (?, ?)", [(1000, 1), (1000, 2)]
                )
            assert getattr(caught.value, "row_index", None) == 1
            await cur.execute(f"DROP TABLE {table}")
        finally:
            await conn.close()

    run(main)


def test_context_manager_rolls_back_on_error(informix_server: Any) -> None:
    table = table_name("aioctx")

    async def main() -> None:
        async with await aio.connect(**kwargs(informix_server)) as conn:
            cur = await conn.cursor()
            await cur.execute(f"CREATE TABLE {table} (n INT)")

        async def insert_then_fail() -> None:
            async with await aio.connect(**kwargs(informix_server)) as conn:
                cur = await conn.cursor()
                await cur.execute(f"INSERT INTO {table} VALUES (1)")
                raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            await insert_then_fail()
        async with await aio.connect(**kwargs(informix_server)) as conn:
            cur = await conn.cursor()
            await cur.execute(f"SELECT COUNT(*) FROM {table}")
            assert await cur.fetchone() == (0,)
            await cur.execute(f"DROP TABLE {table}")

    run(main)


def test_timeout_on_a_slow_reply_drains_and_keeps_the_connection(informix_server: Any) -> None:
    faults = informix_server.faults

    async def main() -> None:
        conn = await aio.connect(**kwargs(informix_server))
        try:
            await answers(conn, 1)  # prepared and cached: the next execute is one round trip
            faults.delay = 0.6
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(answers(conn, 2), 0.1)
            faults.clear()
            await answers(conn, 3)  # waits for the drain of the late reply, then its own answer
            assert not conn.closed
        finally:
            faults.clear()
            await conn.close()

    run(main)


def test_reply_slower_than_the_read_timeout_breaks_the_connection(informix_server: Any) -> None:
    faults = informix_server.faults

    async def main() -> None:
        conn = await aio.connect(**kwargs(informix_server, read_timeout=0.3))
        try:
            faults.delay = 1.5
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(conn.ping(), 0.05)
            with pytest.raises(informix_db.InterfaceError, match="broken"):
                await conn.ping()
            assert conn.broken
        finally:
            faults.clear()
            await conn.close()

    run(main)


def test_cancellation_at_random_points_never_desynchronises(informix_server: Any) -> None:
    """Tasks share connections and are cancelled at random moments of execute, fetch and
    executemany; every connection that is still open answers its own queries afterwards."""
    table = table_name("aiocan")

    async def main() -> None:
        rng = random.Random(7)
        conns = [await aio.connect(**kwargs(informix_server, autocommit=True)) for _ in range(4)]
        setup = await conns[0].cursor()
        await setup.execute(f"CREATE TABLE {table} (n INT)")
        await setup.executemany(f"INSERT INTO {table} VALUES (?)", [(i,) for i in range(500)])

        async def work(conn: aio.Connection, n: int) -> None:
            cur = await conn.cursor()
            await cur.execute(f"SELECT n FROM {table} WHERE n >= ? ORDER BY n", (n % 100,))
            rows = await cur.fetchall()
            assert rows[0] == (n % 100,)
            await cur.executemany(f"INSERT INTO {table} VALUES (?)", [(-1,)] * 20)
            await answers(conn, n)

        for _ in range(6):
            tasks = [asyncio.ensure_future(work(conns[i % 4], i)) for i in range(40)]
            for victim in rng.sample(tasks, 20):
                await asyncio.sleep(rng.random() * 0.01)
                victim.cancel()
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
            unexpected = [
                o
                for o in outcomes
                if isinstance(o, BaseException) and not isinstance(o, asyncio.CancelledError)
            ]
            assert unexpected == []
        for value, conn in enumerate(conns):
            assert not conn.broken
            await answers(conn, 1000 + value)
        await setup.execute(f"DROP TABLE {table}")
        for conn in conns:
            await conn.close()

    run(main)


def test_cancelled_executemany_stops_sending(informix_server: Any) -> None:
    """Cancelled while replies stream in, executemany raises CancelledError (it never returns),
    takes no more rows, and every row it took was sent and ran once the connection drained."""
    table = table_name("aiomany")
    faults = informix_server.faults

    async def main() -> None:
        conn = await aio.connect(**kwargs(informix_server, autocommit=True))
        try:
            cur = await conn.cursor()
            await cur.execute(f"CREATE TABLE {table} (n INT)")
            replies_flowing = asyncio.Event()
            taken = 0

            def rows() -> Iterator[tuple[int]]:
                nonlocal taken
                for n in range(5000):
                    if n == 150:  # past the first window: its replies are being read
                        replies_flowing.set()
                    taken += 1
                    yield (n,)

            faults.delay = 0.002  # each reply late: the whole batch would take over 10 s
            task = asyncio.ensure_future(cur.executemany(f"INSERT INTO {table} VALUES (?)", rows()))
            await asyncio.wait_for(replies_flowing.wait(), 30)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            faults.clear()
            assert 150 < taken < 5000
            await cur.execute(f"SELECT COUNT(*), MAX(n) FROM {table}")
            assert await cur.fetchone() == (taken, taken - 1)
            assert not conn.broken
            await answers(conn, 9)
            await cur.execute(f"DROP TABLE {table}")
        finally:
            faults.clear()
            await conn.close()

    run(main)
