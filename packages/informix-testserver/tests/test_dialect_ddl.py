"""CREATE/ALTER TABLE and friends: declared Informix types (syscolumns encodings, IBM "Storing
column length") and DuckDB DDL that runs and stores the values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import duckdb
import pytest

from informix_testserver.engine.dialect import SUPPORT_SQL, ColumnDecl, SqlError, translate
from informix_wire.typecodes import TypeCode


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect()
    for stmt in SUPPORT_SQL:
        conn.execute(stmt)
    conn.execute("CREATE MACRO ifx_dbinfo(k, a := NULL) AS 'informix'")
    yield conn
    conn.close()


def column(type_sql: str) -> ColumnDecl:
    tr = translate(f"CREATE TABLE x (c {type_sql})")
    assert len(tr.columns) == 1
    return tr.columns[0]


TYPES = [
    ("SMALLINT", TypeCode.SMALLINT, 2, "SMALLINT"),
    ("INT", TypeCode.INT, 4, "INTEGER"),
    ("INTEGER", TypeCode.INT, 4, "INTEGER"),
    ("BIGINT", TypeCode.BIGINT, 8, "BIGINT"),
    ("INT8", TypeCode.INT8, 10, "BIGINT"),
    ("SERIAL", TypeCode.SERIAL, 4, "INTEGER"),
    ("SERIAL8", TypeCode.SERIAL8, 10, "BIGINT"),
    ("BIGSERIAL", TypeCode.BIGSERIAL, 8, "BIGINT"),
    ("SMALLFLOAT", TypeCode.SMALLFLOAT, 4, "REAL"),
    ("REAL", TypeCode.SMALLFLOAT, 4, "REAL"),
    ("FLOAT", TypeCode.FLOAT, 8, "DOUBLE"),
    ("FLOAT(10)", TypeCode.FLOAT, 8, "DOUBLE"),
    ("DOUBLE PRECISION", TypeCode.FLOAT, 8, "DOUBLE"),
    ("DECIMAL(10,2)", TypeCode.DECIMAL, 0x0A02, "DECIMAL(10,2)"),
    ("NUMERIC(5)", TypeCode.DECIMAL, 0x05FF, "VARCHAR"),  # floating: its exact text (decfloat)
    ("DEC", TypeCode.DECIMAL, 0x10FF, "VARCHAR"),
    ("MONEY", TypeCode.MONEY, 0x1002, "DECIMAL(16,2)"),
    ("MONEY(8)", TypeCode.MONEY, 0x0802, "DECIMAL(8,2)"),
    ("CHAR(10)", TypeCode.CHAR, 10, "VARCHAR"),
    ("CHARACTER", TypeCode.CHAR, 1, "VARCHAR"),
    ("NCHAR(4)", TypeCode.NCHAR, 4, "VARCHAR"),
    ("VARCHAR(40)", TypeCode.VARCHAR, 40, "VARCHAR"),
    ("VARCHAR(40,10)", TypeCode.VARCHAR, 40 + 256 * 10, "VARCHAR"),
    ("CHARACTER VARYING(20)", TypeCode.VARCHAR, 20, "VARCHAR"),
    ("NVARCHAR(30)", TypeCode.NVCHAR, 30, "VARCHAR"),
    ("LVARCHAR", TypeCode.UDTVAR, 2048, "VARCHAR"),
    ("LVARCHAR(5000)", TypeCode.UDTVAR, 5000, "VARCHAR"),
    ("BOOLEAN", TypeCode.BOOL, 1, "BOOLEAN"),
    ("DATE", TypeCode.DATE, 4, "DATE"),
    ("DATETIME YEAR TO SECOND", TypeCode.DATETIME, 0x0E0A, "TIMESTAMP"),
    ("DATETIME YEAR TO FRACTION(5)", TypeCode.DATETIME, 0x130F, "TIMESTAMP"),
    ("DATETIME YEAR TO DAY", TypeCode.DATETIME, 0x0804, "TIMESTAMP"),
    ("DATETIME HOUR TO MINUTE", TypeCode.DATETIME, 0x0468, "TIME"),
    ("DATETIME YEAR TO FRACTION", TypeCode.DATETIME, 0x110D, "TIMESTAMP"),
    ("INTERVAL DAY(9) TO FRACTION(5)", TypeCode.INTERVAL, 0x144F, "INTERVAL"),
    ("INTERVAL YEAR(9) TO MONTH", TypeCode.INTERVAL, 0x0B02, "INTERVAL"),
    ("INTERVAL DAY TO SECOND", TypeCode.INTERVAL, 0x084A, "INTERVAL"),
    ("INTERVAL HOUR TO HOUR", TypeCode.INTERVAL, 0x0266, "INTERVAL"),
    ("BYTE", TypeCode.BYTE, 56, "BLOB"),
    ("TEXT", TypeCode.TEXT, 56, "VARCHAR"),
    ("BLOB", TypeCode.UDTFIXED, 72, "BLOB"),
    ("CLOB", TypeCode.UDTFIXED, 72, "BLOB"),  # the locator (smartlob)
    ("SET(INT NOT NULL)", TypeCode.SET, 0, "INTEGER[]"),
    ("LIST(VARCHAR(10) NOT NULL)", TypeCode.LIST, 0, "VARCHAR[]"),
    ("ROW(a INT, b CHAR(2))", TypeCode.ROW, 0, 'STRUCT("a" INTEGER, "b" VARCHAR)'),
]


@pytest.mark.parametrize(("type_sql", "code", "length", "duck"), TYPES)
def test_types(type_sql: str, code: int, length: int, duck: str) -> None:
    decl = column(type_sql)
    assert (decl.type_code, decl.length, decl.duck_type) == (int(code), length, duck)


def test_extended_names() -> None:
    assert column("BOOLEAN").extended_name == "boolean"
    assert column("LVARCHAR").extended_name == "lvarchar"
    assert column("CLOB").extended_name == "clob"
    assert column("MULTISET(INT NOT NULL)").extended_name == "multiset(integer not null)"


def test_serial_start_and_constraints() -> None:
    tr = translate(
        "CREATE TABLE orders (id SERIAL(100), code CHAR(5) NOT NULL UNIQUE CONSTRAINT u_code,"
        " qty INT DEFAULT 1 NOT NULL CHECK (qty > 0) CONSTRAINT c_qty,"
        " PRIMARY KEY (id) CONSTRAINT pk_orders)"
        " IN dbs1 EXTENT SIZE 32 NEXT SIZE 32 LOCK MODE ROW"
    )
    idc, code, qty = tr.columns
    assert (idc.serial_start, idc.type_code) == (100, TypeCode.SERIAL)
    assert (code.nullable, code.unique) == (False, True)
    assert (qty.default, qty.nullable) == ("1", False)
    assert (tr.table, tr.temp) == ("orders", False)


def test_create_table_runs_and_enforces(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(translate("CREATE TABLE p (id INT PRIMARY KEY CONSTRAINT pk_p, n VARCHAR(10))").sql)
    con.execute(
        translate(
            "CREATE TABLE c (id INT, pid INT REFERENCES p(id) CONSTRAINT fk1,"
            " q INT CHECK (q > 0), who CHAR(8) DEFAULT USER, made DATE DEFAULT TODAY,"
            " stamp DATETIME YEAR TO SECOND DEFAULT CURRENT YEAR TO SECOND,"
            " FOREIGN KEY (pid) REFERENCES informix.p (id) CONSTRAINT fk2)"
        ).sql
    )
    con.execute("INSERT INTO p VALUES (1, 'x')")
    con.execute(translate("INSERT INTO c (id, pid, q) VALUES (1, 1, 5)").sql)
    who, made, stamp = con.execute("SELECT who, made, stamp FROM c").fetchone() or ()
    assert (who, made, stamp.microsecond) == ("informix", dt.date.today(), 0)
    with pytest.raises(duckdb.ConstraintException):
        con.execute(translate("INSERT INTO c (id, pid, q) VALUES (2, 1, 0)").sql)
    with pytest.raises(duckdb.ConstraintException):
        con.execute(translate("INSERT INTO p VALUES (1, 'dup')").sql)


def test_values_round_trip(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        translate(
            "CREATE TEMP TABLE v (m MONEY(8,2), f DECIMAL(20), b BOOLEAN, dt DATETIME YEAR TO"
            " FRACTION(5), tm DATETIME HOUR TO SECOND, iv INTERVAL DAY(3) TO SECOND, bl BYTE)"
            " WITH NO LOG"
        ).sql
    )
    con.execute(
        translate(
            "INSERT INTO v VALUES (123.45, 1.5e10, 't',"
            " DATETIME(2024-02-29 23:59:59.12345) YEAR TO FRACTION(5),"
            " DATETIME(08:09:10) HOUR TO SECOND, INTERVAL(123 04:05:06) DAY(3) TO SECOND, ?)"
        ).sql,
        [b"\x00\x01"],
    )
    row = con.execute("SELECT * FROM v").fetchone()
    assert row == (
        Decimal("123.45"),
        "15000000000.0",  # a floating DECIMAL holds text; the engine's macros canonicalise it
        True,
        dt.datetime(2024, 2, 29, 23, 59, 59, 123450),
        dt.time(8, 9, 10),
        dt.timedelta(days=123, hours=4, minutes=5, seconds=6),
        b"\x00\x01",
    )


def test_alter_and_index(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(translate("CREATE TABLE a (x INT, y CHAR(2))").sql)
    tr = translate("ALTER TABLE a ADD (z DECIMAL(5,1) DEFAULT 0 BEFORE y, w INT), DROP y")
    assert [c.name for c in tr.columns] == ["z", "w"]
    assert tr.dropped_columns == ("y",)
    con.execute(tr.sql)
    con.execute(translate("ALTER TABLE a MODIFY (w BIGINT NOT NULL)").sql)
    con.execute(translate("RENAME COLUMN a.x TO xx").sql)
    con.execute(translate("RENAME TABLE a TO b").sql)
    cols = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'b'")
    assert cols.fetchall() == [("xx", "INTEGER"), ("z", "DECIMAL(5,1)"), ("w", "BIGINT")]
    # DuckDB refuses to ALTER a table that has an index, so the index comes last here.
    con.execute(translate("CREATE UNIQUE INDEX ix_a ON b (xx DESC)").sql)
    con.execute(translate("DROP INDEX ix_a").sql)
    con.execute(translate("DROP TABLE b").sql)


def test_views_and_select_into_temp(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE s (n INT)")
    con.execute("INSERT INTO s VALUES (1), (2), (3)")
    tr = translate("SELECT FIRST 2 n FROM s ORDER BY n DESC INTO TEMP top2 WITH NO LOG")
    assert (tr.table, tr.temp) == ("top2", True)
    con.execute(tr.sql)
    assert con.execute("SELECT n FROM top2 ORDER BY n").fetchall() == [(2,), (3,)]
    con.execute(
        translate("CREATE VIEW big (k) AS SELECT n FROM s WHERE n > 1 WITH CHECK OPTION").sql
    )
    assert con.execute("SELECT count(*) FROM big").fetchall() == [(2,)]
    con.execute(translate("DROP VIEW big").sql)


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE x (a INT,)",
        "CREATE TABLE x ()",
        "CREATE TABLE x (a VARCHAR(300))",
        "CREATE TABLE x (a DATETIME YEAR TO WEEK)",
        "CREATE TABLE x (a INT BOGUS)",
        "ALTER TABLE x FROB a",
    ],
)
def test_ddl_syntax_errors(sql: str) -> None:
    with pytest.raises(SqlError) as info:
        translate(sql)
    assert info.value.sqlcode == -201
