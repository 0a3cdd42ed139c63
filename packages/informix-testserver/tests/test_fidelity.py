"""IDS fidelity where DuckDB differs (issue 4), at the engine: string fitting and blank-
insensitive comparisons, keywords as column names, floating DECIMAL(p) as exact text, SERIAL
limits, SPL functions inside SQL, and the SQ_XACTSTAT the protocol layer adds."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from types import SimpleNamespace

import pytest
from engine_helpers import rows, run, sqlcode

from informix_testserver import xactstat
from informix_testserver.engine import Engine
from informix_testserver.engine.columns import ColumnSpec
from informix_testserver.engine.connection import EngineSession
from informix_testserver.engine.dialect import translate
from informix_testserver.engine.schema import Schema
from informix_wire import messages as m
from informix_wire.capabilities import IDS15_REPLY, Capabilities
from informix_wire.codec import Reader, Writer
from informix_wire.tags import StatementType as St
from informix_wire.typecodes import TypeCode


@pytest.fixture
def s() -> Iterator[EngineSession]:
    engine = Engine()
    session = engine.session("informix")
    session.open_database("testdb")
    yield session
    session.close()
    engine.close()


_SCHEMA = Schema(
    {
        "t": (
            ColumnSpec("c", TypeCode.CHAR, 4),
            ColumnSpec("v", TypeCode.VARCHAR, 6),
            ColumnSpec("n", TypeCode.INT, 4),
            ColumnSpec("d", TypeCode.DECIMAL, (20 << 8) | 255),
        )
    }
)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("INSERT INTO t VALUES ('abcdef', 'x', 1, 2)",
         "INSERT INTO t VALUES (ifx_fit_fixed('abcdef', 4), ifx_fit_varying('x', 6), 1, "
         "ifx_decfloat(2))"),
        ("INSERT INTO t (v) SELECT c FROM t",
         "INSERT INTO t (v) SELECT ifx_fit_varying(ifx_c1, 6) FROM (SELECT c FROM t) AS "
         "ifx_src(ifx_c1)"),
        ("UPDATE t SET c = ? WHERE v = 'a  '",
         "UPDATE t SET c = ifx_fit_fixed($1, 4) WHERE rtrim(v) = 'a'"),
        ("SELECT n FROM t WHERE c = ? AND c IN ('a ', ?)",
         "SELECT n FROM t WHERE c = rtrim(CAST($1 AS VARCHAR)) AND c IN ('a', "
         "rtrim(CAST($2 AS VARCHAR)))"),
        ("SELECT n FROM t WHERE n = 5 AND c = v", "SELECT n FROM t WHERE n = 5 AND c = rtrim(v)"),
        ("SELECT d FROM t WHERE d > 1 ORDER BY d",
         "SELECT d FROM t WHERE CAST(d AS DOUBLE) > 1 ORDER BY CAST(d AS DOUBLE)"),
        ("SELECT d, SUM(d) FROM t GROUP BY d ORDER BY 1",
         "SELECT d, sum (CAST(d AS DOUBLE)) FROM t GROUP BY d ORDER BY CAST(d AS DOUBLE)"),
        ("SELECT n FROM t WHERE n IN (SELECT d FROM t)",
         "SELECT n FROM t WHERE n IN (SELECT CAST(d AS DOUBLE) AS d FROM t)"),
    ],
)  # fmt: skip
def test_typed_translation(sql: str, expected: str) -> None:
    assert translate(sql, schema=_SCHEMA).sql.lower() == expected.lower()


def test_ansi_fitting_checks_instead_of_cutting() -> None:
    ansi = Schema(_SCHEMA.tables, ansi=True)
    assert (
        "ifx_fit_fixed_ansi('x', 4)" in translate("INSERT INTO t (c) VALUES ('x')", schema=ansi).sql
    )


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT order, group FROM t ORDER BY order",
         'SELECT "order", "group" FROM t ORDER BY "order"'),
        ("SELECT a FROM t GROUP BY a", "SELECT a FROM t GROUP BY a"),
        ("INSERT INTO t (order, user) VALUES (1, 'x')",
         "INSERT INTO t (\"order\", user) VALUES (1, 'x')"),
        ("UPDATE t SET user = 'x', limit = 2", "UPDATE t SET user = 'x', \"limit\" = 2"),
        ("CREATE INDEX i ON t (order, value)", 'CREATE INDEX i ON t ("order", value)'),
    ],
)  # fmt: skip
def test_keywords_as_column_names(sql: str, expected: str) -> None:
    assert translate(sql).sql.lower() == expected.lower()


def test_char_and_varchar_semantics(s: EngineSession) -> None:
    run(s, "CREATE TABLE t (c CHAR(4), v VARCHAR(4), n INT)")
    run(s, "INSERT INTO t VALUES ('abcdefg', 'hi   ', 1)")
    run(s, "INSERT INTO t VALUES (?, ?, 2)", ["x  ", "yyyyyy"])
    assert rows(s, "SELECT c, v FROM t ORDER BY n") == [("abcd", "hi  "), ("x", "yyyy")]
    assert rows(s, "SELECT n FROM t WHERE c = ?", ["x    "]) == [(2,)]
    assert rows(s, "SELECT n FROM t WHERE v = 'hi'") == [(1,)]


def test_string_too_long_in_an_ansi_database(s: EngineSession) -> None:
    run(s, "CREATE DATABASE fid_ansi WITH LOG MODE ANSI")
    run(s, "CREATE TABLE t (c CHAR(2))")
    assert sqlcode(s, "INSERT INTO t VALUES ('abc')") == -1279
    run(s, "INSERT INTO t VALUES ('ab   ')")
    assert rows(s, "SELECT c FROM t") == [("ab",)]


def test_floating_decimal_keeps_every_digit(s: EngineSession) -> None:
    run(s, "CREATE TABLE f (k INT, d DECIMAL(32), p DECIMAL(3))")
    run(s, "INSERT INTO f VALUES (1, 12345678901234567890123456789012, 1.2345)")
    run(s, "INSERT INTO f VALUES (2, ?, 100.50)", [Decimal("-0.1234567890123456789012345678901")])
    assert sqlcode(s, "INSERT INTO f VALUES (3, 'x', 1)") == -1213
    assert rows(s, "SELECT k, d, p FROM f ORDER BY d") == [
        (2, Decimal("-0.1234567890123456789012345678901"), Decimal("101")),  # 3 digits
        (1, Decimal("12345678901234567890123456789012"), Decimal("1.23")),
    ]
    assert rows(s, "SELECT COUNT(*) FROM f WHERE d < 0 AND p > 99") == [(Decimal(1),)]


def test_serial_wraps_to_1_after_its_maximum(s: EngineSession) -> None:
    run(s, "CREATE TABLE w (id SERIAL, b BIGSERIAL, v INT)")
    run(s, "INSERT INTO w VALUES (2147483647, 9223372036854775807, 1)")
    result = run(s, "INSERT INTO w (v) VALUES (2)")
    assert (result.serial, result.bigserial) == (1, 1)


def test_spl_functions_inside_sql(s: EngineSession) -> None:
    run(s, "CREATE TABLE n (x INT)")
    run(s, "INSERT INTO n VALUES (1), (2)")
    run(s, "CREATE FUNCTION twice(a INT) RETURNING INT; RETURN a * 2; END FUNCTION")
    run(s, "CREATE FUNCTION day_of(a DATE) RETURNING INT; RETURN DAY(a); END FUNCTION")
    run(s, "CREATE FUNCTION change(a INT) RETURNING INT; DELETE FROM n; RETURN a; END FUNCTION")
    assert rows(s, "SELECT x, twice(x) FROM n WHERE twice(x) > 2") == [(2, 4)]
    assert rows(s, "SELECT day_of(?) FROM n WHERE x = 1", [datetime.date(2024, 5, 17)]) == [(17,)]
    assert run(s, "INSERT INTO n VALUES (twice(21))").rowcount == 1
    assert sqlcode(s, "SELECT change(x) FROM n") == -675
    assert rows(s, "SELECT COUNT(*) FROM n") == [(3,)]
    run(s, "DROP FUNCTION twice")
    run(s, "CREATE FUNCTION twice(a INT) RETURNING INT; RETURN a + a + 1; END FUNCTION")
    assert rows(s, "SELECT twice(x) FROM n WHERE x = 1") == [(3,)]  # the new body


def _xactstat(session: object, statement_type: int, before: int) -> list[object]:
    out = Writer()
    caps = Capabilities(IDS15_REPLY)
    xactstat.report(session, statement_type, before, out, caps)
    data = out.getvalue()
    return [m.XactStat.decode(Reader(data[2:]), caps)] if data else []


def test_xactstat_records() -> None:
    logged = SimpleNamespace(db=SimpleNamespace(logged=True), in_transaction=False)
    assert _xactstat(logged, int(St.INSERT), xactstat.NOXACT) == [m.XactStat(6, 0, 1)]
    assert _xactstat(logged, int(St.SELECT), xactstat.NOXACT) == []
    logged.in_transaction = True
    assert _xactstat(logged, int(St.BEGIN_WORK), xactstat.NOXACT) == [m.XactStat(34, 2, 0)]
    unlogged = SimpleNamespace(db=SimpleNamespace(logged=False), in_transaction=False)
    assert _xactstat(unlogged, int(St.INSERT), xactstat.NOXACT) == []


def test_cached_schemas_follow_ddl_of_any_session(s: EngineSession) -> None:
    other = s.engine.session("informix")
    other.open_database("testdb")
    try:
        run(s, "CREATE TABLE g (c CHAR(2))")
        run(other, "INSERT INTO g VALUES ('abcd')")
        run(s, "DROP TABLE g")
        run(s, "CREATE TABLE g (c CHAR(3))")
        run(other, "INSERT INTO g VALUES ('abcd')")  # the same statement, the new table
        assert rows(other, "SELECT c FROM g") == [("abc",)]
    finally:
        other.close()


# --- character values converted to the described type; unknown types ----------------------


def test_a_cast_to_an_unknown_type_is_9628(s: EngineSession) -> None:
    assert sqlcode(s, "SELECT CAST(1 AS nosuchtype) FROM systables WHERE tabid = 1") == -9628
    assert sqlcode(s, "SELECT 1::nosuchtype FROM systables WHERE tabid = 1") == -9628


def test_character_binds_follow_the_column_qualifier_and_dbdate(s: EngineSession) -> None:
    run(
        s,
        "CREATE TABLE tv (ds INTERVAL DAY TO SECOND, ym INTERVAL YEAR TO MONTH, "
        "ms INTERVAL MINUTE TO SECOND, dt DATETIME YEAR TO SECOND, mo DATETIME YEAR TO MONTH, "
        "d DATE)",
    )
    sql = "INSERT INTO tv VALUES (?, ?, ?, ?, ?, ?)"
    run(s, sql, ["1 02:03:04", "3-06", "5:30", "2026-11-24 10:00:00", "2026-11", "11/24/2026"])
    run(s, sql, ["-0 00:00:01", "-1-00", "0:00", "2026-11-24 10:00:00", "2026-01", "2026-11-24"])
    ds, ym, ms, dt, mo, d = rows(s, "SELECT * FROM tv")[0]
    assert ds == datetime.timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert (ym.years, ym.months) == (3, 6)
    assert ms == datetime.timedelta(minutes=5, seconds=30)  # not 5 hours: the qualifier decides
    assert dt == datetime.datetime(2026, 11, 24, 10, 0)
    assert (mo.year, mo.month) == (2026, 11)
    assert d == datetime.date(2026, 11, 24)
    negative_ds, negative_ym, _, _, _, iso_d = rows(s, "SELECT * FROM tv")[1]
    assert negative_ds == datetime.timedelta(seconds=-1)
    assert negative_ym.total_months == -12
    assert iso_d == datetime.date(2026, 11, 24)  # an ISO date still reads
    # the same in a WHERE comparison, and values that fit neither form still fail
    assert rows(s, "SELECT d FROM tv WHERE ds = ?", ["1 02:03:04"]) == [(d,)]
    assert sqlcode(s, "INSERT INTO tv (ym) VALUES (?)", ["three years"]) == -1213
    assert sqlcode(s, "INSERT INTO tv (d) VALUES (?)", ["13/45/2026"]) == -1218


def test_character_literals_stored_follow_the_column_qualifier_and_dbdate(
    s: EngineSession,
) -> None:
    run(
        s,
        "CREATE TABLE tl (id INT, ds INTERVAL DAY TO SECOND, ym INTERVAL YEAR TO MONTH, "
        "ms INTERVAL MINUTE TO SECOND, mo DATETIME YEAR TO MONTH, hm DATETIME HOUR TO MINUTE, "
        "d DATE)",
    )
    run(
        s,
        "INSERT INTO tl VALUES (1, '1 02:03:04', '3-06', '5:30', '2026-11', '10:15', '11/24/2026')",
    )
    run(s, "INSERT INTO tl (id, ds, d) VALUES (2, '-0 00:00:01', '2026-11-24')")
    ds, ym, *rest = rows(s, "SELECT ds, ym, ms, mo, hm, d FROM tl WHERE id = 1")[0]
    assert (ds, ym.years, ym.months) == (
        datetime.timedelta(days=1, hours=2, minutes=3, seconds=4),
        3,
        6,
    )
    assert rest == [
        datetime.timedelta(minutes=5, seconds=30),  # not 5 hours: the qualifier decides
        datetime.datetime(2026, 11, 1),
        datetime.time(10, 15),
        datetime.date(2026, 11, 24),
    ]
    run(s, "UPDATE tl SET ym = '-1-02', ds = ? WHERE id = 2", ["2 00:00:00"])
    run(s, "UPDATE tl SET (ms, hm) = ('0:07', '23:59') WHERE id = 2")
    ds, ym, ms, _, hm, d = rows(s, "SELECT ds, ym, ms, mo, hm, d FROM tl WHERE id = 2")[0]
    assert (ds, ym.total_months, ms, hm) == (
        datetime.timedelta(days=2),
        -14,
        datetime.timedelta(seconds=7),
        datetime.time(23, 59),
    )
    assert d == datetime.date(2026, 11, 24)  # an ISO date still reads
    # literals that fit neither form still fail as DuckDB's cast refuses them
    assert sqlcode(s, "INSERT INTO tl (ym) VALUES ('three years')") == -1213
    assert sqlcode(s, "UPDATE tl SET ds = 'x' WHERE id = 1") == -1213
    assert sqlcode(s, "UPDATE tl SET d = '13/45/2026'") == -1218


def test_only_stored_character_literals_take_the_column_format() -> None:
    schema = Schema({"tl": (ColumnSpec("ym", TypeCode.INTERVAL, (4 << 8) | 0x02),)})
    sql = translate("UPDATE tl SET ym = '3-06' WHERE ym = '3-06'", schema=schema).sql
    assert sql == "UPDATE tl SET ym = '42 months' where ym = '3-06'"
