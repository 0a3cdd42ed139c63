"""SPL parsing: CREATE PROCEDURE / FUNCTION headers and bodies, syntax errors, catalog rows."""

from __future__ import annotations

import pytest

from informix_testserver.engine.lexer import SqlError
from informix_testserver.engine.spl import (
    catalog_entry,
    parse_drop,
    parse_execute,
    parse_routine,
    result_columns,
)
from informix_testserver.engine.spl.nodes import Block, Foreach, ForRange, If, Let, Sql, While
from informix_wire.typecodes import TypeCode


def test_function_header() -> None:
    routine = parse_routine(
        "CREATE DBA FUNCTION informix.price(item INT, qty SMALLINT DEFAULT 1, "
        "note VARCHAR(20) DEFAULT NULL) RETURNING DECIMAL(8,2) AS total, CHAR(3) "
        "WITH (NOT VARIANT); RETURN 1, 'x'; END FUNCTION "
        "DOCUMENT 'prices', 'of items' WITH LISTING IN '/tmp/x';"
    )
    assert (routine.name, routine.kind, routine.dba) == ("price", "function", True)
    assert [p.name for p in routine.params] == ["item", "qty", "note"]
    assert [p.type.type_code for p in routine.params] == [
        TypeCode.INT, TypeCode.SMALLINT, TypeCode.VARCHAR,
    ]  # fmt: skip
    assert routine.params[0].default is None
    assert [t.text for t in routine.params[1].default or ()] == ["1"]
    assert routine.document == ("prices", "of items")
    assert routine.options == ("NOT", "VARIANT")
    columns = result_columns(routine)
    assert [(c.name, c.type_code, c.length) for c in columns] == [
        ("total", TypeCode.DECIMAL, (8 << 8) | 2),
        ("(expression)", TypeCode.CHAR, 3),
    ]


def test_procedure_without_returning_and_header_semicolon_optional() -> None:
    for text in (
        "CREATE PROCEDURE p() DELETE FROM t; END PROCEDURE",
        "create procedure p(); delete from t; end procedure;",
    ):
        routine = parse_routine(text)
        assert routine.is_procedure
        assert routine.returns == ()
        assert routine.params == ()
        assert isinstance(routine.body.statements[0], Sql)


def test_body_structure_and_comments() -> None:
    routine = parse_routine(
        """CREATE PROCEDURE shapes(n INT)
        DEFINE i, total INT;   -- two variables
        { a brace comment; with a semicolon }
        LET total = 0;
        FOR i = 1 TO n STEP 2   /* no DO keyword: the body starts at LET */
            LET total = total + i;
        END FOR;
        WHILE total > 0 LET total = total - 1; END WHILE
        IF total = 0 THEN LET i = 1; ELIF total < 0 THEN LET i = 2; ELSE LET i = 3; END IF;
        FOREACH cur WITH HOLD FOR SELECT a INTO i FROM t WHERE a > n
            INSERT INTO u VALUES (i);
        END FOREACH;
        BEGIN DEFINE inner INT; LET inner = 1; END
        END PROCEDURE"""
    )
    body = routine.body
    assert [d.names for d in body.defines] == [("i", "total")]
    kinds = [type(s) for s in body.statements]
    assert kinds == [Let, ForRange, While, If, Foreach, Block]
    loop = body.statements[1]
    assert isinstance(loop, ForRange)
    _start, stop, step = loop.ranges[0]
    assert [t.text for t in stop or ()] == ["n"]
    assert [t.text for t in step or ()] == ["2"]
    each = body.statements[4]
    assert isinstance(each, Foreach)
    assert each.into == ("i",)
    assert "INTO" not in [t.up for t in each.query or ()]
    cond = body.statements[3]
    assert isinstance(cond, If)
    assert len(cond.branches) == 2
    assert cond.otherwise is not None


def test_case_expression_in_condition() -> None:
    routine = parse_routine(
        "CREATE FUNCTION f(x INT) RETURNING INT; "
        "IF CASE WHEN x > 1 THEN 1 ELSE 0 END = 1 THEN RETURN 1; END IF; RETURN 0; "
        "END FUNCTION"
    )
    cond = routine.body.statements[0]
    assert isinstance(cond, If)
    assert [t.up for t in cond.branches[0][0]][-3:] == ["END", "", ""]


@pytest.mark.parametrize(
    ("text", "near"),
    [
        ("CREATE PROCEDURE p() LET x = 1; END FUNCTION", "FUNCTION"),
        ("CREATE PROCEDURE p() IF 1 = 1 THEN LET x = 1; END PROCEDURE", "PROCEDURE"),
        ("CREATE PROCEDURE p() LET = 1; END PROCEDURE", "="),
        ("CREATE PROCEDURE p() LET x = 1; DEFINE y INT; END PROCEDURE", "DEFINE"),
        ("CREATE PROCEDURE p() DELETE FROM t END PROCEDURE", ""),
        ("CREATE PROCEDURE p(x 42) END PROCEDURE", "42"),
        ("CREATE FUNCTION f() RETURNING INT; RETURN 1; END FUNCTION junk", "junk"),
        (
            "CREATE PROCEDURE p() FOREACH SELECT a FROM t LET x = 1; END FOREACH; END PROCEDURE",
            "LET",
        ),
    ],
)
def test_syntax_errors(text: str, near: str) -> None:
    with pytest.raises(SqlError) as info:
        parse_routine(text)
    assert info.value.sqlcode == -201
    assert info.value.near == near


def test_drop_and_execute_statements() -> None:
    assert parse_drop("DROP PROCEDURE informix.p") == ("procedure", "p")
    assert parse_drop("drop function if exists f(int, char)") == ("function", "f")
    assert parse_execute("EXECUTE FUNCTION f(1, ?) INTO a, b") == ("f", "1, ?", ("a", "b"))
    assert parse_execute("execute procedure owner.p;") == ("p", "", ())
    assert parse_execute("CALL p('x')") == ("p", "'x'", ())
    with pytest.raises(SqlError) as info:
        parse_execute("EXECUTE FUNCTION f(1) extra")
    assert (info.value.sqlcode, info.value.near) == (-201, "extra")


def test_catalog_entry() -> None:
    text = (
        "CREATE FUNCTION gen(n INT, label VARCHAR(10)) RETURNING INT, VARCHAR(10);"
        " DEFINE i INT; FOR i = 1 TO n RETURN i, label WITH RESUME; END FOR;"
        " END FUNCTION DOCUMENT 'generator'"
    )
    entry = catalog_entry(parse_routine(text))
    assert (entry.procname, entry.isproc, entry.mode, entry.numargs, entry.retsize) == (
        "gen", "f", "O", 2, 2,
    )  # fmt: skip
    assert entry.paramtypes == "int,varchar(10)"
    assert entry.iterator is True
    assert "".join(d for key, _, d in entry.body if key == "T") == text
    assert [d for key, _, d in entry.body if key == "D"] == ["generator"]
    assert entry.columns[:2] == (
        ("n", 1, TypeCode.INT, 4, 1),
        ("label", 2, TypeCode.VARCHAR, 10, 1),
    )
    assert [c[4] for c in entry.columns[2:]] == [5, 5]
    long_text = "CREATE PROCEDURE p() " + "LET x = 1; " * 60 + "END PROCEDURE"
    chunks = [d for key, _, d in catalog_entry(parse_routine(long_text)).body if key == "T"]
    assert len(chunks) > 2
    assert all(len(c) <= 256 for c in chunks)
    assert "".join(chunks) == long_text
