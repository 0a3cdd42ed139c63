"""The rewriter's keyword handlers: Informix words DuckDB spells otherwise (DATETIME and
INTERVAL literals, TODAY, CURRENT, USER, UNIQUE, MATCHES, LIKE, collection and ROW literals,
``x IN collection``, ``TABLE(...)``, CAST, EXTEND, TRIM, SUBSTRING; IBM, "Informix Guide to SQL:
Syntax"). Each takes the tokens and the index of its word, appends DuckDB SQL to ``out`` and
returns the index after what it consumed, or 0 to let the rewriter treat the word as a name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from . import composite
from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind, render
from .sqlfuncs import matches_to_glob
from .tokens import matching, operand_end, operand_start, pattern_end, raw, split_top
from .types_sql import (
    FIELD_CODES,
    cast_target,
    current_sql,
    datetime_literal,
    extend_sql,
    interval_literal,
    parse_qualifier,
    parse_type,
)

_QUALIFIER_WORDS = frozenset(FIELD_CODES) | {"FRACTION"}


class Rewrites(Protocol):
    """The rewriter, as the handlers recurse into it (``sqlexpr.Rewriter``)."""

    def rewrite(self, toks: list[Tok]) -> list[Tok]: ...


Handler = Callable[[Rewrites, list[Tok], int, list[Tok]], int]


def _h_datetime(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 >= len(toks) or toks[i + 1].kind is not TokKind.BODY:
        return 0
    interval = toks[i].up == "INTERVAL"
    q, nxt = parse_qualifier(toks, i + 2, interval=interval)
    body = toks[i + 1].text
    text = interval_literal(body, q, toks[i]) if interval else datetime_literal(body, q, toks[i])
    out.append(raw(text))
    return nxt


def _h_today(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    out.append(raw("current_date"))
    return i + 1


def _h_current(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.up in _QUALIFIER_WORDS:
        q, j = parse_qualifier(toks, i + 1, interval=False)
        out.append(raw(current_sql(q)))
        return j
    if nxt is not None and nxt.up == "OF":
        return 0
    out.append(raw(current_sql(None)))
    return i + 1


def _h_sysdate(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    out.append(raw(current_sql(None)))
    return i + 1


def _h_user(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 < len(toks) and toks[i + 1].is_op("("):
        return 0
    key = "user" if toks[i].up == "USER" else "dbservername"
    out.append(raw(f"ifx_dbinfo('{key}')"))
    return i + 1


def _h_unique(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    out.append(raw("DISTINCT"))
    return i + 1


def _h_matches(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    end = pattern_end(toks, i + 1)
    pattern = toks[i + 1 : end]
    escape: list[Tok] | None = None
    nxt = end
    if end < len(toks) and toks[end].up == "ESCAPE":
        esc_end = operand_end(toks, end + 1)
        escape = toks[end + 1 : esc_end]
        nxt = esc_end
    out.append(raw("GLOB"))
    literal_escape = escape is None or (len(escape) == 1 and escape[0].kind is TokKind.STRING)
    if len(pattern) == 1 and pattern[0].kind is TokKind.STRING and literal_escape:
        esc = "\\" if escape is None else escape[0].text
        out.append(Tok(TokKind.STRING, matches_to_glob(pattern[0].text, esc)))
        return nxt
    pat = render(rw.rewrite(pattern))
    esc_sql = "'\\'" if escape is None else render(rw.rewrite(escape))
    out.append(raw(f"ifx_glob({pat}, {esc_sql})"))
    return nxt


def _h_like(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """Informix's LIKE takes backslash as its escape unless ESCAPE says otherwise."""
    end = pattern_end(toks, i + 1)
    out.append(raw(toks[i].up))
    out += rw.rewrite(toks[i + 1 : end])
    if not (end < len(toks) and toks[end].up == "ESCAPE"):
        out.append(raw("ESCAPE '\\'"))
    return end


