"""ROW, SET, MULTISET and LIST columns through the whole stack: DDL, literals and bound Python
values in, Python values out, WHERE on collections (``IN``, ``=``, CARDINALITY, field access),
UPDATE, NULLs, empty and nested values (IBM Guide to SQL: Reference, "Complex data types";
docs/types.md "ROW and collections")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from driver_support import connect, table_name

import informix_db
from informix_types import CollectionValue, IntervalYM, RowValue


@pytest.fixture
def cur(informix_server: Any) -> Iterator[informix_db.Cursor]:
    conn = connect(informix_server, autocommit=True)
    cursor = conn.cursor()
    yield cursor
    conn.close()


@pytest.fixture
def table(cur: informix_db.Cursor) -> Iterator[str]:
    name = table_name("cx")
    cur.execute(
        f"CREATE TABLE {name} (id INT, s SET(INTEGER NOT NULL), m MULTISET(CHAR(2) NOT NULL), "
        "l LIST(VARCHAR(10) NOT NULL), r ROW(a INT, b DECIMAL(5,2), c DATE))"
    )
    yield name
    cur.execute(f"DROP TABLE {name}")


def rows(cur: informix_db.Cursor, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
    cur.execute(sql, params)
    return cur.fetchall()


def test_literals_go_in_and_python_values_come_out(cur: informix_db.Cursor, table: str) -> None:
    cur.execute(
        f"INSERT INTO {table} VALUES (1, SET{{3, 1, 3}}, MULTISET{{'b', 'a', 'b'}}, "
        "LIST{'z', 'y', 'z'}, ROW(7, 1.5, '2024-01-02'))"
    )
    (row,) = rows(cur, f"SELECT * FROM {table}")
    assert row == (
        1,
        frozenset({1, 3}),  # a SET drops duplicates
        CollectionValue("MULTISET", ("a ", "b ", "b ")),  # CHAR(2) elements are blank padded
        ["z", "y", "z"],  # a LIST keeps order and duplicates
        RowValue([7, Decimal("1.50"), dt.date(2024, 1, 2)], ["a", "b", "c"]),
    )
    assert (row[4].a, row[4]["b"], row[4][2]) == (7, Decimal("1.50"), dt.date(2024, 1, 2))
    assert [(d[0], d[1]) for d in cur.description] == [
        ("id", 2), ("s", 19), ("m", 20), ("l", 21), ("r", 22),
    ]  # fmt: skip


def test_python_values_bind_into_every_kind(cur: informix_db.Cursor, table: str) -> None:
    values = (
        2,
        {5, 4},
        CollectionValue("MULTISET", ("x", "x")),
        ["b", "a"],
        (8, Decimal("-2.25"), dt.date(1999, 12, 31)),
    )
    cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)", values)
    (row,) = rows(cur, f"SELECT * FROM {table}")
    assert row == (
        2,
        frozenset({4, 5}),
        CollectionValue("MULTISET", ("x ", "x ")),
        ["b", "a"],
        RowValue([8, Decimal("-2.25"), dt.date(1999, 12, 31)]),
    )


def test_a_list_bound_into_a_set_column_loses_its_duplicates(
    cur: informix_db.Cursor, table: str
) -> None:
    cur.execute(f"INSERT INTO {table} (id, s) VALUES (1, ?)", ([2, 2, 1],))
    cur.execute(f"UPDATE {table} SET s = ? WHERE id = 1", ([9, 9, 8, 8],))
    assert rows(cur, f"SELECT s, CARDINALITY(s) FROM {table}") == [(frozenset({8, 9}), 2)]


def test_nulls_empty_collections_and_null_fields(cur: informix_db.Cursor, table: str) -> None:
    cur.execute(f"INSERT INTO {table} VALUES (1, NULL, NULL, NULL, NULL)")
    cur.execute(
        f"INSERT INTO {table} VALUES (2, SET{{}}, MULTISET{{}}, LIST{{}}, ROW(NULL, NULL, NULL))"
    )
    cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)", (3, None, None, None, None))
    cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)", (4, set(), [], [], (None, 1, None)))
    assert rows(cur, f"SELECT * FROM {table} ORDER BY id") == [
        (1, None, None, None, None),
        (2, frozenset(), CollectionValue("MULTISET", ()), [], RowValue([None, None, None])),
        (3, None, None, None, None),
        (4, frozenset(), CollectionValue("MULTISET", ()), [], RowValue([None, Decimal(1), None])),
    ]


def test_where_clauses_on_collections_and_rows(cur: informix_db.Cursor, table: str) -> None:
    cur.executemany(
        f"INSERT INTO {table} (id, s, l, r) VALUES (?, ?, ?, ?)",
        [
            (1, {1, 2}, ["a"], (1, Decimal(1), None)),
            (2, {2, 3}, ["a", "b"], (2, Decimal(2), None)),
            (3, {4}, [], None),
        ],
    )

    def ids(where: str, params: Any = ()) -> list[int]:
        return [
            r[0] for r in rows(cur, f"SELECT id FROM {table} WHERE {where} ORDER BY id", params)
        ]

    assert ids("2 IN s") == [1, 2]
    assert ids("2 NOT IN s") == [3]
    assert ids("? IN s", (4,)) == [3]
    assert ids("'b' IN l") == [2]
    assert ids("s = SET{3, 2}") == [2]  # SETs compare without order
    assert ids("s = ?", ({2, 1},)) == [1]
    assert ids("l = LIST{'a', 'b'}") == [2]
    assert ids("CARDINALITY(l) = 0") == [3]
    assert ids("r.a = 2") == [2]
    assert ids("r = ROW(2, 2, NULL)::ROW(a INT, b DECIMAL(5,2), c DATE)") == [2]
    assert ids("r IS NULL") == [3]


def test_nested_rows_and_collections(cur: informix_db.Cursor) -> None:
    name = table_name("cxn")
    cur.execute(
        f"CREATE TABLE {name} (id INT, ls LIST(SET(INT NOT NULL) NOT NULL), "
        "sr SET(ROW(x INT, y LVARCHAR) NOT NULL), rr ROW(p ROW(q INT, w LIST(INT NOT NULL)), "
        "t MULTISET(INTERVAL YEAR TO MONTH NOT NULL)))"
    )
    try:
        cur.execute(
            f"INSERT INTO {name} VALUES (1, LIST{{SET{{2, 1, 2}}, SET{{}}}}, "
            "SET{ROW(2, 'b'), ROW(1, 'a'), ROW(2, 'b')}, "
            "ROW(ROW(5, LIST{3, 1}), MULTISET{INTERVAL(1-06) YEAR TO MONTH}))"
        )
        bound = (
            2,
            [frozenset({7}), frozenset({9, 8})],
            {RowValue([3, "c"], ["x", "y"])},
            RowValue([RowValue([6, [2]]), CollectionValue("MULTISET", (IntervalYM(0, 5),))]),
        )
        cur.execute(f"INSERT INTO {name} VALUES (?, ?, ?, ?)", bound)
        first, second = rows(cur, f"SELECT * FROM {name} ORDER BY id")
    finally:
        cur.execute(f"DROP TABLE {name}")
    assert first == (
        1,
        [frozenset({1, 2}), frozenset()],
        frozenset({RowValue([1, "a"]), RowValue([2, "b"])}),
        RowValue([RowValue([5, [3, 1]]), CollectionValue("MULTISET", (IntervalYM(1, 6),))]),
    )
    assert second == bound
    assert first[3].p.w == [3, 1]
    assert second[2] == frozenset({RowValue([3, "c"])})


def test_casts_and_expressions(cur: informix_db.Cursor) -> None:
    """An expression's ROW keeps its field names; its collection kind is not kept (DuckDB's
    result type is a plain list), so it is described as a LIST (docs/testserver.md)."""
    (row,) = rows(
        cur,
        "SELECT ROW(1, 'x')::ROW(a INT, b CHAR(1)), LIST{2, 1, 2}::SET(INT NOT NULL), "
        "CARDINALITY(MULTISET{1, 1}), ROW(1, 'y') FROM systables WHERE tabid = 1",
    )
    assert row == (RowValue([1, "x"], ["a", "b"]), [1, 2], 2, RowValue([1, "y"]))
    assert row[0].names == ("a", "b")
    assert row[3].names == ("field1", "field2")
    assert [d[1] for d in cur.description] == [22, 21, 2, 22]


def test_temp_tables_keep_their_composite_types(cur: informix_db.Cursor) -> None:
    cur.execute("CREATE TEMP TABLE cx_temp (s SET(INT NOT NULL), r ROW(a INT))")
    cur.execute("INSERT INTO cx_temp VALUES (?, ?)", ([1, 1], (5,)))
    assert rows(cur, "SELECT * FROM cx_temp") == [(frozenset({1}), RowValue([5], ["a"]))]
    cur.execute("DROP TABLE cx_temp")


def test_null_elements_are_refused_before_anything_is_sent(
    cur: informix_db.Cursor, table: str
) -> None:
    with pytest.raises(informix_db.DataError, match="parameter 1"):
        cur.execute(f"INSERT INTO {table} (id, s) VALUES (1, ?)", ([1, None],))
    with pytest.raises(informix_db.DataError):
        cur.execute(f"INSERT INTO {table} (id, l) VALUES (1, ?)", ([1, "a"],))
    assert rows(cur, f"SELECT COUNT(*) FROM {table}") == [(0,)]


def test_quoted_collection_literals_and_null_elements(cur: informix_db.Cursor, table: str) -> None:
    """IDS takes a collection literal in quotes too, and refuses NULL elements (IBM Guide to SQL:
    Reference, "Collection Data Types"; -1225, the code JDBC gives a NULL element)."""
    cur.execute(f"INSERT INTO {table} (id, s, l) VALUES (1, 'SET{{2, 1}}', \"LIST{{'a'}}\")")
    assert rows(cur, f"SELECT s, l FROM {table}") == [(frozenset({1, 2}), ["a"])]
    with pytest.raises(informix_db.DatabaseError) as raised:
        cur.execute(f"INSERT INTO {table} (id, l) VALUES (2, LIST{{'a', NULL}})")
    assert raised.value.sqlcode == -1225
    assert rows(cur, f"SELECT COUNT(*) FROM {table}") == [(1,)]


def test_a_row_of_the_wrong_shape_is_a_server_error(cur: informix_db.Cursor, table: str) -> None:
    with pytest.raises(informix_db.DatabaseError):
        cur.execute(f"INSERT INTO {table} (id, r) VALUES (1, ?)", ((1, 2),))
    assert rows(cur, f"SELECT COUNT(*) FROM {table}") == [(0,)]


def test_the_asyncio_driver_reads_and_binds_the_same_values(informix_server: Any) -> None:
    import asyncio

    from informix_db import aio

    async def main() -> list[tuple[Any, ...]]:
        conn = await aio.connect(
            host=informix_server.host, port=informix_server.port, user=informix_server.user,
            password=informix_server.password, database=informix_server.database,
            server=informix_server.server_name, autocommit=True,
        )  # fmt: skip
        try:
            cur = await conn.cursor()
            await cur.execute("CREATE TEMP TABLE cx_aio (s SET(INT NOT NULL), l LIST(LVARCHAR))")
            await cur.execute("INSERT INTO cx_aio VALUES (?, ?)", ({1, 2}, ["é"]))
            await cur.execute("SELECT * FROM cx_aio")
            return list(await cur.fetchall())
        finally:
            await conn.close()

    assert asyncio.run(main()) == [(frozenset({1, 2}), ["é"])]
