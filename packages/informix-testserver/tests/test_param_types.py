"""SQ_IDESCRIBE's parameter types (engine/param_types.py): each ``?`` described as the column it
stands for, or its cast, or unknown (None, sent as type 51), through a real engine session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engine_helpers import run

from informix_testserver.engine import Engine
from informix_testserver.engine.columns import ColumnSpec
from informix_testserver.engine.connection import EngineSession
from informix_testserver.engine.param_types import infer
from informix_testserver.engine.schema import Schema
from informix_wire.typecodes import TypeCode


@pytest.fixture
def s() -> Iterator[EngineSession]:
    engine = Engine()
    session = engine.session("informix")
    session.open_database("testdb")
    run(
        session,
        "CREATE TABLE orders (id SERIAL, name CHAR(10) NOT NULL, price DECIMAL(8,2), day DATE, "
        "ok BOOLEAN, note LVARCHAR(500), tags SET(INT NOT NULL), r ROW(a INT, b VARCHAR(5)))",
    )
    run(session, "CREATE TABLE items (id SMALLINT, price FLOAT)")
    yield session
    session.close()
    engine.close()


def described(session: EngineSession, sql: str) -> list[tuple[int, int, bool, str] | None]:
    """(type, length, nullable, extended name) per parameter, as IDESCRIBE sends them."""
    prepared = session.prepare(sql)  # the types are inferred at PREPARE
    return [
        None if spec is None else (spec.type_code, spec.length, spec.nullable, spec.extended_name)
        for spec in prepared.param_types
    ]


SERIAL = (TypeCode.SERIAL, 4, False, "")
NAME = (TypeCode.CHAR, 10, False, "")
PRICE = (TypeCode.DECIMAL, 8 << 8 | 2, True, "")
DAY = (TypeCode.DATE, 4, True, "")
INTEGER = (TypeCode.INT, 4, True, "")
SMALLINT = (TypeCode.SMALLINT, 2, True, "")
FLOAT = (TypeCode.FLOAT, 8, True, "")


def test_insert_values_are_their_columns(s: EngineSession) -> None:
    assert described(s, "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?)") == [
        SERIAL, NAME, PRICE, DAY,
        (TypeCode.UDTFIXED, 1, True, "boolean"),
        (TypeCode.UDTVAR, 500, True, "lvarchar"),
        (TypeCode.SET, 0, True, "set(integer not null)"),
        (TypeCode.ROW, 0, True, "row(a integer, b varchar(5))"),
    ]  # fmt: skip
    assert described(s, "INSERT INTO orders (price, name) VALUES (?, ?)") == [PRICE, NAME]
    # a value that is not a lone ? is an expression: not known
    assert described(s, "INSERT INTO orders (price, name) VALUES (? + 1, ?)") == [None, NAME]
    assert described(s, "INSERT INTO orders (id) SELECT id FROM items WHERE price > ?") == [FLOAT]


def test_update_set_and_where(s: EngineSession) -> None:
    sql = "UPDATE orders SET price = ?, day = ? WHERE id = ? AND name LIKE ?"
    assert described(s, sql) == [PRICE, DAY, SERIAL, NAME]
    assert described(s, "UPDATE orders SET (price, day) = (?, ?)") == [PRICE, DAY]


def test_comparisons_in_between_and_matches(s: EngineSession) -> None:
    sql = (
        "SELECT * FROM orders WHERE ? < price AND day BETWEEN ? AND ? AND id NOT IN (?, ?) "
        "AND name NOT MATCHES ? AND day NOT BETWEEN '2024-01-01' AND ?"
    )
    assert described(s, sql) == [PRICE, DAY, DAY, SERIAL, SERIAL, NAME, DAY]


def test_aliases_qualifiers_scopes_and_row_fields(s: EngineSession) -> None:
    sql = "SELECT * FROM orders o, items WHERE o.id = ? AND items.price > ? AND r.a = ?"
    assert described(s, sql) == [SERIAL, FLOAT, INTEGER]
    # the innermost FROM that encloses the ? decides an unqualified name
    sql = "SELECT * FROM orders WHERE id IN (SELECT id FROM items WHERE price = ?) AND price = ?"
    assert described(s, sql) == [FLOAT, PRICE]
    assert described(s, "SELECT * FROM orders x WHERE x.r.b = ?") == [
        (TypeCode.VARCHAR, 5, True, "")
    ]


def test_casts_and_row_limits(s: EngineSession) -> None:
    sql = "SELECT FIRST ? id FROM orders WHERE CAST(? AS DATE) = day AND ?::SMALLINT = id"
    assert described(s, sql) == [INTEGER, DAY, SMALLINT]


def test_what_cannot_be_inferred_is_unknown(s: EngineSession) -> None:
    sql = (
        "SELECT * FROM orders WHERE price + ? > 1 AND ? IS NULL AND length(name) = ? AND id = ? + 1"
    )
    assert described(s, sql) == [None, None, None, None]


def test_blob_and_clob_parameters_are_smart_lobs(s: EngineSession) -> None:
    """Described as IDS describes the columns, which makes JDBC bind through IfxSmBlob
    (smartlob_params); a database- and owner-qualified table name resolves too."""
    run(s, "CREATE TABLE docs (id INT, data BLOB, notes CLOB NOT NULL)")
    blob = (TypeCode.UDTFIXED, 72, True, "blob")
    clob = (TypeCode.UDTFIXED, 72, False, "clob")
    assert described(s, "INSERT INTO testdb:informix.docs VALUES (?, ?, ?)") == [
        INTEGER, blob, clob
    ]  # fmt: skip
    sql = "UPDATE docs SET notes = ?, id = id + ?, data = ? WHERE id = ?"
    assert described(s, sql) == [clob, None, blob, INTEGER]


INTEGER_SPEC = ColumnSpec("", TypeCode.INT, 4)


def test_infer_is_pure_over_a_schema() -> None:
    schema = Schema({"t": [ColumnSpec("a", TypeCode.INT, 4)]})
    assert infer("SELECT * FROM t WHERE a = ? AND b = ?", 2, schema) == [
        ColumnSpec("a", TypeCode.INT, 4),
        None,
    ]
    assert infer("SELECT * FROM t WHERE a = ?", 1, None) == [None]
    assert infer("EXECUTE PROCEDURE p(?, ?::INT)", 2, schema) == [None, INTEGER_SPEC]
    assert infer("SELECT 'unterminated", 1, schema) == [None]