def _h_collection(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """``SET{1, 2}``, ``LIST{ROW(1, 'a')}``... as DuckDB lists (``composite``)."""
    if i + 1 >= len(toks) or not toks[i + 1].is_op("{"):
        return 0
    close = matching(toks, i + 1)
    elements = split_top(toks[i + 2 : close]) if close > i + 2 else []
    for element in elements:
        if len(element) == 1 and element[0].up == "NULL":  # elements are NOT NULL
            raise SqlError(composite.NULL_ELEMENT, near=element[0].text, offset=element[0].pos)
    rendered = [render(rw.rewrite(e)) for e in elements]
    out.append(raw(composite.collection_literal(toks[i].up, rendered)))
    return close + 1


def _h_in(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """``x [NOT] IN collection`` (no parentheses: a ROW/collection column or literal) is
    membership (IBM Guide to SQL: Syntax, "IN Condition"): DuckDB's list_contains."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.kind is not TokKind.IDENT or nxt.up == "SELECT":
        return 0
    end = operand_end(toks, i + 1)
    if end < len(toks) and toks[end].is_op("{"):
        end = matching(toks, end) + 1
    negate = bool(out) and out[-1].up == "NOT"
    if negate:
        out.pop()
    start = operand_start(out)
    value = render(out[start:])
    del out[start:]
    collection = render(rw.rewrite(toks[i + 1 : end]))
    out.append(raw(f"{'NOT ' if negate else ''}list_contains({collection}, {value})"))
    return end


def _h_table(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """``TABLE(SET{1, 2})``, a collection-derived table, as a one-column subquery."""
    if not (i + 3 < len(toks) and toks[i + 1].is_op("(") and toks[i + 3].is_op("{")):
        return 0
    close = matching(toks, i + 1)
    brace_close = matching(toks, i + 3)
    elems = split_top(toks[i + 4 : brace_close]) if brace_close > i + 4 else []
    values = ", ".join(render(rw.rewrite(e)) for e in elems)
    out.append(raw(f"(SELECT UNNEST([{values}]) AS unnamed_col)"))
    return close + 1


def _h_outer(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 < len(toks) and toks[i + 1].up == "JOIN":
        return 0  # LEFT OUTER JOIN
    raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)


def _h_row(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """``ROW(1, 'a')``: DuckDB's unnamed struct, cast by position like IDS's ROW values."""
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    fields = [render(rw.rewrite(f)) for f in split_top(toks[i + 2 : close])]
    out.append(raw(f"row({', '.join(fields)})"))
    return close + 1


def _h_cast(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    inner = toks[i + 2 : close]
    as_idx = max((k for k, t in enumerate(inner) if t.up == "AS"), default=-1)
    if as_idx < 0:
        raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)
    sql_type, end = parse_type(inner, as_idx + 1)
    if end != len(inner):
        raise SqlError(SYNTAX_ERROR, near=inner[end].text, offset=inner[end].pos)
    value = render(rw.rewrite(inner[:as_idx]))
    if sql_type.type_code in composite.COMPOSITE_CODES:
        out.append(raw(composite.cast_sql(value, sql_type)))
    else:
        out.append(raw(f"CAST({value} AS {cast_target(sql_type)})"))
    return close + 1


def _h_extend(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    parts = split_top(toks[i + 2 : close])
    value = render(rw.rewrite(parts[0]))
    if len(parts) == 1:
        out.append(raw(f"CAST({value} AS TIMESTAMP)"))
    else:
        q, _ = parse_qualifier(parts[1], 0, interval=False)
        out.append(raw(extend_sql(value, q)))
    return close + 1


def _h_trim(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """TRIM([LEADING|TRAILING|BOTH] [pad] FROM x): DuckDB has the same form; parts are rewritten."""
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    out += [raw("trim"), Tok(TokKind.OP, "(")]
    out += rw.rewrite(toks[i + 2 : close])
    out.append(Tok(TokKind.OP, ")"))
    return close + 1


def _h_substring(rw: Rewrites, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    inner = toks[i + 2 : close]
    parts = split_top(inner, "FROM")
    if len(parts) == 1:
        return 0
    value = render(rw.rewrite(parts[0]))
    rest = split_top(parts[1], "FOR")
    start = render(rw.rewrite(rest[0]))
    if len(rest) > 1:
        length = render(rw.rewrite(rest[1]))
        out.append(raw(f"substring({value}, {start}, {length})"))
    else:
        out.append(raw(f"substring({value}, {start})"))
    return close + 1


WORD_HANDLERS: dict[str, Handler] = {
    "DATETIME": _h_datetime,
    "INTERVAL": _h_datetime,
    "TODAY": _h_today,
    "CURRENT": _h_current,
    "SYSDATE": _h_sysdate,
    "USER": _h_user,
    "SITENAME": _h_user,
    "DBSERVERNAME": _h_user,
    "UNIQUE": _h_unique,
    "MATCHES": _h_matches,
    "LIKE": _h_like,
    "SET": _h_collection,
    "MULTISET": _h_collection,
    "LIST": _h_collection,
    "IN": _h_in,
    "TABLE": _h_table,
    "OUTER": _h_outer,
    "ROW": _h_row,
    "CAST": _h_cast,
    "EXTEND": _h_extend,
    "TRIM": _h_trim,
    "SUBSTRING": _h_substring,
}
