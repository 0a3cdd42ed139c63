"""Stored procedures end to end: SPL routines created, run and dropped on the test server through
informix_db (sync) and informix_db_aio, with ``callproc`` and ``EXECUTE PROCEDURE / FUNCTION``.

SPL semantics asserted here are IBM's ("Informix Guide to SQL: Syntax", SPL statements): FOR
without STEP counts down when the end is below the start, ON EXCEPTION goes after DEFINE and
before other statements, RETURN WITH RESUME gives one row per RETURN, RAISE EXCEPTION raises
its own sqlcode and ISAM code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, table_name

import informix_db
from informix_db import aio

pytestmark = pytest.mark.integration

INT, VARCHAR = 2, 13  # Informix base type codes in description (IBM, sqltypes.h)


@pytest.fixture
def cur(informix_server: Any) -> Iterator[informix_db.Cursor]:
    with connect(informix_server, autocommit=True) as conn:
        yield conn.cursor()


def unique(prefix: str) -> str:
    return table_name(prefix)


def create(cur: informix_db.Cursor, text: str, **names: str) -> None:
    cur.execute(text.format(**names))


def test_callproc_procedure_with_in_params(cur: informix_db.Cursor) -> None:
    t, p = unique("pt"), unique("pp")
    cur.execute(f"CREATE TABLE {t} (id INT, label VARCHAR(20))")
    create(cur, "CREATE PROCEDURE {p}(k INT, v VARCHAR(20)) "
                "INSERT INTO {t} VALUES (k, v || '!'); END PROCEDURE", p=p, t=t)  # fmt: skip
    assert cur.callproc(p, (1, "one")) == (1, "one")
    assert cur.description is None
    cur.callproc(p, [2, None])
    cur.execute(f"SELECT id, label FROM {t} ORDER BY id")
    assert cur.fetchall() == [(1, "one!"), (2, None)]


def test_function_one_value_and_description(cur: informix_db.Cursor) -> None:
    f = unique("f")
    create(cur, "CREATE FUNCTION {f}(a INT, b INT) RETURNING INT; RETURN a * b + 1; "
                "END FUNCTION", f=f)  # fmt: skip
    cur.callproc(f, (6, 7))
    assert cur.fetchall() == [(43,)]
    assert cur.description is not None
    assert [(d[0], d[1]) for d in cur.description] == [("(expression)", INT)]
    cur.execute(f"EXECUTE FUNCTION {f}(?, ?)", (-2, 3))
    assert cur.fetchone() == (-5,)
    assert cur.fetchone() is None


def test_function_several_values_if_elif_else(cur: informix_db.Cursor) -> None:
    f = unique("f")
    create(cur, """CREATE FUNCTION {f}(x INT) RETURNING INT AS doubled, VARCHAR(10) AS sign;
        DEFINE s VARCHAR(10);
        IF x > 0 THEN LET s = 'pos';
        ELIF x < 0 THEN LET s = 'neg';
        ELSE LET s = 'zero';
        END IF;
        RETURN x * 2, s;
    END FUNCTION""", f=f)  # fmt: skip
    seen = []
    for x in (5, -3, 0):
        cur.callproc(f, (x,))
        seen.extend(cur.fetchall())
    assert seen == [(10, "pos"), (-6, "neg"), (0, "zero")]
    assert cur.description is not None
    assert [(d[0], d[1], d[2]) for d in cur.description] == [
        ("doubled", INT, 11),
        ("sign", VARCHAR, 10),
    ]


def test_return_with_resume_many_rows(cur: informix_db.Cursor) -> None:
    """Enough rows to take several NFETCH round trips; execute and callproc agree."""
    f = unique("f")
    create(cur, """CREATE FUNCTION {f}(n INT) RETURNING INT AS i, VARCHAR(30) AS label;
        DEFINE k INT;
        FOR k = 1 TO n
            RETURN k, 'row number ' || k WITH RESUME;
        END FOR;
    END FUNCTION""", f=f)  # fmt: skip
    expected = [(k, f"row number {k}") for k in range(1, 2001)]
    cur.execute(f"EXECUTE FUNCTION {f}(?)", (2000,))
    assert cur.fetchmany(10) == expected[:10]
    assert cur.fetchall() == expected[10:]
    cur.callproc(f, (2000,))
    assert list(cur) == expected
    cur.execute(f"EXECUTE FUNCTION {f}(?)", (0,))  # no STEP, end < start: counts down
    assert cur.fetchall() == [(1, "row number 1"), (0, "row number 0")]


def test_while_loop(cur: informix_db.Cursor) -> None:
    f = unique("f")
    create(cur, """CREATE FUNCTION {f}(n INT) RETURNING INT;
        DEFINE acc, i INT;
        LET acc = 1; LET i = n;
        WHILE i > 1
            LET acc = acc * i;
            LET i = i - 1;
        END WHILE;
        RETURN acc;
    END FUNCTION""", f=f)  # fmt: skip
    cur.callproc(f, (10,))
    assert cur.fetchone() == (3628800,)


def test_nested_calls(cur: informix_db.Cursor) -> None:
    """A routine calling others: inline in LET, CALL ... RETURNING, EXECUTE FUNCTION ... INTO,
    and itself (recursion)."""
    sq, fact, both = unique("sq"), unique("fact"), unique("both")
    create(cur, "CREATE FUNCTION {sq}(x INT) RETURNING INT; RETURN x * x; END FUNCTION", sq=sq)
    create(cur, """CREATE FUNCTION {fact}(n INT) RETURNING INT;
        DEFINE r INT;
        IF n <= 1 THEN RETURN 1; END IF;
        LET r = {fact}(n - 1);
        RETURN n * r;
    END FUNCTION""", fact=fact)  # fmt: skip
    create(cur, """CREATE FUNCTION {both}(n INT) RETURNING INT, INT, INT;
        DEFINE a, b, c INT;
        LET a = {sq}(n) + 1;
        CALL {fact}(n) RETURNING b;
        EXECUTE FUNCTION {sq}(n + 1) INTO c;
        RETURN a, b, c;
    END FUNCTION""", sq=sq, fact=fact, both=both)  # fmt: skip
    cur.callproc(both, (4,))
    assert cur.fetchall() == [(17, 24, 25)]


def test_foreach_writes_rows(cur: informix_db.Cursor) -> None:
    src, dst, p = unique("src"), unique("dst"), unique("p")
    cur.execute(f"CREATE TABLE {src} (id INT, v INT)")
    cur.execute(f"CREATE TABLE {dst} (id INT, total INT)")
    cur.executemany(f"INSERT INTO {src} VALUES (?, ?)", [(1, 10), (2, 20), (3, 30)])
    create(cur, """CREATE PROCEDURE {p}(bonus INT)
        DEFINE k, val INT;
        FOREACH SELECT id, v INTO k, val FROM {src} WHERE v > 10 ORDER BY id
            INSERT INTO {dst} VALUES (k, val + bonus);
        END FOREACH;
    END PROCEDURE""", p=p, src=src, dst=dst)  # fmt: skip
    cur.callproc(p, (5,))
    cur.execute(f"SELECT id, total FROM {dst} ORDER BY id")
    assert cur.fetchall() == [(2, 25), (3, 35)]


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (-746, informix_db.DatabaseError),
        (-239, informix_db.IntegrityError),
        (-206, informix_db.ProgrammingError),
        (-1213, informix_db.DataError),
    ],
)
def test_raise_exception_maps_to_class(
    cur: informix_db.Cursor, code: int, cls: type[informix_db.DatabaseError]
) -> None:
    p, outer = unique("p"), unique("outer")
    create(cur, "CREATE PROCEDURE {p}(c INT) RAISE EXCEPTION c, -111, 'custom text'; "
                "END PROCEDURE", p=p)  # fmt: skip
    create(cur, "CREATE PROCEDURE {o}(c INT) CALL {p}(c); END PROCEDURE", o=outer, p=p)
    for name in (p, outer):  # raised directly, and from a nested call
        with pytest.raises(cls) as info:
            cur.callproc(name, (code,))
        assert type(info.value) is cls
        assert (info.value.sqlcode, info.value.isamcode) == (code, -111)
        assert info.value.near == "custom text"
    cur.execute("SELECT tabid FROM systables WHERE tabid = 1")
    assert cur.fetchone() == (1,)


def test_on_exception_catches(cur: informix_db.Cursor) -> None:
    """SET captures sqlcode, ISAM code and text; IN (...) picks codes; WITH RESUME goes on after
    the failing statement; an uncaught code leaves the routine."""
    t, f = unique("t"), unique("f")
    cur.execute(f"CREATE TABLE {t} (id INT PRIMARY KEY)")
    cur.execute(f"INSERT INTO {t} VALUES (1)")
    create(cur, """CREATE FUNCTION {f}(k INT, c INT) RETURNING INT, INT, VARCHAR(30), INT;
        DEFINE err, isam, dupes INT;
        DEFINE msg VARCHAR(30);
        ON EXCEPTION IN (-239, -268) SET err, isam
            LET dupes = dupes + 1;
        END EXCEPTION WITH RESUME;
        LET dupes = 0;
        INSERT INTO {t} VALUES (k);
        BEGIN
            ON EXCEPTION SET err, isam, msg
                RETURN err, isam, msg, dupes;
            END EXCEPTION;
            RAISE EXCEPTION c, -7, 'inner';
        END;
    END FUNCTION""", t=t, f=f)  # fmt: skip
    cur.callproc(f, (1, -746))
    assert cur.fetchall() == [(-746, -7, "inner", 1)]
    cur.callproc(f, (2, -1213))
    assert cur.fetchall() == [(-1213, -7, "inner", 0)]
    cur.execute(f"SELECT COUNT(*) FROM {t}")
    assert cur.fetchone() == (2,)


def test_on_exception_other_codes_propagate(cur: informix_db.Cursor) -> None:
    f = unique("f")
    create(cur, """CREATE FUNCTION {f}(c INT) RETURNING INT;
        ON EXCEPTION IN (-239) RETURN 0; END EXCEPTION;
        RAISE EXCEPTION c;
    END FUNCTION""", f=f)  # fmt: skip
    cur.callproc(f, (-239,))
    assert cur.fetchall() == [(0,)]
    with pytest.raises(informix_db.DatabaseError) as info:
        cur.callproc(f, (-746,))
    assert info.value.sqlcode == -746


def test_division_by_zero_in_routine_is_1202(cur: informix_db.Cursor) -> None:
    f = unique("f")
    create(cur, "CREATE FUNCTION {f}(a INT, b INT) RETURNING INT; RETURN a / b; END FUNCTION", f=f)
    with pytest.raises(informix_db.DataError) as info:
        cur.callproc(f, (7, 0))
    assert info.value.sqlcode == -1202


def test_procedure_in_rolled_back_transaction(informix_server: Any) -> None:
    t, p = unique("t"), unique("p")
    with connect(informix_server, autocommit=True) as conn:
        cur = conn.cursor()
        cur.execute(f"CREATE TABLE {t} (id INT)")
        create(cur, "CREATE PROCEDURE {p}(n INT) DEFINE k INT; "
                    "FOR k = 1 TO n INSERT INTO {t} VALUES (k); END FOR; END PROCEDURE",
               p=p, t=t)  # fmt: skip
    with connect(informix_server) as conn:
        cur = conn.cursor()
        cur.callproc(p, (3,))
        cur.execute(f"SELECT COUNT(*) FROM {t}")
        assert cur.fetchone() == (3,)
        conn.rollback()
        cur.execute(f"SELECT COUNT(*) FROM {t}")
        assert cur.fetchone() == (0,)
        cur.callproc(p, (2,))
        conn.commit()
    with connect(informix_server) as conn:
        assert conn.cursor().execute(f"SELECT COUNT(*) FROM {t}").fetchone() == (2,)


def test_create_procedure_rolled_back(informix_server: Any) -> None:
    """CREATE PROCEDURE is transactional (the catalog rows go with the rollback)."""
    p = unique("p")
    with connect(informix_server) as conn:
        cur = conn.cursor()
        create(cur, "CREATE PROCEDURE {p}() END PROCEDURE", p=p)
        cur.callproc(p)
        conn.rollback()
        with pytest.raises(informix_db.ProgrammingError) as info:
            cur.callproc(p)
        assert info.value.sqlcode == -674


def test_drop_and_recreate(cur: informix_db.Cursor) -> None:
    f = unique("f")
    body = "CREATE FUNCTION {f}() RETURNING VARCHAR(5); RETURN '{v}'; END FUNCTION"
    create(cur, body, f=f, v="v1")
    with pytest.raises(informix_db.ProgrammingError) as info:
        create(cur, body, f=f, v="v1")
    assert info.value.sqlcode == -673
    cur.callproc(f)
    assert cur.fetchall() == [("v1",)]
    cur.execute(f"DROP FUNCTION {f}")
    with pytest.raises(informix_db.ProgrammingError) as info:
        cur.callproc(f)
    assert info.value.sqlcode == -674
    with pytest.raises(informix_db.ProgrammingError) as info:
        cur.execute(f"DROP FUNCTION {f}")
    assert info.value.sqlcode == -674
    create(cur, body, f=f, v="v2")
    cur.callproc(f)  # the same SQL text again: the new body, not a cached one
    assert cur.fetchall() == [("v2",)]


@pytest.mark.parametrize(
    "sql", ["EXECUTE PROCEDURE no_such_routine_x(1)", "EXECUTE FUNCTION {f}(1)",
            "EXECUTE FUNCTION {f}(1, 2, 3)", "EXECUTE FUNCTION {f}()"],
)  # fmt: skip
def test_unresolved_routine_keeps_connection(cur: informix_db.Cursor, sql: str) -> None:
    f = unique("f")
    create(cur, "CREATE FUNCTION {f}(a INT, b INT) RETURNING INT; RETURN a + b; END FUNCTION", f=f)
    for _ in range(3):
        with pytest.raises(informix_db.ProgrammingError) as info:
            cur.execute(sql.format(f=f))
        assert info.value.sqlcode == -674
    cur.callproc(f, (20, 22))
    assert cur.fetchone() == (42,)


def test_callproc_rejects_bad_names_before_sending(cur: informix_db.Cursor) -> None:
    for name in ("x; DROP TABLE systables", "a b", ""):
        with pytest.raises(informix_db.ProgrammingError):
            cur.callproc(name)


# -- asyncio ----------------------------------------------------------------------------------


def aio_kwargs(server: Any) -> dict[str, Any]:
    return {
        "host": server.host, "port": server.port, "user": server.user,
        "password": server.password, "database": server.database,
        "server": server.server_name, "autocommit": True,
    }  # fmt: skip


def test_aio_callproc_resume_and_raise(informix_server: Any) -> None:
    f, p = unique("f"), unique("p")

    async def main() -> None:
        conn = await aio.connect(**aio_kwargs(informix_server))
        try:
            cur = await conn.cursor()
            await cur.execute(
                f"CREATE FUNCTION {f}(n INT) RETURNING INT AS i, INT AS sq; DEFINE k INT; "
                "FOR k = 1 TO n RETURN k, k * k WITH RESUME; END FOR; END FUNCTION"
            )
            await cur.execute(
                f"CREATE PROCEDURE {p}(c INT) RAISE EXCEPTION c, -5, 'aio'; END PROCEDURE"
            )
            assert await cur.callproc(f, (300,)) == (300,)
            assert [d[0] for d in cur.description] == ["i", "sq"]
            assert await cur.fetchall() == [(k, k * k) for k in range(1, 301)]
            await cur.execute(f"EXECUTE FUNCTION {f}(?)", (3,))
            assert await cur.fetchall() == [(1, 1), (2, 4), (3, 9)]
            with pytest.raises(informix_db.IntegrityError) as info:
                await cur.callproc(p, (-239,))
            assert (info.value.sqlcode, info.value.isamcode) == (-239, -5)
            with pytest.raises(informix_db.ProgrammingError) as missing:
                await cur.callproc(f, (1, 2))
            assert missing.value.sqlcode == -674
            await cur.callproc(f, (1,))
            assert await cur.fetchone() == (1, 1)
        finally:
            await conn.close()

    asyncio.run(asyncio.wait_for(main(), 60))
