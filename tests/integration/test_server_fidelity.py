"""The test server behaves as IDS where DuckDB differs (issue 4), seen through informix_db:
CHAR / VARCHAR lengths and trailing blanks, reserved words as column names, SQ_XACTSTAT, the
savepoint statement types, SPL functions inside SQL and floating DECIMAL(p). Each behaviour's
IBM source is in the engine module that implements it (strings, dml, xactstat, sql_routines,
decfloat)."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, table_name

import informix_db
from informix_db._core import results
from informix_wire import messages as m
from informix_wire.tags import StatementType

pytestmark = pytest.mark.integration


@pytest.fixture
def cur(informix_server: Any) -> Iterator[informix_db.Cursor]:
    with connect(informix_server, autocommit=True) as conn:
        yield conn.cursor()


@pytest.fixture
def ansi_server(informix_server: Any) -> Iterator[Any]:
    """The fixture's server with a fresh ANSI database as ``database``."""
    name = f"ansi_{uuid.uuid4().hex[:8]}"
    with connect(informix_server, autocommit=True) as conn:
        conn.cursor().execute(f"CREATE DATABASE {name} WITH LOG MODE ANSI")
    yield _Server(informix_server, name)
    with connect(informix_server, autocommit=True) as conn:
        conn.cursor().execute(f"DROP DATABASE {name}")


class _Server:
    def __init__(self, server: Any, database: str) -> None:
        self._server = server
        self.database = database

    def __getattr__(self, name: str) -> Any:
        return getattr(self._server, name)


# --- CHAR / VARCHAR ------------------------------------------------------------------------


def test_too_long_strings_are_cut_silently_in_a_logged_database(cur: informix_db.Cursor) -> None:
    table = table_name("str")
    cur.execute(f"CREATE TABLE {table} (c CHAR(3), n NCHAR(3), v VARCHAR(3), l LVARCHAR(4))")
    try:
        cur.execute(f"INSERT INTO {table} VALUES ('abcdef', 'ghijk', 'lmnop', 'qrstuv')")
        cur.execute(f"INSERT INTO {table} (c, v) VALUES (?, ?)", ("123456", "7890"))
        cur.execute(
            f"INSERT INTO {table} (v, c) SELECT c || v, v || c FROM {table} WHERE n = 'ghi'"
        )
        cur.execute(f"SELECT c, n, v, l FROM {table} ORDER BY c")
        assert cur.fetchall() == [
            ("123", None, "789", None),
            ("abc", "ghi", "lmn", "qrst"),
            ("lmn", None, "abc", None),
        ]
        cur.execute(f"UPDATE {table} SET v = ? WHERE c = 'abc'", ("xxxxxxxx",))
        cur.execute(f"SELECT v FROM {table} WHERE c = 'abc'")
        assert cur.fetchall() == [("xxx",)]
    finally:
        cur.execute(f"DROP TABLE {table}")


def test_too_long_strings_fail_with_1279_in_an_ansi_database(ansi_server: Any) -> None:
    with connect(ansi_server, autocommit=True) as conn:
        cur = conn.cursor()
        cur.execute("CREATE TABLE s (c CHAR(3), v VARCHAR(3))")
        cur.execute("INSERT INTO s VALUES ('ab     ', 'xyz  ')")  # only blanks are cut: fine
        for sql, params in (
            ("INSERT INTO s VALUES ('abcd', 'x')", ()),
            ("INSERT INTO s (v) VALUES (?)", ("wxyz",)),
            ("UPDATE s SET c = 'long'", ()),
        ):
            with pytest.raises(informix_db.DatabaseError) as caught:
                cur.execute(sql, params)
            assert caught.value.sqlcode == -1279
        cur.execute("SELECT c, v FROM s")
        assert cur.fetchall() == [("ab ", "xyz")]


def test_char_is_padded_and_compares_without_trailing_blanks(cur: informix_db.Cursor) -> None:
    table = table_name("str")
    cur.execute(f"CREATE TABLE {table} (c CHAR(6) UNIQUE, v VARCHAR(6))")
    try:
        cur.execute(f"INSERT INTO {table} VALUES ('ab', 'ab  ')")
        cur.execute(f"SELECT c, v FROM {table}")
        assert cur.fetchall() == [("ab    ", "ab  ")]  # CHAR padded to 6, VARCHAR as stored
        for where, params in (
            ("c = 'ab'", ()),
            ("c = 'ab   '", ()),
            ("c = ?", ("ab    ",)),
            ("? = c", ("ab",)),
            ("v = 'ab'", ()),
            ("v = ?", ("ab      ",)),
            ("c = v", ()),
            ("c IN ('x', 'ab  ')", ()),
            ("v NOT IN (?, 'zz')", ("q",)),
            ("'ab' = 'ab   '", ()),
        ):
            cur.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params)
            assert cur.fetchone() == (1,), where
        cur.execute(f"SELECT COUNT(*) FROM {table} WHERE c = 'ab x'")
        assert cur.fetchone() == (0,)
        with pytest.raises(informix_db.IntegrityError) as caught:  # 'ab ' is the same CHAR
            cur.execute(f"INSERT INTO {table} VALUES ('ab   ', 'other')")
        assert caught.value.sqlcode == -268
    finally:
        cur.execute(f"DROP TABLE {table}")


