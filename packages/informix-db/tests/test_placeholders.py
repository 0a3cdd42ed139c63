from __future__ import annotations

import pytest

from informix_db._core.placeholders import parse_sql
from informix_wire.errors import ProgrammingError


def test_question_marks_are_counted_outside_literals_and_comments() -> None:
    sql = "SELECT '?', \"a?\" FROM t -- ?\n WHERE a = ? /* ? */ AND b = ? {?}"
    parsed = parse_sql(sql)
    assert parsed.sql == sql
    assert parsed.markers == 2
    assert list(parsed.arrange((1, 2))) == [1, 2]


def test_numeric_markers_are_rewritten_and_reordered() -> None:
    parsed = parse_sql("SELECT * FROM t WHERE a = :2 AND b = :1 AND c = :2")
    assert parsed.sql == "SELECT * FROM t WHERE a = ? AND b = ? AND c = ?"
    assert list(parsed.arrange(("x", "y"))) == ["y", "x", "y"]


def test_urls_casts_and_doubled_quotes_are_not_markers() -> None:
    sql = "SELECT 'http://host:8080', 'it''s :1', x::INT, a:b FROM t WHERE c = :1"
    parsed = parse_sql(sql)
    assert parsed.sql == sql.replace("= :1", "= ?")
    assert parsed.markers == 1


def test_backslash_does_not_escape_a_quote() -> None:
    # Informix: only '' escapes; 'a\' ends the literal, so the ? after it is a marker
    assert parse_sql("SELECT 'a\\' , ? FROM t").markers == 1


@pytest.mark.parametrize(
    "sql", ["SELECT 'open", "SELECT /* open", "SELECT { open", "SELECT ? , :1", "SELECT :0"]
)
def test_malformed_sql_is_a_programming_error(sql: str) -> None:
    with pytest.raises(ProgrammingError):
        parse_sql(sql)


def test_wrong_parameter_count() -> None:
    with pytest.raises(ProgrammingError, match="2 parameter markers"):
        parse_sql("SELECT ?, ? FROM t").arrange((1,))
    with pytest.raises(ProgrammingError, match=r":1\.\.:2"):
        parse_sql("SELECT :2 FROM t").arrange((1,))
