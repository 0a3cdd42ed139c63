"""ROW, SET, MULTISET and LIST columns, cross-client: IBM JDBC (java/InteropComposite.java) writes
them with literals and with ``PreparedStatement.setObject``/``setArray`` and informix_db reads the
same values, informix_db writes them with literals and bound Python values and JDBC's
``getObject``/``getString``/``getArray`` read them as JDBC reads IDS values (``IfxCollection``:
a SET is a ``java.util.HashSet``, a MULTISET or LIST an ``ArrayList``, a ROW an ``IfxStruct``;
``getString`` gives the object's identity, IfxObject.toString), and both see the same rows
through WHERE clauses on the columns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from jdbc_programs import command, compiled, connect

import informix_db
from informix_types import CollectionValue, RowValue

pytestmark = pytest.mark.interop

DDL = (
    "(id INT, s SET(INTEGER NOT NULL), l LIST(VARCHAR(10) NOT NULL), "
    "m MULTISET(LVARCHAR NOT NULL), r ROW(a INTEGER, b VARCHAR(10)), "
    "n LIST(ROW(x INTEGER, y SET(INTEGER NOT NULL)) NOT NULL), d LIST(DECIMAL(6,2) NOT NULL))"
)
COLUMNS = ("id", "s", "l", "m", "r", "n", "d")


@pytest.fixture(scope="module")
def java(informix_server: Any) -> Callable[[str, str], Any]:
    """Runs one InteropComposite command and returns its data (failing with the Java error)."""
    compiled("InteropComposite")

    def run(name: str, table: str) -> Any:
        return command(
            "InteropComposite", [informix_server.host, str(informix_server.port), name, table]
        )

    return run


@pytest.fixture
def conn(informix_server: Any) -> Iterator[informix_db.Connection]:
    connection = connect(informix_server)
    yield connection
    connection.close()


def _row(a: int, b: str) -> RowValue:
    return RowValue([a, b], ["a", "b"])


def _inner(x: int, y: frozenset[int]) -> RowValue:
    return RowValue([x, y], ["x", "y"])


#: What JDBC's write command stores, as informix_db reads it. JDBC blank-pads a VARCHAR field of
#: a Struct it binds to the declared length (IfxComplexOutput.writeStringWithLength), so row 2's
#: ROW holds 'eight     '; BigDecimal elements travel as LVARCHAR text (writeBigDecimal, untyped).
JDBC_ROWS = [
    (1, frozenset({1, 2, 3}), ["a", "bc"], CollectionValue("MULTISET", ("x", "x")),
     _row(7, "seven"), [_inner(1, frozenset({1, 2}))], [Decimal("1.50"), Decimal("-2.25")]),
    (2, frozenset({4, 5}), ["q", "rs"], CollectionValue("MULTISET", ("y", "y")),
     _row(8, "eight     "), [_inner(4, frozenset({6}))], [Decimal("3.10")]),
    (3, frozenset(), [], CollectionValue("MULTISET", ()), None, [], None),
    (4, frozenset({4, 5}), None, None, None, None, None),
    # setNull(ARRAY/STRUCT); an empty ArrayList, which JDBC flags NULL (IfxComplex.toIfx)
    (5, None, None, None, None, None, None),
]  # fmt: skip


def test_values_jdbc_writes_read_the_same_in_informix_db(
    java: Callable[[str, str], Any], conn: informix_db.Connection
) -> None:
    table = "cx_jdbc_w"
    java("write", table)
    cur = conn.cursor()
    try:
        cur.execute(f"SELECT * FROM {table} ORDER BY id")
        assert [d[0] for d in cur.description] == list(COLUMNS)
        assert [d[1] for d in cur.description][1:] == [19, 21, 20, 22, 21, 21]
        rows = cur.fetchall()
        assert rows == JDBC_ROWS
        assert rows[0][4].a == 7
        assert rows[0][5][0].y == frozenset({1, 2})
    finally:
        cur.execute(f"DROP TABLE {table}")


#: informix_db's rows: 1 with literals, 2 with bound Python values, 3 NULLs, 4 empty collections.
DB_ROWS: list[tuple[Any, ...]] = [
    (1, frozenset({1, 2, 3}), ["a", "bc"], CollectionValue("MULTISET", ("x", "x")),
     _row(7, "seven"), [_inner(1, frozenset({1, 2}))], [Decimal("1.50"), Decimal("-2.25")]),
    (2, frozenset({4, 5}), ["q", "rs"], CollectionValue("MULTISET", ("y", "y")),
     _row(8, "eight"), [_inner(4, frozenset({6}))], [Decimal("3.10")]),
    (3, None, None, None, None, None, None),
    (4, frozenset(), [], CollectionValue("MULTISET", ()), None, [], []),
]  # fmt: skip

#: java.sql.Types JDBC's ResultSetMetaData.getColumnType gives: OTHER for collections
#: (IfxTypes.FromIfxToJDBCType has no entry for 19-21), STRUCT for ROW.
OTHER, STRUCT = 1111, 2002

#: How JDBC's getObject renders DB_ROWS (InteropComposite.render).
HASHSET, ARRAYLIST = "java.util.HashSet", "java.util.ArrayList"


def _jset(*items: Any) -> dict[str, Any]:
    return {"class": HASHSET, "items": sorted(items, key=str)}


def _jlist(*items: Any) -> dict[str, Any]:
    return {"class": ARRAYLIST, "items": list(items)}


def _jstruct(type_name: str, *attrs: Any) -> dict[str, Any]:
    return {"struct": type_name, "attrs": list(attrs)}


ROW_TYPE = "row ( a int , b varchar(10) )"
INNER_TYPE = "row ( x int , y set (  int  not null) )  not null"
JDBC_VIEW = [
    {"id": 1, "s": _jset(1, 2, 3), "l": _jlist("a", "bc"), "m": _jlist("x", "x"),
     "r": _jstruct(ROW_TYPE, 7, "seven"), "n": _jlist(_jstruct(INNER_TYPE, 1, _jset(1, 2))),
     "d": _jlist("decimal:1.50", "decimal:-2.25")},
    {"id": 2, "s": _jset(4, 5), "l": _jlist("q", "rs"), "m": _jlist("y", "y"),
     "r": _jstruct(ROW_TYPE, 8, "eight"), "n": _jlist(_jstruct(INNER_TYPE, 4, _jset(6))),
     "d": _jlist("decimal:3.10")},
    {"id": 3, "s": None, "l": None, "m": None, "r": None, "n": None, "d": None},
    {"id": 4, "s": _jset(), "l": _jlist(), "m": _jlist(), "r": None, "n": _jlist(), "d": _jlist()},
]  # fmt: skip


def test_values_informix_db_writes_read_in_jdbc_as_ids_values(
    java: Callable[[str, str], Any], conn: informix_db.Connection
) -> None:
    table = "cx_db_w"
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table} {DDL}")
    try:
        cur.execute(
            f"INSERT INTO {table} VALUES (1, SET{{3, 1, 2, 1}}, LIST{{'a', 'bc'}}, "
            "MULTISET{'x', 'x'}, ROW(7, 'seven'), LIST{ROW(1, SET{2, 1})}, LIST{1.5, -2.25})"
        )
        cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?)", DB_ROWS[1])
        cur.execute(f"INSERT INTO {table} (id) VALUES (3)")
        cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?)", DB_ROWS[3])
        cur.execute(f"SELECT * FROM {table} ORDER BY id")
        assert cur.fetchall() == DB_ROWS
        data = java("read", table)
    finally:
        cur.execute(f"DROP TABLE {table}")
    assert data["meta"] == [
        ["id", "int", 4, "java.lang.Integer"],
        ["s", "set(integer not null)", OTHER, "java.sql.Array"],
        ["l", "list(varchar(10) not null)", OTHER, "java.sql.Array"],
        ["m", "multiset(lvarchar not null)", OTHER, "java.sql.Array"],
        ["r", "row(a integer, b varchar(10))", STRUCT, "java.sql.Struct"],
        ["n", "list(row(x integer, y set(integer not null)) not null)", OTHER, "java.sql.Array"],
        ["d", "list(decimal(6,2) not null)", OTHER, "java.sql.Array"],
    ]  # fmt: skip
    rows = data["rows"]
    assert [{k: v for k, v in row.items() if "." not in k} for row in rows] == JDBC_VIEW
    assert rows[0]["s.string"] == "com.informix.jdbc.IfxCollection@"
    assert rows[0]["r.string"] == "com.informix.jdbc.IfxRow@"
    assert rows[2]["s.string"] is None
    # getArray: java.sql.Types of the element (IfxArray), a primitive array for INTEGER
    assert rows[0]["s.array"][0:2] == [4, "int[]"]
    assert sorted(rows[0]["s.array"][2]) == [1, 2, 3]
    assert rows[0]["l.array"] == [12, "Object[]", ["a", "bc"]]
    assert rows[3]["s.array"] == [4, "int[]", []]
    assert data["where"] == {
        "4 IN s": [2],
        "2 NOT IN s": [2, 4],
        "s = SET{1, 2, 3}": [1],
        "r = ROW(7, 'seven')": [1],
        "r.a = 8": [2],
        "CARDINALITY(l) = 2": [1, 2],
        "'x' IN m": [1],
        "s IS NULL": [3],
    }


@pytest.fixture(scope="module")
def edges(java: Callable[[str, str], Any], informix_server: Any) -> Iterator[dict[str, str]]:
    table = "cx_jdbc_edges"
    data = java("edges", table)
    yield data
    conn = connect(informix_server)
    conn.cursor().execute(f"DROP TABLE {table}")
    conn.close()


@pytest.mark.parametrize("bind", ["java_array", "object_null"])
def test_binds_that_need_described_parameters(edges: dict[str, str], bind: str) -> None:
    """JDBC binds a Java array or a null object only with the parameter's column type from
    SQ_IDESCRIBE (IfxValue.makeInstance: without column info 'Unknown object type' / a
    NullPointerException); the test server describes the ``?`` as the SET column it feeds."""
    assert edges[bind] == "ok"


def test_described_binds_store_their_values(edges: dict[str, str], conn: Any) -> None:
    cur = conn.cursor()
    cur.execute("SELECT id, s FROM cx_jdbc_edges ORDER BY id")
    assert cur.fetchall() == [(1, frozenset({1, 2})), (2, None)]


@pytest.mark.xfail(
    strict=True,
    reason="the test server describes a collection-valued expression as LIST (DuckDB's result "
    "type is a plain list, without the SET/MULTISET kind), so JDBC gives an ArrayList where IDS "
    "describes SET and JDBC gives a HashSet",
)
def test_a_set_expression_is_a_set_in_jdbc(edges: dict[str, str]) -> None:
    assert edges["set_expression"] == "java.util.HashSet"