# --- reserved words as column names ---------------------------------------------------------


def test_keywords_as_column_names(cur: informix_db.Cursor) -> None:
    """IDS has few reserved words (IBM Guide to SQL: Syntax, "Keywords of SQL for IBM
    Informix"): ORDER, GROUP, USER, DATE, VALUE ... name columns; a bare USER in an expression
    is the USER function, as IBM documents ("Using the Names of Built-In Functions as Column
    Names")."""
    table = table_name("kw")
    cur.execute(
        f"CREATE TABLE {table} (order INT, group INT, user CHAR(8), date DATE, value INT, "
        "limit INT, column VARCHAR(5), PRIMARY KEY (order))"
    )
    try:
        cur.execute(f"CREATE INDEX {table}_g ON {table} (group, value)")
        cur.execute(
            f"INSERT INTO {table} (order, group, user, date, value, limit, column) "
            "VALUES (1, 2, 'alice', MDY(1, 2, 2024), 5, 6, 'c')"
        )
        cur.execute(f"UPDATE {table} SET group = group + 1, user = 'bob' WHERE order = 1")
        cur.execute(
            f"SELECT order, group, {table}.user, date, value, limit, column FROM {table} "
            "WHERE group = 3 AND value > 0 ORDER BY order"
        )
        assert cur.fetchall() == [(1, 3, "bob     ", datetime.date(2024, 1, 2), 5, 6, "c")]
        cur.execute(f"SELECT group, COUNT(*) FROM {table} GROUP BY group ORDER BY group")
        assert cur.fetchall() == [(3, 1)]
        cur.execute(f"SELECT user FROM {table}")
        assert cur.fetchall() == [("informix",)]  # the USER function, as in IDS
        cur.execute(f"DELETE FROM {table} WHERE order = 1")
        assert cur.rowcount == 1
    finally:
        cur.execute(f"DROP TABLE {table}")


# --- SQ_XACTSTAT ----------------------------------------------------------------------------


@pytest.fixture
def xact_events(monkeypatch: pytest.MonkeyPatch) -> list[m.XactStat]:
    """Every SQ_XACTSTAT informix_db reads while the test runs."""
    seen: list[m.XactStat] = []
    add = results.Reply.add

    def recording(self: results.Reply, msg: object) -> None:
        if isinstance(msg, m.XactStat):
            seen.append(msg)
        add(self, msg)

    monkeypatch.setattr(results.Reply, "add", recording)
    return seen


def _events(seen: list[m.XactStat]) -> list[tuple[int, int, int]]:
    out = [(e.event, e.new_level, e.old_level) for e in seen]
    seen.clear()
    return out


def test_xactstat_follows_dml_and_transactions(
    informix_server: Any, xact_events: list[m.XactStat]
) -> None:
    table = table_name("xs")
    insert, begin, commit = (
        int(StatementType.INSERT),
        int(StatementType.BEGIN_WORK),
        int(StatementType.COMMIT_WORK),
    )
    with connect(informix_server, autocommit=True) as auto:
        cur = auto.cursor()
        cur.execute(f"CREATE TABLE {table} (id INT)")
        _events(xact_events)
        cur.execute(f"INSERT INTO {table} VALUES (1)")
        assert _events(xact_events) == [(insert, 0, 1)]  # a single-statement transaction
        assert not auto.in_transaction
        cur.execute(f"SELECT * FROM {table}").fetchall()
        assert _events(xact_events) == []
    with connect(informix_server) as conn:
        cur = conn.cursor()
        cur.execute(f"INSERT INTO {table} VALUES (2)")
        assert _events(xact_events) == [(begin, 2, 0), (insert, 2, 2)]
        assert conn.in_transaction
        conn.commit()
        assert _events(xact_events) == [(commit, 0, 2)]
        assert not conn.in_transaction
        cur.execute("BEGIN WORK")
        assert conn.in_transaction
        cur.execute(f"DELETE FROM {table}")
        cur.execute("ROLLBACK WORK")
        assert not conn.in_transaction
        assert [e[0] for e in _events(xact_events)] == [
            begin, int(StatementType.DELETE_ALL), int(StatementType.ROLLBACK_WORK)
        ]  # fmt: skip
        cur.execute(f"DROP TABLE {table}")
        conn.commit()


