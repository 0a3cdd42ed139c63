"""``await conn.fast_path_call`` end to end (the twin of ``test_fastpath``): built-in and SPL
routines, types, the per-connection handle cache, transactions, failures and cancellation that
keep the connection in step."""

from __future__ import annotations

import asyncio
import datetime
import decimal
from collections.abc import Iterator
from typing import Any

import pytest
from aio_support import connect, count_round_trips, run
from driver_support import connect as sync_connect
from driver_support import table_name

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def routines(informix_server: Any) -> Iterator[dict[str, str]]:
    names = {"add": table_name("afp_add"), "echo": table_name("afp_echo"),
             "log": table_name("afp_log"), "table": table_name("afp_t")}  # fmt: skip
    owner = sync_connect(informix_server, autocommit=True)
    cur = owner.cursor()
    cur.execute(f"CREATE TABLE {names['table']} (n INT)")
    cur.execute(
        f"CREATE FUNCTION {names['add']}(a INT, b INT) RETURNING INT; RETURN a + b; END FUNCTION"
    )
    cur.execute(
        f"CREATE FUNCTION {names['echo']}(d DECIMAL(12,3), t DATE, s VARCHAR(40)) "
        "RETURNING DECIMAL(12,3), DATE, VARCHAR(40); RETURN d, t, s; END FUNCTION"
    )
    cur.execute(
        f"CREATE PROCEDURE {names['log']}(v INT) "
        f"INSERT INTO {names['table']} VALUES (v); END PROCEDURE"
    )
    yield names
    for kind, key in (("FUNCTION", "add"), ("FUNCTION", "echo"), ("PROCEDURE", "log")):
        cur.execute(f"DROP {kind} {names[key]}")
    cur.execute(f"DROP TABLE {names['table']}")
    owner.close()


def test_builtins_spl_routines_and_types(informix_server: Any, routines: dict[str, str]) -> None:
    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            assert await conn.fast_path_call("function informix.abs(integer)", -42) == [42]
            assert await conn.fast_path_call("function upper(varchar(20))", "fast") == ["FAST"]
            add = f"function {routines['add']}(integer, integer)"
            assert await conn.fast_path_call(add, 40, 2) == [42]
            assert await conn.fast_path_call(add, None, 2) == [None]
            echo = f"function {routines['echo']}(decimal(12,3), date, varchar(40))"
            args = (decimal.Decimal("12.345"), datetime.date(2024, 2, 29), "é ü")
            assert await conn.fast_path_call(echo, *args) == list(args)
            assert await conn.fast_path_call(f"procedure {routines['log']}(integer)", 7) == []
            cur = await conn.cursor()
            await cur.execute(f"SELECT n FROM {routines['table']} WHERE n = 7")
            assert await cur.fetchall() == [(7,)]

    run(main)


def test_handle_is_cached_per_connection(informix_server: Any) -> None:
    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            counter = count_round_trips(conn)
            await conn.fast_path_call("function abs(integer)", -1)
            assert counter.sends == 2  # SQ_GETROUTINE, then SQ_EXFPROUTINE
            for i in range(5):
                assert await conn.fast_path_call("function abs(integer)", -i) == [i]
            assert counter.sends == 7  # one round trip per cached call

    run(main)


def test_failures_keep_the_connection_and_calls_join_the_transaction(
    informix_server: Any, routines: dict[str, str]
) -> None:
    async def main() -> None:
        conn = await connect(informix_server)  # autocommit off on the logged testdb
        try:
            with pytest.raises(informix_db.DatabaseError) as info:
                await conn.fast_path_call("function no_such_routine_here(integer)", 1)
            assert info.value.sqlcode == -9700
            with pytest.raises(informix_db.InterfaceError):
                await conn.fast_path_call("   ")
            with pytest.raises(informix_db.NotSupportedError):
                await conn.fast_path_call("function length(byte)", b"raw")
            assert not conn.closed
            await conn.fast_path_call(f"procedure {routines['log']}(integer)", 99)
            assert conn.in_transaction
            await conn.rollback()
            cur = await conn.cursor()
            await cur.execute(f"SELECT count(*) FROM {routines['table']} WHERE n = 99")
            assert await cur.fetchone() == (0,)
        finally:
            await conn.close()

    run(main)


def test_cancelled_call_is_drained(informix_server: Any) -> None:
    """Cancelled while its reply is owed, the call raises CancelledError; the connection drains
    the reply and the next call gets its own answer."""
    faults = informix_server.faults

    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            await conn.fast_path_call("function abs(integer)", -1)  # the handle is cached
            counter = count_round_trips(conn)
            faults.delay = 0.1
            try:
                call = asyncio.ensure_future(conn.fast_path_call("function abs(integer)", -5))
                for _ in range(5000):
                    if counter.sends:
                        break
                    await asyncio.sleep(0.001)
                assert counter.sends == 1
                call.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await call
            finally:
                faults.clear()
            assert await conn.fast_path_call("function abs(integer)", -6) == [6]
            assert not conn.broken

    run(main)


def test_a_dropped_connection_mid_call_closes_it(informix_server: Any) -> None:
    async def main() -> None:
        conn = await connect(informix_server, autocommit=True)
        informix_server.faults.drop_at_message = "EXFPROUTINE"
        try:
            with pytest.raises(informix_db.OperationalError):
                await conn.fast_path_call("function abs(integer)", -3)
            assert conn.closed
            assert conn.broken
        finally:
            informix_server.faults.clear()
            await conn.close()

    run(main)
