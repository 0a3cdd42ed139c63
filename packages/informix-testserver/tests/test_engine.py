"""The SQL engine on DuckDB: databases, DESCRIBE with declared types, serials, DBINFO, errors."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_helpers import rows, run, sqlcode

from informix_testserver.engine import Engine, SqlError
from informix_testserver.engine.connection import EngineSession
from informix_types import IntervalYM
from informix_wire.typecodes import TypeCode


@pytest.fixture
def eng() -> Iterator[Engine]:
    engine = Engine()
    yield engine
    engine.close()


@pytest.fixture
def s(eng: Engine) -> Iterator[EngineSession]:
    session = eng.session("informix")
    session.open_database("testdb")
    yield session
    session.close()


def test_start_state_has_sysmaster_and_logged_testdb(eng: Engine) -> None:
    session = eng.session("informix")
    info = session.open_database("sysmaster")
    assert info.logged
    found = rows(session, "SELECT name, is_logging, is_ansi FROM sysdatabases ORDER BY name")
    assert found == [("sysmaster", 1, 0), ("testdb", 1, 0)]
    assert session.open_database("testdb").logged
    assert not eng.databases["testdb"].ansi
    session.close()


def test_authenticate(eng: Engine) -> None:
    assert eng.authenticate("informix", "in4mix")
    assert not eng.authenticate("informix", "wrong")
    assert not eng.authenticate("nobody", "in4mix")


def test_unknown_database_and_no_database(eng: Engine) -> None:
    session = eng.session("informix")
    with pytest.raises(SqlError) as info:
        session.open_database("nope")
    assert getattr(info.value, "sqlcode", None) == -329
    assert sqlcode(session, "SELECT 1 FROM systables") == -759
    session.close()


def test_connect_time_catalog_queries(s: EngineSession) -> None:
    """The two queries JDBC runs while connecting (sqli-facts part B §3)."""
    prepared = s.prepare(
        "select FIRST 1 site from informix.systables where tabname = ' GL_COLLATE'"
    )
    assert [(c.name, c.type_code, c.length) for c in prepared.columns] == [
        ("site", TypeCode.VARCHAR, 128)
    ]
    assert list(s.execute(prepared, []).rows) == [("en_US.819",)]
    assert rows(s, "SELECT flags FROM informix.systables WHERE tabname = ' VERSION';") == [(0,)]


def test_describe_reports_declared_types(s: EngineSession) -> None:
    run(s, "CREATE TABLE d (id SERIAL NOT NULL, c CHAR(4), v VARCHAR(20,2), m MONEY(8,2), "
           "f DECIMAL(6), b BOOLEAN, lv LVARCHAR(300), ts DATETIME YEAR TO SECOND, "
           "i8 INT8, bs BIGSERIAL)")  # fmt: skip
    cols = s.prepare("SELECT * FROM d").columns
    described = [(c.name, c.type_code, c.length, c.nullable, c.extended_name) for c in cols]
    assert described == [
        ("id", TypeCode.SERIAL, 4, False, ""),
        ("c", TypeCode.CHAR, 4, True, ""),
        ("v", TypeCode.VARCHAR, 20 + 2 * 256, True, ""),
        ("m", TypeCode.MONEY, 8 << 8 | 2, True, ""),
        ("f", TypeCode.DECIMAL, 6 << 8 | 255, True, ""),
        ("b", TypeCode.UDTFIXED, 1, True, "boolean"),
        ("lv", TypeCode.UDTVAR, 300, True, "lvarchar"),
        ("ts", TypeCode.DATETIME, 14 << 8 | 0 << 4 | 10, True, ""),
        ("i8", TypeCode.INT8, 10, True, ""),
        ("bs", TypeCode.BIGSERIAL, 8, False, ""),  # a SERIAL is NOT NULL without saying so
    ]
    # An expression over a column is described by its own (DuckDB) type.
    expr = s.prepare("SELECT id + 1, c FROM d").columns
    assert (expr[0].name, expr[0].type_code) == ("(expression)", TypeCode.INT)
    assert expr[1].type_code == TypeCode.CHAR


def test_values_round_trip(s: EngineSession) -> None:
    run(s, "CREATE TABLE v (c CHAR(5), d DECIMAL(8,3), f DECIMAL(10), dt DATE, "
           "ts DATETIME YEAR TO FRACTION(3), b BOOLEAN)")  # fmt: skip
    stamp = datetime.datetime(2024, 2, 29, 13, 45, 56, 123000)
    run(s, "INSERT INTO v VALUES (?, ?, ?, ?, ?, ?)",
        ["ab", decimal.Decimal("-12.345"), decimal.Decimal("1.25"), datetime.date(1999, 12, 31),
         stamp, True])  # fmt: skip
    assert rows(s, "SELECT * FROM v") == [
        (
            "ab",
            decimal.Decimal("-12.345"),
            decimal.Decimal("1.25"),
            datetime.date(1999, 12, 31),
            stamp,
            True,
        )
    ]


def test_intervals_keep_their_class(s: EngineSession) -> None:
    run(s, "CREATE TABLE iv (ym INTERVAL YEAR TO MONTH, ds INTERVAL DAY TO SECOND)")
    run(
        s, "INSERT INTO iv VALUES (?, ?)", [IntervalYM(2, 3), datetime.timedelta(days=1, seconds=5)]
    )
    run(s, "INSERT INTO iv VALUES (INTERVAL(-1-6) YEAR TO MONTH, NULL)")
    cols = s.prepare("SELECT ym, ds FROM iv").columns
    assert [(c.type_code, (c.length >> 4) & 0xF) for c in cols] == [
        (TypeCode.INTERVAL, 0),
        (TypeCode.INTERVAL, 4),
    ]
    assert rows(s, "SELECT ym, ds FROM iv") == [
        (IntervalYM(2, 3), datetime.timedelta(days=1, seconds=5)),
        (IntervalYM(-1, -6), None),
    ]


def test_serial_columns_are_not_null_in_the_catalog(s: EngineSession) -> None:
    run(s, "CREATE TABLE sn (a SERIAL, b SERIAL8, c BIGSERIAL, d INT)")
    query = (
        "SELECT colname, coltype FROM syscolumns WHERE tabid = "
        "(SELECT tabid FROM systables WHERE tabname = 'sn') ORDER BY colno"
    )
    coltypes = rows(s, query)
    assert coltypes == [("a", 6 | 256), ("b", 18 | 256), ("c", 53 | 256), ("d", 2)]


def test_serials_are_reported_and_in_dbinfo(s: EngineSession) -> None:
    run(s, "CREATE TABLE s1 (id SERIAL(100), name VARCHAR(10))")
    first = run(s, "INSERT INTO s1 (name) VALUES ('a')")
    second = run(s, "INSERT INTO s1 VALUES (0, 'b')")
    assert (first.serial, first.rowcount) == (100, 1)
    assert second.serial == 101
    run(s, "INSERT INTO s1 VALUES (500, 'c')")
    assert run(s, "INSERT INTO s1 (name) VALUES ('d')").serial == 501
    assert rows(s, "SELECT id FROM s1 ORDER BY id") == [(100,), (101,), (500,), (501,)]
    info = rows(s, "SELECT DBINFO('sqlca.sqlerrd1'), DBINFO('dbname') FROM systables "
                   "WHERE tabid = 1")  # fmt: skip
    assert info == [("501", "testdb")]
    run(s, "CREATE TABLE s8 (id SERIAL8, x INT)")
    result = run(s, "INSERT INTO s8 (x) VALUES (1)")
    assert (result.serial8, result.serial) == (1, 0)
    run(s, "CREATE TABLE sb (id BIGSERIAL, x INT)")
    assert run(s, "INSERT INTO sb (x) VALUES (1)").bigserial == 1
    assert rows(s, "SELECT DBINFO('bigserial') FROM systables WHERE tabid = 1") == [("1",)]
    updated = run(s, "UPDATE s1 SET name = 'z'")
    assert updated.rowcount == 4
    assert rows(s, "SELECT DBINFO('sqlca.sqlerrd2') FROM systables WHERE tabid = 1") == [("4",)]


def test_errors_carry_informix_codes(s: EngineSession) -> None:
    run(s, "CREATE TABLE e (id INT PRIMARY KEY, v INT NOT NULL, u INT UNIQUE)")
    run(s, "INSERT INTO e VALUES (1, 1, 1)")
    assert sqlcode(s, "SELEC 1") == -201
    with pytest.raises(SqlError) as info:
        run(s, "SELECT * FROM missing")
    assert (info.value.sqlcode, info.value.near) == (-206, "missing")
    assert sqlcode(s, "SELECT nope FROM e") == -217
    with pytest.raises(SqlError) as info:
        run(s, "INSERT INTO e (id, nope) VALUES (5, 5)")
    assert (info.value.sqlcode, info.value.near) == (-217, "nope")
    with pytest.raises(SqlError) as info:
        run(s, "INSERT INTO e VALUES (1, 2, 2)")
    assert (info.value.sqlcode, info.value.isamcode) == (-268, -100)
    run(s, "CREATE UNIQUE INDEX e_v ON e (v)")
    with pytest.raises(SqlError) as info:
        run(s, "INSERT INTO e VALUES (7, 1, 7)")
    assert (info.value.sqlcode, info.value.near) == (-239, "e_v")
    with pytest.raises(SqlError) as info:
        run(s, "INSERT INTO e VALUES (8, 8, 1)")
    assert info.value.sqlcode == -268
    assert info.value.near.startswith("informix.u")
    assert sqlcode(s, "INSERT INTO e VALUES (2, NULL, 3)") == -391
    assert sqlcode(s, "CREATE TABLE e (x INT)") == -310
    assert sqlcode(s, "INSERT INTO e VALUES ('x', 1, 4)") == -1213
    run(s, "CREATE TABLE conv (si SMALLINT, i INT, d DECIMAL(5,2), dt DATE)")
    assert sqlcode(s, "INSERT INTO conv (si) VALUES (?)", [70000]) == -1214
    assert sqlcode(s, "INSERT INTO conv (i) VALUES (?)", [2**40]) == -1215
    assert sqlcode(s, "INSERT INTO conv (d) VALUES (12345.6)") == -1226
    assert sqlcode(s, "INSERT INTO conv (dt) VALUES ('2024-13-01')") == -1218
    assert rows(s, "SELECT count(*) FROM e") == [(1,)]


def test_catalog_follows_ddl(s: EngineSession) -> None:
    run(s, "CREATE TABLE p (id INT PRIMARY KEY, code CHAR(3) NOT NULL)")
    run(s, "CREATE TABLE c (id INT, pid INT REFERENCES p (id))")
    run(s, "CREATE UNIQUE INDEX c_id ON c (id)")
    (tabid,) = rows(s, "SELECT tabid FROM systables WHERE tabname = 'p'")[0]
    assert tabid >= 100
    columns = rows(
        s,
        "SELECT colname, coltype, collength FROM syscolumns WHERE tabid = ? ORDER BY colno",
        [tabid],
    )
    assert columns == [("id", 2 + 256, 4), ("code", 0 + 256, 3)]
    keys = rows(s, "SELECT c.constrtype, i.part1 FROM sysconstraints c, sysindexes i "
                   "WHERE c.idxname = i.idxname AND c.tabid = ?", [tabid])  # fmt: skip
    assert keys == [("P", 1)]
    refs = rows(
        s,
        "SELECT r.ptabid FROM sysreferences r, sysconstraints k, systables t "
        "WHERE r.constrid = k.constrid AND k.tabid = t.tabid AND t.tabname = 'c'",
    )
    assert refs == [(tabid,)]
    assert rows(s, "SELECT idxtype FROM sysindexes WHERE idxname = 'c_id'") == [("U",)]
    run(s, "DROP TABLE c")
    run(s, "RENAME TABLE p TO p2")
    assert s.prepare("SELECT code FROM p2").columns[0].type_code == TypeCode.CHAR
    assert rows(s, "SELECT count(*) FROM systables WHERE tabname = 'c'") == [(0,)]


def test_views_and_temp_tables(s: EngineSession) -> None:
    run(s, "CREATE TABLE base (id INT, c CHAR(2))")
    run(s, "CREATE VIEW vw (ident, code) AS SELECT id, c FROM base")
    assert rows(s, "SELECT tabtype FROM systables WHERE tabname = 'vw'") == [("V",)]
    shown = s.prepare("SELECT * FROM vw").columns
    assert [(c.name, c.type_code, c.length) for c in shown] == [
        ("ident", TypeCode.INT, 4),
        ("code", TypeCode.CHAR, 2),
    ]
    run(s, "CREATE TEMP TABLE tt (c CHAR(7))")
    assert s.prepare("SELECT c FROM tt").columns[0].length == 7
    assert rows(s, "SELECT count(*) FROM systables WHERE tabname = 'tt'") == [(0,)]
    run(s, "INSERT INTO base VALUES (1, 'x')")
    run(s, "SELECT c, id FROM base INTO TEMP picked")
    picked = s.prepare("SELECT * FROM picked").columns
    assert [(c.name, c.type_code, c.length) for c in picked] == [
        ("c", TypeCode.CHAR, 2),
        ("id", TypeCode.INT, 4),
    ]
    assert rows(s, "SELECT * FROM picked") == [("x", 1)]


def test_databases_created_and_dropped(eng: Engine, s: EngineSession) -> None:
    run(s, "CREATE DATABASE other WITH LOG MODE ANSI")
    assert s.db is not None
    assert (s.db.name, s.db.ansi) == ("other", True)
    assert sqlcode(s, "DROP DATABASE other") == -425
    run(s, "DATABASE testdb")
    assert sqlcode(s, "CREATE DATABASE other") == -330
    run(s, "DROP DATABASE other")
    assert not eng.database_exists("other")


def test_data_directory_keeps_databases(tmp_path: Path) -> None:
    engine = Engine(data_dir=tmp_path)
    session = engine.session("informix")
    session.open_database("testdb")
    run(session, "CREATE TABLE kept (id SERIAL, c CHAR(3))")
    run(session, "INSERT INTO kept (c) VALUES ('x')")
    run(session, "CREATE DATABASE plain")
    session.close()
    engine.close()
    again = Engine(data_dir=tmp_path)
    assert again.databases["plain"].log_mode is None
    session = again.session("informix")
    session.open_database("testdb")
    assert rows(session, "SELECT id, c FROM kept") == [(1, "x")]
    assert session.prepare("SELECT c FROM kept").columns[0].type_code == TypeCode.CHAR
    run(session, "DROP DATABASE plain")
    assert not (tmp_path / "plain.duckdb").exists()
    run(session, "CREATE DATABASE plain WITH BUFFERED LOG")
    assert again.databases["plain"].log_mode == "buffered"
    assert rows(session, "SELECT count(*) FROM systables WHERE tabid >= 100") == [(0,)]
    session.close()
    again.close()


def test_fidelity_of_names_aggregates_and_parameters(s: EngineSession) -> None:
    # Another database by db:table and db@server:table (each one a DuckDB attachment).
    assert ("testdb",) in rows(s, "SELECT name FROM sysmaster:sysdatabases")
    assert rows(s, "SELECT COUNT(*) FROM sysmaster@informix:informix.sysdatabases WHERE "
                   "name = 'testdb'") == [(1,)]  # fmt: skip
    # A column named by a word DuckDB reserves.
    run(s, "CREATE TABLE kw (at INT, val INT)")
    run(s, "INSERT INTO kw (at, val) VALUES (1, 2)")
    assert rows(s, "SELECT at, kw.at FROM kw WHERE at = 1") == [(1, 1)]
    # COUNT(*) and AVG are described as DECIMAL (sqli-facts §3), COUNT(*) named (count(*)).
    count, avg = s.prepare("SELECT COUNT(*), AVG(val) FROM kw").columns
    assert (count.name, count.type_code, count.length) == ("(count(*))", TypeCode.DECIMAL, 15 << 8)
    assert avg.type_code == TypeCode.DECIMAL
    # A bare ? in the projection is -201; a cast one is fine.
    assert sqlcode(s, "SELECT ? FROM kw", [1]) == -201
    assert rows(s, "SELECT ?::INT FROM kw", [5]) == [(5,)]