def test_no_xactstat_in_an_unlogged_database(
    informix_server: Any, xact_events: list[m.XactStat]
) -> None:
    name = f"nolog_{uuid.uuid4().hex[:8]}"
    with connect(informix_server, autocommit=True) as conn:
        conn.cursor().execute(f"CREATE DATABASE {name}")
    try:
        with connect(informix_server, database=name, autocommit=True) as conn:
            cur = conn.cursor()
            cur.execute("CREATE TABLE t (id INT)")
            cur.execute("INSERT INTO t VALUES (1)")
            assert xact_events == []
    finally:
        with connect(informix_server, autocommit=True) as conn:
            conn.cursor().execute(f"DROP DATABASE {name}")


def test_ansi_transactions_report_xactstat(ansi_server: Any, xact_events: list[m.XactStat]) -> None:
    with connect(ansi_server) as conn:
        cur = conn.cursor()
        cur.execute("CREATE TABLE t (id INT)")
        cur.execute("INSERT INTO t VALUES (1)")
        assert _events(xact_events) == [(int(StatementType.INSERT), 2, 2)]
        conn.commit()
        assert _events(xact_events) == [(int(StatementType.COMMIT_WORK), 2, 2)]
        cur.execute("SELECT COUNT(*) FROM t")
        assert cur.fetchone() == (1,)


# --- savepoint statement types --------------------------------------------------------------


def test_savepoint_statements_are_described_with_sqlstype_codes(informix_server: Any) -> None:
    """SAVEPOINT / RELEASE SAVEPOINT / ROLLBACK TO SAVEPOINT are SQ_SETSVPT 159, SQ_RELSVPT 160
    and SQ_RBACKSVPT 161 (IBM Client SDK sqlstype.h), and work as SQL statements."""
    from informix_testserver.engine import Engine

    engine = Engine()
    try:
        session = engine.session("informix")
        session.open_database("testdb")
        codes = [
            session.prepare(sql).statement_type
            for sql in ("SAVEPOINT a", "RELEASE SAVEPOINT a", "ROLLBACK TO SAVEPOINT a")
        ]
        assert codes == [159, 160, 161]
        session.close()
    finally:
        engine.close()
    table = table_name("sp")
    with connect(informix_server) as conn:
        cur = conn.cursor()
        cur.execute(f"CREATE TABLE {table} (id INT)")
        conn.commit()
        cur.execute(f"INSERT INTO {table} VALUES (1)")
        cur.execute("SAVEPOINT a")
        cur.execute(f"INSERT INTO {table} VALUES (2)")
        cur.execute("ROLLBACK TO SAVEPOINT a")
        cur.execute("RELEASE SAVEPOINT a")
        conn.commit()
        cur.execute(f"SELECT id FROM {table}")
        assert cur.fetchall() == [(1,)]
        cur.execute(f"DROP TABLE {table}")
        conn.commit()


# --- SPL functions inside SQL ---------------------------------------------------------------


def test_spl_functions_are_callable_inside_sql(cur: informix_db.Cursor) -> None:
    table, fn, bad = table_name("sq"), table_name("f"), table_name("g")
    cur.execute(f"CREATE TABLE {table} (x INT, label VARCHAR(10))")
    cur.execute(
        f"CREATE FUNCTION {fn}(a INT, tag VARCHAR(10)) RETURNING VARCHAR(20); "
        "IF a > 2 THEN RETURN tag || ':big'; END IF; RETURN tag || ':' || a; END FUNCTION"
    )
    cur.execute(f"CREATE FUNCTION {bad}(a INT) RETURNING INT; UPDATE {table} SET x = 0; "
                "RETURN a; END FUNCTION")  # fmt: skip
    try:
        cur.executemany(f"INSERT INTO {table} VALUES (?, ?)", [(1, "a"), (5, "b")])
        cur.execute(f"SELECT x, {fn}(x, label) FROM {table} ORDER BY x")
        assert cur.fetchall() == [(1, "a:1"), (5, "b:big")]
        assert cur.description[1][0] == "(expression)"
        cur.execute(f"SELECT x FROM {table} WHERE {fn}(x, 'z') = 'z:big'")
        assert cur.fetchall() == [(5,)]
        cur.execute(f"INSERT INTO {table} VALUES (9, {fn}(?, 'c'))", (2,))
        cur.execute(f"SELECT label FROM {table} WHERE x = 9")
        assert cur.fetchall() == [("c:2",)]
        with pytest.raises(informix_db.DatabaseError) as caught:
            cur.execute(f"SELECT {bad}(x) FROM {table}")
        assert caught.value.sqlcode == -675  # IBM: no data changes from a DML-called routine
    finally:
        cur.execute(f"DROP FUNCTION {fn}")
        cur.execute(f"DROP FUNCTION {bad}")
        cur.execute(f"DROP TABLE {table}")


