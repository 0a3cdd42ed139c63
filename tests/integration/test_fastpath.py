"""conn.fast_path_call end to end: built-in and SPL routines, argument and result types, the
per-connection handle cache, transactions and failures that keep the connection in step."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, count_round_trips, table_name

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def routines(informix_server: Any) -> Iterator[dict[str, str]]:
    names = {"add": table_name("fp_add"), "echo": table_name("fp_echo"),
             "log": table_name("fp_log"), "table": table_name("fp_t")}  # fmt: skip
    owner = connect(informix_server, autocommit=True)
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


@pytest.fixture
def conn(informix_server: Any) -> Iterator[informix_db.Connection]:
    c = connect(informix_server, autocommit=True)
    yield c
    c.close()


def test_builtin_functions(conn: informix_db.Connection) -> None:
    assert conn.fast_path_call("function informix.abs(integer)", -42) == [42]
    assert conn.fast_path_call("function upper(varchar(20))", "fast path") == ["FAST PATH"]
    assert conn.fast_path_call("function abs(float)", -2.5) == [2.5]


def test_spl_routines_and_types(conn: informix_db.Connection, routines: dict[str, str]) -> None:
    add = f"function {routines['add']}(integer, integer)"
    assert conn.fast_path_call(add, 40, 2) == [42]
    assert conn.fast_path_call(add, None, 2) == [None]
    echo = f"function {routines['echo']}(decimal(12,3), date, varchar(40))"
    args = (decimal.Decimal("12.345"), datetime.date(2024, 2, 29), "é ü")
    assert conn.fast_path_call(echo, *args) == list(args)
    log = f"procedure {routines['log']}(integer)"
    assert conn.fast_path_call(log, 7) == []
    cur = conn.cursor().execute(f"SELECT n FROM {routines['table']} WHERE n = 7")
    assert cur.fetchall() == [(7,)]


def test_handle_is_cached_per_connection(conn: informix_db.Connection) -> None:
    counter = count_round_trips(conn)
    conn.fast_path_call("function abs(integer)", -1)
    assert counter.sends == 2  # SQ_GETROUTINE, then SQ_EXFPROUTINE
    for i in range(5):
        assert conn.fast_path_call("function abs(integer)", -i) == [i]
    assert counter.sends == 7  # one round trip per cached call


def test_missing_routine_and_failing_call_keep_the_connection(
    conn: informix_db.Connection, routines: dict[str, str]
) -> None:
    with pytest.raises(informix_db.DatabaseError) as info:
        conn.fast_path_call("function no_such_routine_here(integer)", 1)
    assert info.value.sqlcode == -9700  # type: ignore[attr-defined]
    with pytest.raises(informix_db.DatabaseError):
        conn.fast_path_call(f"function {routines['add']}(integer, integer)", "x", 1)
    with pytest.raises(informix_db.InterfaceError):
        conn.fast_path_call("   ")
    with pytest.raises(informix_db.NotSupportedError):
        conn.fast_path_call("function length(byte)", b"raw")
    assert not conn.closed
    assert conn.fast_path_call(f"function {routines['add']}(integer, integer)", 1, 1) == [2]
    conn.ping()


def test_calls_join_the_transaction(informix_server: Any, routines: dict[str, str]) -> None:
    c = connect(informix_server)  # autocommit off on the logged testdb
    try:
        c.fast_path_call(f"procedure {routines['log']}(integer)", 99)
        assert c.in_transaction
        c.rollback()
        cur = c.cursor().execute(f"SELECT count(*) FROM {routines['table']} WHERE n = 99")
        assert cur.fetchone() == (0,)
    finally:
        c.close()


def test_a_dropped_connection_mid_call_closes_it(informix_server: Any) -> None:
    c = connect(informix_server, autocommit=True)
    informix_server.faults.drop_at_message = "EXFPROUTINE"
    try:
        with pytest.raises(informix_db.OperationalError):
            c.fast_path_call("function abs(integer)", -3)
        assert c.closed
        assert c.broken
    finally:
        informix_server.faults.clear()
        c.close()
