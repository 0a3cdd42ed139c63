"""Named ROW types in the engine (engine/named_types.py): CREATE / DROP ROW TYPE and their
catalog rows, columns of one described and read as the type, their tuples, and the errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from engine_helpers import rows, run, sqlcode

from informix_testserver.engine import Engine
from informix_testserver.engine.connection import EngineSession
from informix_testserver.engine.named_types import RowTypeSpec, row_encoder
from informix_testserver.session import describe_columns
from informix_types import RowValue, row_decoder
from informix_wire.typecodes import NAMED_ROW, TypeCode


@pytest.fixture
def s() -> Iterator[EngineSession]:
    engine = Engine()
    session = engine.session("informix")
    session.open_database("testdb")
    run(session, "CREATE ROW TYPE name_t (first VARCHAR(10), last CHAR(3) NOT NULL)")
    run(
        session,
        "CREATE ROW TYPE person_t (name name_t, age INT, tags SET(VARCHAR(4) NOT NULL), "
        "ok BOOLEAN)",
    )
    yield session
    session.close()
    engine.close()


def xid(session: EngineSession, name: str) -> int:
    ((found,),) = rows(session, "SELECT extended_id FROM sysxtdtypes WHERE name = ?", [name])
    return int(found)


def test_catalog_rows_are_what_jdbc_reads(s: EngineSession) -> None:
    person, name, tags = xid(s, "person_t"), xid(s, "name_t"), xid(s, "set(varchar(4) not null)")
    assert rows(s, "SELECT mode, owner, type FROM sysxtdtypes WHERE extended_id = ?", [person]) == [
        ("R", "informix", TypeCode.ROW | NAMED_ROW)
    ]
    assert rows(
        s,
        "SELECT seqno, levelno, parent_no, fieldname, fieldno, type, length, xtd_type_id "
        "FROM informix.sysattrtypes WHERE extended_id = ? ORDER BY seqno",
        [person],
    ) == [
        (1, 0, 0, None, 0, 4118, 0, 0),
        (2, 1, 1, "name", 1, 4118, 0, name),
        (3, 1, 1, "age", 2, TypeCode.INT, 4, 0),
        (4, 1, 1, "tags", 3, TypeCode.SET, 0, tags),
        (5, 1, 1, "ok", 4, TypeCode.UDTFIXED, 1, 5),  # boolean: built-in extended id 5
    ]
    # the SET field's own type: mode C with its element (NOT NULL), as a column's would be
    assert rows(s, "SELECT mode, type FROM sysxtdtypes WHERE extended_id = ?", [tags]) == [
        ("C", TypeCode.SET)
    ]
    assert rows(
        s,
        "SELECT seqno, levelno, type, length FROM sysattrtypes WHERE extended_id = ? "
        "ORDER BY seqno",
        [tags],
    ) == [(1, 0, TypeCode.SET, 0), (2, 1, TypeCode.VARCHAR | 0x100, 4)]
    grants = rows(s, "SELECT grantee, auth FROM sysxtdtypeauth WHERE type = ? ORDER BY 2", [name])
    assert grants == [("public", "-u"), ("public", "n-")]


def test_columns_are_described_and_read_as_the_type(s: EngineSession) -> None:
    run(s, "CREATE TABLE people (id INT, p person_t NOT NULL)")
    run(
        s,
        "INSERT INTO people VALUES (1, ROW(ROW('ann', 'lee'), 30, SET{'b', 'a'}, 't')::person_t)",
    )
    run(s, "INSERT INTO people VALUES (?, ?)", [2, (("bo", "x"), None, frozenset(), False)])
    prepared = s.prepare("SELECT * FROM people ORDER BY id")
    spec = prepared.columns[1]
    assert isinstance(spec, RowTypeSpec)
    assert spec.node is not None
    assert (spec.type_code, spec.nullable, spec.extended_id, spec.extended_name) == (
        TypeCode.ROW | NAMED_ROW, False, xid(s, "person_t"), "person_t",
    )  # fmt: skip
    assert spec.extended_owner == "informix"
    assert [c.field for c in spec.node.children] == ["name", "age", "tags", "ok"]
    first, second = s.execute(prepared).rows
    assert first[1] == RowValue([RowValue(["ann", "lee"]), 30, frozenset({"a", "b"}), True])
    assert (first[1].type_name, first[1].name.type_name) == ("person_t", "name_t")
    assert first[1].name.last == "lee"
    assert second[1] == RowValue([RowValue(["bo", "x"]), None, frozenset(), False])
    # the tuple names the type, so a client reads the same RowValue back
    columns, _ = describe_columns(prepared.columns)
    assert columns[1].type == TypeCode.ROW | NAMED_ROW | 0x100
    encode = row_encoder(prepared.columns, columns, "utf-8")
    decoded = row_decoder(columns, "utf-8")(encode(first))
    assert decoded == first
    assert (decoded[1].type_name, decoded[1].names) == ("person_t", ("name", "age", "tags", "ok"))


def test_alter_table_keeps_the_named_type(s: EngineSession) -> None:
    run(s, "CREATE TABLE people (id INT, p name_t)")
    run(s, "ALTER TABLE people ADD extra INT")
    assert rows(
        s,
        "SELECT c.coltype, c.extended_id FROM syscolumns c JOIN systables t ON c.tabid = t.tabid "
        "WHERE t.tabname = 'people' AND c.colname = 'p'",
    ) == [(TypeCode.ROW | NAMED_ROW, xid(s, "name_t"))]


def test_errors(s: EngineSession) -> None:
    assert sqlcode(s, "CREATE ROW TYPE name_t (a INT)") == -9991
    assert sqlcode(s, "DROP ROW TYPE name_t RESTRICT") == -9990  # person_t has a name_t field
    run(s, "CREATE TABLE uses (p person_t)")
    assert sqlcode(s, "DROP ROW TYPE person_t RESTRICT") == -9990  # a column of it
    assert sqlcode(s, "DROP ROW TYPE nosuch_t RESTRICT") == -9992
    assert sqlcode(s, "CREATE TABLE bad (x nosuch_t)") == -9628
    assert sqlcode(s, "CREATE ROW TYPE f_t (a nosuch_t)") == -9628
    for field in ("TEXT", "BYTE", "SERIAL", "BIGSERIAL"):
        assert sqlcode(s, f"CREATE ROW TYPE f_t (a {field})") == -9908
    assert sqlcode(s, "CREATE ROW TYPE f_t (a BLOB)") == -999
    assert sqlcode(s, "CREATE ROW TYPE f_t (a INT) UNDER name_t") == -999
    assert sqlcode(s, "CREATE ROW TYPE f_t ()") == -201
    assert sqlcode(s, "DROP ROW TYPE name_t") == -201  # RESTRICT is required


def test_drop_removes_the_type_and_rollback_keeps_it(s: EngineSession) -> None:
    person = xid(s, "person_t")
    s.begin()
    run(s, "DROP ROW TYPE person_t RESTRICT")
    assert rows(s, "SELECT count(*) FROM sysattrtypes WHERE extended_id = ?", [person]) == [(0,)]
    s.rollback()
    assert xid(s, "person_t") == person
    run(s, "DROP ROW TYPE person_t RESTRICT")
    run(s, "DROP ROW TYPE name_t RESTRICT")
    left: list[Any] = rows(s, "SELECT name FROM sysxtdtypes WHERE mode = 'R'")
    assert left == []
    assert rows(s, "SELECT count(*) FROM sysxtdtypeauth") == [(0,)]
    assert sqlcode(s, "CREATE TABLE gone (p person_t)") == -9628
