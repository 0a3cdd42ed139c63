"""The Informix -> DuckDB dialect translator: classification, and translated SQL run on DuckDB
giving the values Informix documents (IBM, "Informix Guide to SQL: Syntax")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from informix_testserver.engine.dialect import SUPPORT_SQL, Kind, SqlError, translate
from informix_wire.tags import StatementType as St


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect()
    conn.execute("ATTACH ':memory:' AS testdb")  # as the engine attaches each database
    conn.execute("USE testdb")
    for stmt in SUPPORT_SQL:
        conn.execute(stmt)
    # Stand-in for the engine's session function: echoes its arguments so tests can see them.
    conn.execute("CREATE MACRO ifx_dbinfo(k, a := NULL) AS k || coalesce(':' || a, '')")
    conn.execute("CREATE TABLE t (id INTEGER, name VARCHAR, d DATE)")
    conn.execute(
        "INSERT INTO t VALUES (1, 'alpha', DATE '2024-01-02'), (2, 'beta', NULL),"
        " (3, 'a*c', DATE '2023-12-31'), (4, 'gamma', NULL), (5, 'abc', NULL)"
    )
    conn.execute("ATTACH ':memory:' AS other")
    conn.execute('CREATE TABLE other.t2 ("at" INTEGER, "order" INTEGER)')
    conn.execute("INSERT INTO other.t2 VALUES (7, 8)")
    yield conn
    conn.close()


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[Any]:
    tr = translate(sql)
    assert tr.param_count == len(params or [])
    return con.execute(tr.sql, params or []).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, expr: str, params: list[Any] | None = None) -> Any:
    rows = run(con, f"select {expr} from t where id = 1", params)
    return rows[0][0]


# --- classification -------------------------------------------------------------------------

CLASSIFY = [
    ("SELECT * FROM t", Kind.SELECT, St.SELECT),
    ("(select 1 from t)", Kind.SELECT, St.SELECT),
    ("INSERT INTO t VALUES (1, 'a', NULL)", Kind.INSERT, St.INSERT),
    ("UPDATE t SET name = 'x' WHERE id = 1", Kind.UPDATE, St.UPDATE),
    ("UPDATE t SET name = 'x'", Kind.UPDATE, St.UPDATE_ALL),
    ("DELETE FROM t WHERE id = 1", Kind.DELETE, St.DELETE),
    ("DELETE t", Kind.DELETE, St.DELETE_ALL),
    ("BEGIN", Kind.BEGIN, St.BEGIN_WORK),
    ("begin work;", Kind.BEGIN, St.BEGIN_WORK),
    ("COMMIT WORK", Kind.COMMIT, St.COMMIT_WORK),
    ("ROLLBACK", Kind.ROLLBACK, St.ROLLBACK_WORK),
    ("ROLLBACK WORK TO SAVEPOINT s1", Kind.ROLLBACK_TO_SAVEPOINT, St.ROLLBACK_TO_SAVEPOINT),
    ("SAVEPOINT s1 UNIQUE", Kind.SAVEPOINT, St.SAVEPOINT),
    ("RELEASE SAVEPOINT s1", Kind.RELEASE_SAVEPOINT, St.RELEASE_SAVEPOINT),
    ("DATABASE testdb EXCLUSIVE", Kind.DATABASE, St.DATABASE),
    ("CLOSE DATABASE", Kind.CLOSE_DATABASE, St.CLOSE_DATABASE),
    ("CREATE DATABASE d1 IN dbs1 WITH LOG MODE ANSI", Kind.CREATE_DATABASE, St.CREATE_DATABASE),
    ("DROP DATABASE d1", Kind.DROP_DATABASE, St.DROP_DATABASE),
    ("SET ISOLATION TO DIRTY READ", Kind.SET_ISOLATION, St.SET_ISOLATION),
    ("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", Kind.SET_ISOLATION, St.SET_ISOLATION),
    ("SET LOCK MODE TO NOT WAIT", Kind.SET_LOCK_MODE, St.SET_LOCK_MODE),
    ("SET EXPLAIN ON", Kind.SET_OTHER, St.SET_EXPLAIN),
    ("SET PDQPRIORITY 50", Kind.SET_OTHER, St.SET_PDQPRIORITY),
    ("UPDATE STATISTICS HIGH FOR TABLE t", Kind.UPDATE_STATISTICS, St.UPDATE_STATISTICS),
    ("LOCK TABLE t IN EXCLUSIVE MODE", Kind.LOCK_TABLE, St.LOCK_TABLE),
    ("UNLOCK TABLE t", Kind.UNLOCK_TABLE, St.UNLOCK_TABLE),
    ("GRANT CONNECT TO public", Kind.GRANT, St.GRANT),
    ("REVOKE ALL ON t FROM public", Kind.REVOKE, St.REVOKE),
    ("CREATE TABLE x (a INT)", Kind.CREATE_TABLE, St.CREATE_TABLE),
    ("CREATE TEMP TABLE x (a INT) WITH NO LOG", Kind.CREATE_TABLE, St.CREATE_TEMP_TABLE),
    ("SELECT id FROM t INTO TEMP tt WITH NO LOG", Kind.CREATE_TABLE, St.SELECT_INTO),
    ("DROP TABLE x", Kind.DROP_TABLE, St.DROP_TABLE),
    ("CREATE INDEX ix ON t (id)", Kind.CREATE_INDEX, St.CREATE_INDEX),
    ("DROP INDEX ix", Kind.DROP_INDEX, St.DROP_INDEX),
    ("CREATE VIEW v AS SELECT id FROM t", Kind.CREATE_VIEW, St.CREATE_VIEW),
    ("DROP VIEW v", Kind.DROP_VIEW, St.DROP_VIEW),
    ("CREATE SEQUENCE s START WITH 5", Kind.CREATE_SEQUENCE, St.CREATE_SEQUENCE),
    ("ALTER TABLE t ADD x INT", Kind.ALTER_TABLE, St.ALTER_TABLE),
    ("RENAME TABLE t TO t2", Kind.ALTER_TABLE, St.RENAME_TABLE),
    ("EXECUTE PROCEDURE p(1)", Kind.EXECUTE_PROCEDURE, St.EXECUTE_PROCEDURE),
    ("EXECUTE FUNCTION f(?)", Kind.EXECUTE_FUNCTION, St.EXECUTE_PROCEDURE),
    ("CALL p()", Kind.EXECUTE_PROCEDURE, St.EXECUTE_PROCEDURE),
    ("DROP PROCEDURE p", Kind.DROP_PROCEDURE, St.DROP_PROCEDURE),
    ("DROP FUNCTION f", Kind.DROP_FUNCTION, St.DROP_PROCEDURE),
]


@pytest.mark.parametrize(("sql", "kind", "stype"), CLASSIFY)
def test_classification(sql: str, kind: Kind, stype: int) -> None:
    tr = translate(sql)
    assert (tr.kind, tr.statement_type) == (kind, int(stype))


@pytest.mark.parametrize(
    ("sql", "field", "value"),
    [
        ("DATABASE Stores@srv", "database", "stores"),
        ("CREATE DATABASE d1", "log_mode", None),
        ("CREATE DATABASE d1 WITH LOG", "log_mode", "log"),
        ("CREATE DATABASE d1 WITH BUFFERED LOG", "log_mode", "buffered"),
        ("CREATE DATABASE d1 WITH LOG MODE ANSI", "log_mode", "ansi"),
        ("SET ISOLATION TO COMMITTED READ LAST COMMITTED", "isolation", "committed read"),
        ("SET ISOLATION CURSOR STABILITY", "isolation", "cursor stability"),
        ("SET ISOLATION TO REPEATABLE READ", "isolation", "repeatable read"),
        ("SET LOCK MODE TO WAIT", "lock_wait", -1),
        ("SET LOCK MODE TO WAIT 10", "lock_wait", 10),
        ("SET LOCK MODE TO NOT WAIT", "lock_wait", None),
        ("SAVEPOINT Sp1", "name", "sp1"),
        ("EXECUTE FUNCTION informix.myfunc(1, 2)", "name", "myfunc"),
        ("RENAME COLUMN t.a TO b", "renamed_from", "a"),
        ("UPDATE informix.t SET id = 2", "table", "t"),
        ("INSERT INTO db:informix.t VALUES (1, 'x', NULL)", "table", "t"),
    ],
)
def test_statement_fields(sql: str, field: str, value: object) -> None:
    assert getattr(translate(sql), field) == value


def test_routine_text_kept_verbatim() -> None:
    body = (
        "CREATE PROCEDURE add1(a INT) RETURNING INT;\n  LET a = a + 1;\n  RETURN a;\nEND PROCEDURE"
    )
    tr = translate(body)
    assert (tr.kind, tr.name, tr.sql) == (Kind.CREATE_PROCEDURE, "add1", body)
    assert translate("CREATE FUNCTION f() RETURNING INT; RETURN 1; END FUNCTION;").kind is (
        Kind.CREATE_FUNCTION
    )


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "code", "near"),
    [
        ("SELEC 1 FROM t", -201, "SELEC"),
        ("", -201, ""),
        ("WITH x AS (SELECT 1) SELECT * FROM x", -201, "WITH"),
        ("SELECT 'abc FROM t", -282, "'abc FROM t"),
        ("SELECT 1 FROM t; SELECT 2 FROM t", -201, ";"),
        ("CREATE TABLE x (a 'WIBBLE')", -201, "WIBBLE"),  # a name is a ROW type's (-9628 later)
        ("CREATE TABLE x (a DECIMAL(40,2))", -201, "DECIMAL"),
        ("SET ISOLATION TO NONSENSE", -201, "NONSENSE"),
        ("BEGIN WORK now", -201, "now"),
        ("SELECT DATETIME(2024-01) YEAR TO DAY FROM t", -1263, "2024-01"),
        ("DATABASE ?", -201, "?"),
        ("SELECT a FROM t, OUTER (u, v) WHERE t.a = u.a", -201, "OUTER"),
    ],
)
def test_errors(sql: str, code: int, near: str) -> None:
    with pytest.raises(SqlError) as info:
        translate(sql)
    assert info.value.sqlcode == code
    assert info.value.near == near


def test_error_offset_points_at_token() -> None:
    sql = "CREATE TABLE x (a INT, b 42)"
    with pytest.raises(SqlError) as info:
        translate(sql)
    assert sql[info.value.offset :].startswith("42")


# --- lexing and parameters -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "count"),
    [
        ("SELECT * FROM t WHERE id = ? AND name = ?", 2),
        ("SELECT '?' FROM t WHERE name = \"?\" -- ?\n AND id = ?", 1),
        ("SELECT id FROM t /* ? */ WHERE id = ? {?}", 1),
        ("INSERT INTO t VALUES (?, ?, ?)", 3),
    ],
)
def test_param_count(sql: str, count: int) -> None:
    assert translate(sql).param_count == count


def test_quotes_and_comments(con: duckdb.DuckDBPyConnection) -> None:
    rows = run(con, "select 'it''s', \"dq\", 'a\\b' {comment} from t where id = 1 -- tail")
    assert rows == [("it's", "dq", "a\\b")]
    assert run(con, "select /* a /* b */ id from t where id = 2") == [(2,)]


def test_params_keep_their_order_when_clauses_move(con: duckdb.DuckDBPyConnection) -> None:
    rows = run(con, "SELECT SKIP ? FIRST ? id FROM t WHERE id > ? ORDER BY id", [1, 2, 1])
    assert rows == [(3,), (4,)]


# --- queries on DuckDB ------------------------------------------------------------------------

QUERIES: list[tuple[str, list[Any], list[tuple[Any, ...]]]] = [
    ("SELECT FIRST 2 id FROM t ORDER BY id", [], [(1,), (2,)]),
    ("SELECT LIMIT 2 id FROM t ORDER BY id DESC", [], [(5,), (4,)]),
    ("SELECT SKIP 3 id FROM t ORDER BY id", [], [(4,), (5,)]),
    ("SELECT SKIP 1 FIRST 2 id FROM t ORDER BY id", [], [(2,), (3,)]),
    ("SELECT first FROM (SELECT id AS first FROM t) WHERE first = 1", [], [(1,)]),
    ("SELECT id FROM t WHERE id IN (SELECT FIRST 1 id FROM t ORDER BY id DESC)", [], [(5,)]),
    ("SELECT UNIQUE d IS NULL FROM t ORDER BY 1", [], [(False,), (True,)]),
    ("SELECT COUNT(UNIQUE d) FROM t", [], [(2,)]),
    ("SELECT id FROM t WHERE name MATCHES 'a*' ORDER BY id", [], [(1,), (3,), (5,)]),
    ("SELECT id FROM t WHERE name MATCHES '?eta'", [], [(2,)]),
    ("SELECT id FROM t WHERE name MATCHES '[ab]*[^a]' ORDER BY id", [], [(3,), (5,)]),
    ("SELECT id FROM t WHERE name MATCHES 'a\\*c'", [], [(3,)]),
    ("SELECT id FROM t WHERE name MATCHES 'a!*c' ESCAPE '!'", [], [(3,)]),
    ("SELECT id FROM t WHERE name NOT MATCHES '*a' ORDER BY id", [], [(3,), (5,)]),
    ("SELECT id FROM t WHERE name MATCHES ? ORDER BY id", ["a*"], [(1,), (3,), (5,)]),
    ("SELECT id FROM t WHERE name MATCHES ? ORDER BY id", ["a\\*c"], [(3,)]),
    ("SELECT id FROM t WHERE name LIKE 'a_c' ORDER BY id", [], [(3,), (5,)]),
    ("SELECT id FROM t WHERE name LIKE 'a\\*%'", [], [(3,)]),
    ("SELECT id FROM informix.t WHERE t.id = 2", [], [(2,)]),
    ("SELECT informix.t.id FROM informix.t WHERE id = 2", [], [(2,)]),
    ('SELECT x.id FROM "informix".t x WHERE x.id = 2', [], [(2,)]),
    ("SELECT id FROM testdb:t WHERE id = 2", [], [(2,)]),
    ("SELECT id FROM testdb@ol_srv:informix.t WHERE id = 2", [], [(2,)]),
    ("SELECT COUNT(*) FROM other:t2", [], [(Decimal(1),)]),
    ("SELECT at, t2.order FROM other@ol_srv:informix.t2", [], [(7, 8)]),
    (
        "SELECT a.id, b.id FROM t a LEFT OUTER JOIN t b ON b.id = a.id + 4 WHERE a.id < 3"
        " ORDER BY 1",
        [],
        [(1, 5), (2, None)],
    ),
    (
        "SELECT a.id, b.id FROM t a, OUTER t b WHERE b.id = a.id + 4 AND a.id < 3 ORDER BY 1",
        [],
        [(1, 5), (2, None)],
    ),
    (
        "SELECT id FROM t WHERE id < 2 UNION SELECT id FROM t WHERE id > 4 ORDER BY 1",
        [],
        [(1,), (5,)],
    ),
    ("select dbinfo('version','full') from  table (set{1})", [], [("version:full",)]),
    (
        "SELECT DBINFO('DBNAME'), USER, DBSERVERNAME FROM t WHERE id = 1",
        [],
        [("dbname", "user", "dbservername")],
    ),
    (
        "SELECT id FROM t WHERE EXISTS (SELECT 1 FROM t u WHERE u.id = t.id + 1) AND id > 3",
        [],
        [(4,)],
    ),
]


@pytest.mark.parametrize(("sql", "params", "expected"), QUERIES)
def test_queries(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], expected: list[Any]
) -> None:
    assert run(con, sql, params) == expected


EXPRESSIONS: list[tuple[str, Any]] = [
    ("DATETIME(2024-01-02 10:00:00) YEAR TO SECOND", dt.datetime(2024, 1, 2, 10, 0, 0)),
    (
        "DATETIME(2024-01-02 10:00:00.25) YEAR TO FRACTION(2)",
        dt.datetime(2024, 1, 2, 10, 0, 0, 250000),
    ),
    ("DATETIME(2024-03) YEAR TO MONTH", dt.datetime(2024, 3, 1)),
    ("DATETIME(10:30) HOUR TO MINUTE", dt.time(10, 30)),
    ("DATETIME(02-29) MONTH TO DAY", dt.datetime(2000, 2, 29)),
    ("INTERVAL(5) DAY TO DAY", dt.timedelta(days=5)),
    ("INTERVAL(1 10:30) DAY TO MINUTE", dt.timedelta(days=1, hours=10, minutes=30)),
    ("INTERVAL(-2 03) DAY TO HOUR", -dt.timedelta(days=2, hours=3)),
    ("INTERVAL(100) HOUR(3) TO HOUR", dt.timedelta(hours=100)),
    ("DATE('2024-01-02') + INTERVAL(3) DAY TO DAY", dt.datetime(2024, 1, 5)),
    ("MDY(2, 29, 2024)", dt.date(2024, 2, 29)),
    ("DAY(d) || '/' || MONTH(d) || '/' || YEAR(d)", "2/1/2024"),
    ("WEEKDAY(MDY(1, 7, 2024))", 0),
    ("EXTEND(d, YEAR TO MINUTE)", dt.datetime(2024, 1, 2, 0, 0)),
    ("EXTEND(DATETIME(2024-01-02 10:11:12) YEAR TO SECOND, HOUR TO MINUTE)", dt.time(10, 11)),
    ("DECODE(id, 1, 'one', 2, 'two', 'many')", "one"),
    ("DECODE(id, 9, 'nine')", None),
    ("DECODE(NULL, NULL, 'null matched', 'no')", "null matched"),
    ("NVL(NULL, 'dflt')", "dflt"),
    ("name[2,4]", "lph"),
    ("name[3]", "p"),
    ("t.name[1,2] || 'x'", "alx"),
    ("SUBSTR(name, 2, 3)", "lph"),
    ("SUBSTRING(name FROM 2 FOR 3)", "lph"),
    ("SUBSTRING(name FROM 4)", "ha"),
    ("TRIM(BOTH 'a' FROM name)", "lph"),
    ("TRIM(LEADING FROM '  x ')", "x "),
    ("LENGTH('abc  ')", 3),
    ("CHAR_LENGTH('abc  ')", 5),
    ("UPPER(name) || LOWER('X')", "ALPHAx"),
    ("INITCAP('hello wORLD 2day')", "Hello World 2day"),
    ("LPAD(id, 4, '0')", "0001"),
    ("RPAD('ab', 4)", "ab  "),
    ("REPLACE('banana', 'an')", "ba"),
    ("REPLACE('banana', 'a', 'o')", "bonono"),
    ("ROUND(2.567, 2)", Decimal("2.57")),
    ("ROUND(2.5)", Decimal("3")),
    ("TRUNC(2.567, 1)", Decimal("2.5")),
    ("MOD(17, 5)", 2),
    ("POW(2, 10)", 1024.0),
    ("ABS(-3) + SQRT(16)", 7.0),
    ("'12.50'::DECIMAL(8,2) * 2", Decimal("25.00")),
    ("CAST('42' AS INT8) + 1", 43),
    ("CAST('2024-05-06 07:08:09' AS DATETIME YEAR TO SECOND)", dt.datetime(2024, 5, 6, 7, 8, 9)),
    ("'t'::BOOLEAN", True),
    ("CASE WHEN id BETWEEN 0 AND 3 THEN 'low' ELSE 'high' END", "low"),
    ("d IS NULL", False),
    ("TO_CHAR(d, '%Y/%m/%d')", "2024/01/02"),
    ("TO_DATE('2024-02-03', '%Y-%m-%d')", dt.datetime(2024, 2, 3)),
    ("1 || 'a'", "1a"),
    ("SET{2, 1, 2}", [1, 2]),
    ("LIST{2, 1, 2}", [2, 1, 2]),
    ("ROW(1, 'a')", (1, "a")),
]


@pytest.mark.parametrize(("expr", "expected"), EXPRESSIONS)
def test_expressions(con: duckdb.DuckDBPyConnection, expr: str, expected: Any) -> None:
    assert scalar(con, expr) == expected


def test_today_and_current(con: duckdb.DuckDBPyConnection) -> None:
    today, now, hm, sec = run(
        con,
        "select today, current, current hour to minute, current year to second from t where id = 1",
    )[0]
    assert today == dt.date.today()
    assert isinstance(now, dt.datetime)
    assert isinstance(hm, dt.time)
    assert hm.second == 0
    assert sec.microsecond == 0


def test_sequence_nextval(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(translate("CREATE SEQUENCE s1 INCREMENT BY 5 START WITH 10 NOCACHE").sql)
    assert scalar(con, "s1.NEXTVAL") == 10
    assert scalar(con, "s1.nextval") == 15
