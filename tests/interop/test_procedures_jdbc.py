"""Stored procedures, cross-client: IBM JDBC (java/InteropProcs.java) creates the ``jp_*`` SPL
routines and calls them through ``CallableStatement`` (``{call ...}``) and
``executeQuery("EXECUTE FUNCTION ...")``; informix_db calls the same routines with ``callproc``
and ``execute`` and must get the same rows, column names and errors.

The Java program runs once per session, before these tests read its JSON lines; it leaves the
routines and ``jp_log`` in place, and the session fixture drops them afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jdbc_programs import connect, scenario_data, scenarios

import informix_db

pytestmark = pytest.mark.interop

ROUTINES = [
    ("FUNCTION", "jp_add"), ("FUNCTION", "jp_stats"), ("FUNCTION", "jp_series"),
    ("PROCEDURE", "jp_log_add"), ("FUNCTION", "jp_log_list"), ("FUNCTION", "jp_fact"),
    ("PROCEDURE", "jp_fail"), ("FUNCTION", "jp_guarded"),
]  # fmt: skip


@pytest.fixture(scope="session")
def procs_jdbc(informix_server: Any) -> Iterator[dict[str, Any]]:
    """Scenario name -> its JSON line; the jp_* routines exist while the tests run."""
    yield scenarios("InteropProcs", [informix_server.host, str(informix_server.port)])
    with connect(informix_server) as conn:
        cur = conn.cursor()
        for kind, name in ROUTINES:
            cur.execute(f"DROP {kind} IF EXISTS {name}")
        cur.execute("DROP TABLE IF EXISTS jp_log")


@pytest.fixture
def jdbc(procs_jdbc: dict[str, Any], request: pytest.FixtureRequest) -> Any:
    """The data of the JDBC scenario named like the test (``test_<scenario>``)."""
    return scenario_data(procs_jdbc, request)


@pytest.fixture
def cur(informix_server: Any, procs_jdbc: dict[str, Any]) -> Iterator[informix_db.Cursor]:
    with connect(informix_server) as conn:
        yield conn.cursor()


def result(cur: informix_db.Cursor) -> dict[str, Any]:
    """The fetched result in the shape InteropProcs prints (column names and rows)."""
    assert cur.description is not None
    return {"columns": [d[0] for d in cur.description], "rows": [list(r) for r in cur.fetchall()]}


def without_types(jdbc_result: dict[str, Any]) -> dict[str, Any]:
    return {"columns": jdbc_result["columns"], "rows": jdbc_result["rows"]}


def test_create(jdbc: Any, cur: informix_db.Cursor) -> None:
    """Routines JDBC created are in sysprocedures as informix_db reads it."""
    cur.execute(
        "SELECT procname, numargs, isproc FROM sysprocedures WHERE procname LIKE 'jp\\_%' "
        "ORDER BY procname"
    )
    assert [list(r) for r in cur.fetchall()] == jdbc
    assert [name for name, _, _ in jdbc] == sorted(name for _, name in ROUTINES)


def test_call_procedure(jdbc: Any, cur: informix_db.Cursor) -> None:
    """JDBC's {call jp_log_add(?, ?)} rows, and informix_db's callproc rows, in one table."""
    assert jdbc["rows"] == [[1, "item1"], [2, "item2"], [3, "item3"]]
    assert cur.callproc("jp_log_add", (70, "py70")) == (70, "py70")
    assert cur.description is None
    cur.execute("SELECT id, label FROM jp_log WHERE id IN (1, 2, 3, 70) ORDER BY id")
    assert result(cur)["rows"] == [*jdbc["rows"], [70, "py70"]]
    cur.execute("DELETE FROM jp_log WHERE id = 70")


def test_call_function_result_set(jdbc: Any, cur: informix_db.Cursor) -> None:
    cur.callproc("jp_add", (40, 2))
    assert result(cur) == without_types(jdbc)
    assert jdbc == {"columns": ["(expression)"], "types": ["int"], "rows": [[42]]}


def test_call_function_out(jdbc: Any) -> None:
    """An SPL function has no OUT parameters: JDBC's {? = call} has nothing to register (its own
    -79827); the return values are a result set, as callproc gives them."""
    assert jdbc == {"has_out": False, "register": -79827}


def test_several_values(jdbc: Any, cur: informix_db.Cursor) -> None:
    for key, expected in jdbc.items():
        a, b = map(int, key.split(","))
        cur.callproc("jp_stats", (a, b))
        assert result(cur) == without_types(expected)
    assert jdbc["2,9"]["rows"] == [[11, 18, "b"]]


def test_with_resume(jdbc: Any, cur: informix_db.Cursor) -> None:
    cur.execute("EXECUTE FUNCTION jp_series(4)")
    assert result(cur) == without_types(jdbc["literal"])
    cur.execute("EXECUTE FUNCTION jp_series(?)", (0,))
    assert result(cur) == without_types(jdbc["down"])
    cur.execute("EXECUTE FUNCTION jp_series(?)", (25,))
    assert result(cur) == without_types(jdbc["many"])
    assert len(jdbc["many"]["rows"]) == 25
    assert jdbc["down"]["rows"] == [[1, "row 1"], [0, "row 0"]]


def test_with_resume_callable(jdbc: Any, cur: informix_db.Cursor) -> None:
    cur.callproc("jp_series", [3])
    assert result(cur) == without_types(jdbc)
    assert jdbc["columns"] == ["i", "label"]


def test_foreach(jdbc: Any, cur: informix_db.Cursor) -> None:
    cur.execute("EXECUTE FUNCTION jp_log_list(?)", ("item",))
    assert result(cur) == without_types(jdbc)


def test_nested(jdbc: Any, cur: informix_db.Cursor) -> None:
    mine = {}
    for n in jdbc:
        cur.callproc("jp_fact", (int(n),))
        mine[n] = cur.fetchone()[0]
    assert mine == jdbc == {"1": 1, "5": 120, "10": 3628800}


@pytest.mark.parametrize(
    ("code", "cls"), [(-746, informix_db.DatabaseError), (-239, informix_db.IntegrityError)]
)
def test_raise(jdbc: Any, cur: informix_db.Cursor, code: int, cls: type[Exception]) -> None:
    """RAISE EXCEPTION's sqlcode and ISAM code reach both clients alike."""
    with pytest.raises(cls) as info:
        cur.callproc("jp_fail", (code,))
    seen = jdbc[str(code)]
    assert (info.value.sqlcode, info.value.isamcode) == (seen["sqlcode"], seen["isam"])  # type: ignore[attr-defined]
    assert seen["sqlcode"] == code
    assert "jp_fail says no" in seen["message"]
    cur.execute("EXECUTE FUNCTION jp_add(1, 1)")
    assert cur.fetchone()[0] == jdbc["after"]


def test_on_exception(jdbc: Any, cur: informix_db.Cursor) -> None:
    """The first call inserts key 51, the second hits the duplicate and its handler returns it."""
    outcomes = []
    for _ in range(2):
        cur.callproc("jp_guarded", (51,))
        outcomes.append(list(cur.fetchone()))
    cur.execute("DELETE FROM jp_log WHERE id = 51")
    assert outcomes == [jdbc["first"], jdbc["second"]]
    assert jdbc["second"][1] == "caught"


def test_unknown_routine(jdbc: Any, cur: informix_db.Cursor) -> None:
    for sql, seen in jdbc.items():
        with pytest.raises(informix_db.ProgrammingError) as info:
            cur.execute(sql)
        assert info.value.sqlcode == seen["sqlcode"] == -674
    cur.execute("EXECUTE FUNCTION jp_add(?, ?)", (2, 3))
    assert cur.fetchone() == (5,)