# --- floating DECIMAL(p) ------------------------------------------------------------------


def test_floating_decimal_keeps_its_digits_and_still_computes(cur: informix_db.Cursor) -> None:
    table = table_name("dec")
    cur.execute(f"CREATE TABLE {table} (k INT, d DECIMAL(32), s DECIMAL(4))")
    values = [
        decimal.Decimal("12345678901234567890123456789012"),
        decimal.Decimal("0.1234567890123456789012345678901"),
        decimal.Decimal("-1.5E+100"),
    ]
    try:
        cur.executemany(
            f"INSERT INTO {table} VALUES (?, ?, ?)",
            [(k, v, decimal.Decimal("12.345")) for k, v in enumerate(values[:2])],
        )  # informix_db binds at most 32 integer digits: the third goes in as a literal
        cur.execute(f"INSERT INTO {table} VALUES (2, -1.5E+100, 12.345)")
        cur.execute(f"SELECT d, s FROM {table} ORDER BY k")
        assert cur.fetchall() == [(v, decimal.Decimal("12.35")) for v in values]  # s: 4 digits
        cur.execute(f"SELECT k FROM {table} WHERE d > 0 ORDER BY d DESC")
        assert cur.fetchall() == [(0,), (1,)]
        cur.execute(f"SELECT COUNT(*), MAX(d) FROM {table} WHERE d BETWEEN -1 AND 1")
        assert cur.fetchone() == (1, pytest.approx(0.12345678901234568))
        cur.execute(f"UPDATE {table} SET d = d * 2 WHERE k = 1")
        cur.execute(f"SELECT d FROM {table} WHERE k = 1")
        assert cur.fetchone()[0] == pytest.approx(decimal.Decimal("0.24691357802469136"))
    finally:
        cur.execute(f"DROP TABLE {table}")


# --- character values into DATETIME / INTERVAL / DATE; unknown types ------------------------


def test_character_binds_convert_as_ids_does(cur: informix_db.Cursor) -> None:
    """A str bound into INTERVAL, DATETIME and DATE columns is read in the column's qualifier
    format and DBDATE's default MDY4/ (engine/char_params.py); a cast to an unknown type is
    -9628 (engine/errors.py)."""
    table = table_name("chr")
    cur.execute(
        f"CREATE TABLE {table} (ds INTERVAL DAY TO SECOND, ym INTERVAL YEAR TO MONTH, "
        "dt DATETIME YEAR TO SECOND, d DATE)"
    )
    try:
        cur.execute(
            f"INSERT INTO {table} VALUES (?, ?, ?, ?)",
            ("1 02:03:04", "3-06", "2026-11-24 10:00:00", "11/24/2026"),
        )
        cur.execute(f"SELECT ds, ym, dt, d FROM {table}")
        ds, ym, dt, d = cur.fetchone()
        assert ds == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
        assert (ym.years, ym.months) == (3, 6)
        assert dt == datetime.datetime(2026, 11, 24, 10, 0)
        assert d == datetime.date(2026, 11, 24)
        with pytest.raises(informix_db.DatabaseError) as info:
            cur.execute(f"SELECT CAST(ds AS nosuchtype) FROM {table}")
        assert info.value.sqlcode == -9628
    finally:
        cur.execute(f"DROP TABLE {table}")


def test_character_literals_convert_as_ids_does(cur: informix_db.Cursor) -> None:
    """A quoted literal stored by INSERT ... VALUES or UPDATE ... SET into INTERVAL, DATETIME
    and DATE columns is read like a bound str (engine/char_params.py); one that fits neither
    form still fails with -1213."""
    table = table_name("chl")
    cur.execute(
        f"CREATE TABLE {table} (ds INTERVAL DAY TO SECOND, ym INTERVAL YEAR TO MONTH, "
        "mo DATETIME YEAR TO MONTH, d DATE)"
    )
    try:
        cur.execute(f"INSERT INTO {table} VALUES ('1 02:03:04', '3-06', '2026-11', '11/24/2026')")
        cur.execute(f"UPDATE {table} SET ym = '-2-01', d = '12/31/2026'")
        cur.execute(f"SELECT ds, ym, mo, d FROM {table}")
        ds, ym, mo, d = cur.fetchone()
        assert ds == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
        assert ym.total_months == -25
        assert (mo.year, mo.month) == (2026, 11)
        assert d == datetime.date(2026, 12, 31)
        with pytest.raises(informix_db.DatabaseError) as info:
            cur.execute(f"UPDATE {table} SET ds = 'one day'")
        assert info.value.sqlcode == -1213
    finally:
        cur.execute(f"DROP TABLE {table}")
