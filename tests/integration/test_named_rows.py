"""Named ROW types through the whole stack: CREATE ROW TYPE, columns of one, literals cast to
the type and bound ``RowValue`` s in, ``RowValue`` s named by the type out, field access, and
DROP ROW TYPE's rules (IBM Guide to SQL: Syntax, "CREATE ROW TYPE", "DROP ROW TYPE"; docs/types.md
"ROW and collections")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from driver_support import connect, table_name

import informix_db
from informix_types import RowValue


@pytest.fixture
def cur(informix_server: Any) -> Iterator[informix_db.Cursor]:
    conn = connect(informix_server, autocommit=True)
    cursor = conn.cursor()
    yield cursor
    conn.close()


@pytest.fixture
def person(cur: informix_db.Cursor) -> Iterator[tuple[str, str]]:
    """A named ROW type and a table with a column of it."""
    type_name, table = table_name("person_t"), table_name("nr")
    cur.execute(
        f"CREATE ROW TYPE {type_name} (name VARCHAR(20), born DATE, "
        "score DECIMAL(5,2), tags SET(INT NOT NULL))"
    )
    cur.execute(f"CREATE TABLE {table} (id INT, p {type_name})")
    yield type_name, table
    cur.execute(f"DROP TABLE {table}")
    cur.execute(f"DROP ROW TYPE {type_name} RESTRICT")


def rows(cur: informix_db.Cursor, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    cur.execute(sql, params)
    return cur.fetchall()


def test_values_in_and_out(cur: informix_db.Cursor, person: tuple[str, str]) -> None:
    type_name, table = person
    cur.execute(
        f"INSERT INTO {table} VALUES (1, ROW('ann', '2000-02-29', 1.5, SET{{2, 1}})::{type_name})"
    )
    bound = RowValue(["bob", dt.date(1999, 1, 2), Decimal("-3.25"), frozenset({7})])
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (2, bound))
    named = RowValue(["cy", None, None, frozenset()], ["name", "born", "score", "tags"], type_name)
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (3, named))
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (4, None))
    got = rows(cur, f"SELECT id, p FROM {table} ORDER BY id")
    assert got == [
        (1, RowValue(["ann", dt.date(2000, 2, 29), Decimal("1.50"), frozenset({1, 2})])),
        (2, bound),
        (3, named),
        (4, None),
    ]
    first = got[0][1]
    assert first.type_name == type_name
    assert first.names == ("name", "born", "score", "tags")
    assert (first.name, first["score"]) == ("ann", Decimal("1.50"))
    assert cur.description[1][1] == 22


def test_fields_and_whole_values_in_where(cur: informix_db.Cursor, person: tuple[str, str]) -> None:
    type_name, table = person
    day = dt.date(2020, 5, 6)
    cur.executemany(
        f"INSERT INTO {table} VALUES (?, ?)",
        [(1, ("a", day, Decimal(1), {1})), (2, ("b", day, Decimal(2), {2, 3}))],
    )
    assert rows(cur, f"SELECT id FROM {table} WHERE p.score > ?", (Decimal("1.5"),)) == [(2,)]
    assert rows(cur, f"SELECT p.name FROM {table} WHERE 3 IN p.tags") == [("b",)]
    cast = f"ROW('b', '2020-05-06', 2, SET{{3, 2}})::{type_name}"
    assert rows(cur, f"SELECT id FROM {table} WHERE p = {cast}") == [(2,)]
    assert rows(cur, f"SELECT id FROM {table} WHERE p = ?", (("a", day, Decimal(1), {1}),)) == [
        (1,)
    ]
    cur.execute(f"UPDATE {table} SET p = ? WHERE id = 1", (("z", None, Decimal(9), {9}),))
    ((updated,),) = rows(cur, f"SELECT p FROM {table} WHERE id = 1")
    assert (updated.name, updated.tags, updated.type_name) == ("z", frozenset({9}), type_name)


def test_catalog_rows(cur: informix_db.Cursor, person: tuple[str, str]) -> None:
    type_name, table = person
    ((xid, mode, owner, kind),) = rows(
        cur, "SELECT extended_id, mode, owner, type FROM sysxtdtypes WHERE name = ?", (type_name,)
    )
    assert (mode, owner.strip(), kind) == ("R", "informix", 4118)  # ROW | named
    attrs = rows(
        cur,
        "SELECT seqno, levelno, parent_no, fieldname, fieldno, type, length, xtd_type_id "
        "FROM sysattrtypes WHERE extended_id = ? ORDER BY seqno",
        (xid,),
    )
    ((set_xid,),) = rows(
        cur, "SELECT extended_id FROM sysxtdtypes WHERE name = 'set(integer not null)'"
    )
    assert attrs == [
        (1, 0, 0, None, 0, 4118, 0, 0),
        (2, 1, 1, "name", 1, 13, 20, 0),
        (3, 1, 1, "born", 2, 7, 4, 0),
        (4, 1, 1, "score", 3, 5, 5 << 8 | 2, 0),
        (5, 1, 1, "tags", 4, 19, 0, set_xid),
    ]
    coltype = rows(
        cur,
        "SELECT c.coltype, c.extended_id FROM syscolumns c JOIN systables t ON c.tabid = t.tabid "
        "WHERE t.tabname = ? AND c.colname = 'p'",
        (table,),
    )
    assert coltype == [(4118, xid)]


def test_ddl_errors(cur: informix_db.Cursor, person: tuple[str, str]) -> None:
    type_name, _ = person

    def sqlcode(sql: str) -> int:
        with pytest.raises(informix_db.DatabaseError) as raised:
            cur.execute(sql)
        return int(raised.value.sqlcode)

    assert sqlcode(f"CREATE ROW TYPE {type_name} (a INT)") == -9991
    assert sqlcode(f"DROP ROW TYPE {type_name} RESTRICT") == -9990  # a column uses it
    assert sqlcode("DROP ROW TYPE no_such_t RESTRICT") == -9992
    assert sqlcode(f"CREATE TABLE {table_name('nr')} (x no_such_t)") == -9628
    assert sqlcode("CREATE ROW TYPE bad_t (b BYTE)") == -9908
    assert sqlcode(f"DROP ROW TYPE {type_name}") == -201  # RESTRICT is required
