"""SELECT-shape rewrites done before the token-by-token pass: Informix's SKIP/FIRST moved to
DuckDB's LIMIT/OFFSET, the old ``OUTER`` join as LEFT JOIN, and the clause bounds they need."""

from __future__ import annotations

from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind
from .tokens import raw, split_top, word

CLAUSE_END = frozenset(
    {"WHERE", "GROUP", "HAVING", "ORDER", "UNION", "INTERSECT", "EXCEPT", "INTO", "LIMIT", "FOR"}
)


_SET_OPERATORS = frozenset({"UNION", "INTERSECT", "EXCEPT"})
#: What ends a WHERE clause: the clauses after it, or the next SELECT of a set operation.
_WHERE_END = frozenset({"GROUP", "HAVING", "ORDER", "INTO", "LIMIT", "FOR"}) | _SET_OPERATORS


def _bound(toks: list[Tok], i: int, stop_words: frozenset[str]) -> int:
    """The first index from ``i`` where one of ``stop_words`` stands outside brackets, or where a
    bracket opened before ``i`` closes (the end of a subquery); else the end."""
    depth = 0
    for j in range(i, len(toks)):
        tok = toks[j]
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
            if depth < 0:
                return j
        elif depth == 0 and tok.up in stop_words:
            return j
    return len(toks)


def _count_value(toks: list[Tok], j: int) -> Tok | None:
    """The row count after SKIP/FIRST/LIMIT: a number or a parameter (else it is a column)."""
    if j < len(toks) and toks[j].kind in (TokKind.NUMBER, TokKind.RAW):
        return toks[j]
    return None


def move_first_skip(toks: list[Tok]) -> list[Tok]:
    """``SELECT SKIP m FIRST n ...`` -> ``SELECT ... LIMIT n OFFSET m`` for every SELECT."""
    toks = list(toks)
    i = 0
    while i < len(toks):
        if toks[i].up == "SELECT":
            j = i + 1
            skip = first = None
            while j < len(toks) and toks[j].up in ("SKIP", "FIRST", "LIMIT"):
                value = _count_value(toks, j + 1)
                if value is None:
                    break
                if toks[j].up == "SKIP":
                    skip = value
                else:
                    first = value
                j += 2
            if skip is not None or first is not None:
                end = _bound(toks, j, _SET_OPERATORS)
                tail: list[Tok] = []
                if first is not None:
                    tail += [raw("LIMIT"), first]
                if skip is not None:
                    tail += [raw("OFFSET"), skip]
                toks = toks[: i + 1] + toks[j:end] + tail + toks[end:]
        i += 1
    return toks


def outer_joins(toks: list[Tok]) -> list[Tok]:
    """``FROM a, OUTER b WHERE a.x = b.x`` -> ``FROM a LEFT JOIN b ON a.x = b.x``.

    The WHERE conjuncts that name the outer table's alias become its join condition, which is
    how Informix applies them (IBM, "Informix-Extension Outer Joins").  Nested OUTER (...) forms
    are refused with -201.
    """
    for i, tok in enumerate(toks):
        if tok.up != "FROM":
            continue
        end = _bound(toks, i + 1, CLAUSE_END)
        items = split_top(toks[i + 1 : end])
        if not any(item and item[0].up == "OUTER" for item in items):
            continue
        where: list[list[Tok]] = []
        has_where = end < len(toks) and toks[end].up == "WHERE"
        clause_end = _bound(toks, end + 1, _WHERE_END) if has_where else end
        if has_where:
            where = split_top(toks[end + 1 : clause_end], "AND")
            if any(len(split_top(c, "OR")) > 1 for c in where):
                raise SqlError(SYNTAX_ERROR, near="OUTER", offset=tok.pos)
        inner = [item for item in items if not (item and item[0].up == "OUTER")]
        outer = [item[1:] for item in items if item and item[0].up == "OUTER"]
        new_from: list[Tok] = []
        for k, item in enumerate(inner):
            if k:
                new_from += [word("CROSS"), word("JOIN")]
            new_from += item
        for item in outer:
            if item and item[0].is_op("("):
                raise SqlError(SYNTAX_ERROR, near="OUTER", offset=tok.pos)
            alias = _alias_of(item)
            mine = [c for c in where if _names(c, alias)]
            where = [c for c in where if not _names(c, alias)]
            cond: list[Tok] = []
            for k, c in enumerate(mine):
                if k:
                    cond.append(raw("AND"))
                cond += [raw("("), *c, raw(")")]
            new_from += [word("LEFT"), word("JOIN"), *item, word("ON"), *(cond or [raw("TRUE")])]
        new_where: list[Tok] = []
        for k, c in enumerate(where):
            new_where += [raw("AND" if k else "WHERE"), raw("("), *c, raw(")")]
        rest = toks[clause_end:]
        return outer_joins(toks[: i + 1] + new_from + new_where + rest)
    return toks


def _alias_of(item: list[Tok]) -> str:
    idents = [t for t in item if t.kind is TokKind.IDENT and t.up != "AS"]
    return idents[-1].text.lower() if idents else ""


def _names(cond: list[Tok], alias: str) -> bool:
    return any(
        t.kind is TokKind.IDENT
        and t.text.lower() == alias
        and k + 1 < len(cond)
        and cond[k + 1].is_op(".")
        for k, t in enumerate(cond)
    )
