"""Rewrites Informix queries and expressions, token by token, into DuckDB SQL.

What Informix spells differently (IBM, "Informix Guide to SQL: Syntax"): SELECT SKIP/FIRST/LIMIT,
UNIQUE, MATCHES, owner and database qualified table names, the old ``OUTER`` join, TODAY,
CURRENT, USER, DATETIME/INTERVAL literals, ``x[a,b]`` substrings, ROW and collection literals,
``x IN collection``, and the
built-in functions DuckDB names otherwise (NVL, DECODE, MDY, WEEKDAY, EXTEND, DBINFO, ...).
Parameters become ``$n`` in their original order, so clauses can be moved and repeated.
"""

from __future__ import annotations

from collections.abc import Callable

from . import composite
from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind, render, tokenize
from .sqlfuncs import AGGREGATES, FUNCTIONS, matches_to_glob
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
_CLAUSE_END = frozenset(
    {"WHERE", "GROUP", "HAVING", "ORDER", "UNION", "INTERSECT", "EXCEPT", "INTO", "LIMIT", "FOR"}
)
_JOIN_WORDS = frozenset({"JOIN"})
#: Words DuckDB reserves (``duckdb_keywords()``, category "reserved", plus ``at``, which DuckDB
#: parses as AT TIME ZONE) that Informix lets a column be named (IBM Guide to SQL: Syntax,
#: "Identifier": keywords may be identifiers). Delimited when they name a column.
_RESERVED = frozenset(
    {"ALL", "ANALYSE", "ANALYZE", "AND", "ANY", "ARRAY", "AS", "ASC", "ASYMMETRIC", "AT", "BOTH",
     "CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "CONSTRAINT", "CREATE", "DEFAULT",
     "DEFERRABLE", "DESC", "DESCRIBE", "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "FALSE",
     "FETCH", "FOR", "FOREIGN", "FROM", "GROUP", "HAVING", "IN", "INITIALLY", "INTERSECT",
     "INTO", "LAMBDA", "LATERAL", "LEADING", "LIMIT", "NOT", "NULL", "OFFSET", "ON", "ONLY",
     "OR", "ORDER", "PIVOT", "PIVOT_LONGER", "PIVOT_WIDER", "PLACING", "PRIMARY", "QUALIFY",
     "REFERENCES", "RETURNING", "SELECT", "SHOW", "SOME", "SUMMARIZE", "SYMMETRIC", "TABLE",
     "THEN", "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "UNPIVOT", "USING", "VARIADIC", "WHEN",
     "WHERE", "WINDOW", "WITH"}
)  # fmt: skip
#: The DuckDB keywords no Informix statement uses as a keyword where an expression may stand, so
#: a bare one is always a column name (``SELECT at FROM t``).
DUCKDB_ONLY_KEYWORDS = frozenset(
    {"analyse", "analyze", "array", "asymmetric", "at", "deferrable", "describe", "do",
     "initially", "lambda", "pivot", "pivot_longer", "pivot_wider", "placing", "qualify", "show",
     "summarize", "symmetric", "variadic", "window"}
)  # fmt: skip
#: Words DuckDB reserves that no Informix expression uses as a keyword (a bare one in an
#: expression is a column name): delimited too.
NAME_ONLY_KEYWORDS = frozenset(
    {"column", "constraint", "check", "foreign", "primary", "references", "returning", "fetch",
     "offset", "limit", "lateral"}
)  # fmt: skip
#: Functions with another DuckDB name and the same arguments.
_RENAMED = {"NVL": "coalesce", "WEEKDAY": "dayofweek", "POW": "pow", "CHARACTER_LENGTH": "length"}


def raw(text: str) -> Tok:
    return Tok(TokKind.RAW, text)


def word(text: str) -> Tok:
    """A keyword the rewriter itself inserts and must still recognise (JOIN, ON ...)."""
    return Tok(TokKind.IDENT, text)


def number_params(toks: list[Tok]) -> tuple[list[Tok], int]:
    """Replace each ``?`` with ``$n`` (1-based, in order); return the count too."""
    out: list[Tok] = []
    count = 0
    for tok in toks:
        if tok.kind is TokKind.PARAM:
            count += 1
            out.append(Tok(TokKind.RAW, f"${count}", tok.pos))
        else:
            out.append(tok)
    return out, count


def matching(toks: list[Tok], i: int) -> int:
    """Index of the bracket that closes the one at ``toks[i]``."""
    depth = 0
    for j in range(i, len(toks)):
        tok = toks[j]
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
            if depth == 0:
                return j
    raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)


def split_top(toks: list[Tok], sep: str = ",") -> list[list[Tok]]:
    """Split at separators outside brackets (``sep`` an operator or an upper-case keyword)."""
    parts: list[list[Tok]] = [[]]
    depth = 0
    for tok in toks:
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
        if depth == 0 and (tok.is_op(sep) or tok.up == sep):
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


def _pattern_end(toks: list[Tok], i: int) -> int:
    """End of a LIKE / MATCHES pattern: an operand, or operands joined by ``||``."""
    end = _operand_end(toks, i)
    while end < len(toks) and toks[end].is_op("||"):
        end = _operand_end(toks, end + 1)
    return end


def _operand_end(toks: list[Tok], i: int) -> int:
    """End (exclusive) of the primary operand that starts at ``toks[i]``."""
    if i >= len(toks):
        raise SqlError(SYNTAX_ERROR, near="", offset=toks[-1].pos if toks else 0)
    j = i
    if toks[j].is_op("-") or toks[j].is_op("+"):
        j += 1
    if toks[j].is_op("("):
        return matching(toks, j) + 1
    j += 1
    while j + 1 < len(toks) and toks[j].is_op("."):
        j += 2
    if j < len(toks) and toks[j].is_op("("):
        j = matching(toks, j) + 1
    return j


def _operand_start(out: list[Tok]) -> int:
    """Start index, in ``out``, of the primary operand that ends it."""
    j = len(out) - 1
    if j < 0:
        raise SqlError(SYNTAX_ERROR, near="[", offset=0)
    if out[j].is_op(")"):
        depth = 0
        while j >= 0:
            if out[j].is_op(")"):
                depth += 1
            elif out[j].is_op("("):
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        if j > 0 and out[j - 1].kind is TokKind.IDENT:
            j -= 1
        return j
    while j >= 2 and out[j - 1].is_op("."):
        j -= 2
    return j


# --- the rewriter --------------------------------------------------------------------------


class Rewriter:
    """Rewrites one token list; recursion handles nested calls and subqueries."""

    def __init__(self) -> None:
        self.out: list[Tok] = []

    def rewrite(self, toks: list[Tok]) -> list[Tok]:
        toks = _move_first_skip(toks)
        toks = _outer_joins(toks)
        out: list[Tok] = []
        i = 0
        from_stack: list[int] = []  # bracket depths at which a FROM list is open
        depth = 0
        expect_table = False
        while i < len(toks):
            tok = toks[i]
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            word = tok.up
            prev = out[-1] if out else None
            after_dot = prev is not None and prev.is_op(".")
            if tok.kind is TokKind.OP:
                if tok.text in "([{":
                    depth += 1
                elif tok.text in ")]}":
                    while from_stack and from_stack[-1] >= depth:
                        from_stack.pop()
                    depth -= 1
                elif tok.text == "," and from_stack and from_stack[-1] == depth:
                    expect_table = True
                    out.append(tok)
                    i += 1
                    continue
                if tok.is_op("[") and prev is not None and prev.kind is not TokKind.OP:
                    i = self._substring(toks, i, out)
                    depth -= 1
                    continue
                if tok.is_op("::"):
                    i = self._cast_op(toks, i, out)
                    continue
                out.append(tok)
                i += 1
                continue
            if expect_table and tok.kind is TokKind.STRING and nxt is not None and nxt.is_op("."):
                i += 2  # a quoted owner: "informix".systables
                continue
            if tok.kind is TokKind.STRING and composite.is_quoted_literal(tok.text):
                out += Rewriter().rewrite(tokenize(tok.text))  # "SET{1, 2}", IDS's older form
                i += 1
                continue
            if tok.kind is not TokKind.IDENT or after_dot:
                out.append(_after_dot(tok) if tok.kind is TokKind.IDENT else tok)
                i += 1
                continue
            if expect_table and word not in ("TABLE", "LATERAL"):
                expect_table = False
                i = _table_ref(toks, i, out)
                continue
            expect_table = False
            if word == "FROM" or word in _JOIN_WORDS:
                if word == "FROM":
                    from_stack.append(depth)
                expect_table = True
                out.append(raw(word))
                i += 1
                continue
            if word in _CLAUSE_END and from_stack and from_stack[-1] == depth:
                from_stack.pop()
            handler = _WORD_HANDLERS.get(word)
            if handler is not None:
                step = handler(self, toks, i, out)
                if step:
                    i = step
                    continue
            if nxt is not None and nxt.is_op("("):
                i = self._call(toks, i, out)
                continue
            i = _ident_chain(toks, i, out)
        return out

    # -- helpers used by the handlers --

    def args(self, toks: list[Tok], open_idx: int) -> tuple[list[list[Tok]], int]:
        """The rewritten arguments of the call whose ``(`` is at ``open_idx``."""
        close = matching(toks, open_idx)
        inner = toks[open_idx + 1 : close]
        parts = split_top(inner) if inner else []
        return [Rewriter().rewrite(p) for p in parts], close + 1

    def _call(self, toks: list[Tok], i: int, out: list[Tok]) -> int:
        name = toks[i].up
        special = FUNCTIONS.get(name)
        if name in AGGREGATES and _is_window(toks, i + 1):
            special = None
        if special is None:
            out.append(raw(_RENAMED.get(name, toks[i].text.lower())))
            return i + 1
        args, nxt = self.args(toks, i + 1)
        out.append(raw(special([render(a) for a in args], toks[i])))
        return nxt

    def _substring(self, toks: list[Tok], i: int, out: list[Tok]) -> int:
        """``x[a,b]`` (characters a..b, 1-based) and ``x[a]``."""
        close = matching(toks, i)
        parts = split_top(toks[i + 1 : close])
        start = _operand_start(out)
        operand = render(out[start:])
        del out[start:]
        lo = render(Rewriter().rewrite(parts[0]))
        hi = render(Rewriter().rewrite(parts[1])) if len(parts) > 1 else lo
        out.append(raw(f"substr({operand}, {lo}, ({hi}) - ({lo}) + 1)"))
        return close + 1

    def _cast_op(self, toks: list[Tok], i: int, out: list[Tok]) -> int:
        sql_type, nxt = parse_type(toks, i + 1)
        if sql_type.type_code in composite.COMPOSITE_CODES:
            start = _operand_start(out)
            operand = render(out[start:])
            del out[start:]
            out.append(raw(composite.cast_sql(operand, sql_type)))
            return nxt
        out.append(raw("::"))
        out.append(raw(cast_target(sql_type)))
        return nxt


def _is_window(toks: list[Tok], open_idx: int) -> bool:
    """Whether the call whose ``(`` is at ``open_idx`` is followed by OVER."""
    after = matching(toks, open_idx) + 1
    return after < len(toks) and toks[after].up == "OVER"


def _lower(tok: Tok) -> Tok:
    return Tok(TokKind.IDENT, tok.text.lower(), tok.pos)


def _after_dot(tok: Tok) -> Tok:
    """``t.order``, ``t.at``: after a dot a word is always a name, so a DuckDB keyword is
    delimited."""
    return raw(_quote(tok.text.lower())) if tok.up in _RESERVED else _lower(tok)


def _ident_chain(toks: list[Tok], i: int, out: list[Tok]) -> int:
    """An identifier, or ``a.b.c``: a three-part name is owner.table.column, the owner dropped."""
    j = i
    names = [toks[j]]
    while j + 2 < len(toks) and toks[j + 1].is_op(".") and toks[j + 2].kind is TokKind.IDENT:
        names.append(toks[j + 2])
        j += 2
    if len(names) == 2 and names[1].up in ("NEXTVAL", "CURRVAL"):
        out.append(raw(f"{names[1].up.lower()}('{names[0].text.lower()}')"))
        return j + 1
    if len(names) == 3 and not (j + 1 < len(toks) and toks[j + 1].is_op("(")):
        names = names[1:]
    if len(names) == 2 and j + 1 < len(toks) and toks[j + 1].is_op("("):
        names = names[1:]  # owner.function(...)
        out.append(_lower(names[0]))
        return j + 1
    for k, name in enumerate(names):
        if k:
            out.append(Tok(TokKind.OP, "."))
            out.append(raw(_quote(name.text.lower())) if name.up in _RESERVED else _lower(name))
        else:
            out.append(_column(name, toks[j + 1] if j + 1 < len(toks) else None))
    return j + 1


def _table_ref(toks: list[Tok], i: int, out: list[Tok], *, keep_database: bool = True) -> int:
    """``[db[@server]:][owner.]table``: the owner and server are dropped; a database becomes
    DuckDB's ``db.main.table``, since every Informix database is a DuckDB database attached to
    the same instance (engine/core.py), so ``sysmaster:sysdatabases`` reads sysmaster from any
    database (IBM Guide to SQL: Syntax, "Database Object Name")."""
    j = i
    database = ""
    if j + 1 < len(toks) and toks[j + 1].is_op("@"):
        database = toks[j].text.lower()
        j += 2
    if j + 1 < len(toks) and toks[j + 1].is_op(":") and toks[j + 1].text == ":":
        database = toks[i].text.lower()
        j += 2
    if j + 2 < len(toks) and toks[j + 1].is_op(".") and toks[j + 2].kind is TokKind.IDENT:
        j += 2  # owner.table (a quoted "owner" lexes as a string)
    if toks[j].kind is not TokKind.IDENT:
        raise SqlError(SYNTAX_ERROR, near=toks[j].text, offset=toks[j].pos)
    if database and keep_database:
        out.append(raw(f"{_quote(database)}.main.{_quote(toks[j].text.lower())}"))
    else:
        out.append(_lower(toks[j]))
    return j + 1


def table_name(toks: list[Tok], i: int) -> tuple[str, int]:
    """The table name of a ``[db[@server]:][owner.]table`` reference, and the index after it."""
    out: list[Tok] = []
    nxt = _table_ref(toks, i, out, keep_database=False)
    return out[0].text, nxt


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column(tok: Tok, nxt: Tok | None = None) -> Tok:
    """A column name in lower case, delimited when DuckDB would read it as a keyword: always for
    the words only DuckDB reserves, and ORDER / GROUP unless BY follows (Informix has few
    reserved words and accepts such column names: IBM Guide to SQL: Syntax, "Keywords of SQL
    for IBM Informix")."""
    text = tok.text.lower()
    count = nxt is not None and nxt.kind in (TokKind.NUMBER, TokKind.RAW)
    if text in ("limit", "offset") and count:
        return _lower(tok)  # a row limit DuckDB's way (LIMIT 5)
    if text in DUCKDB_ONLY_KEYWORDS or text in NAME_ONLY_KEYWORDS:
        return raw(_quote(text))
    if text in ("order", "group") and (nxt is None or nxt.up != "BY"):
        return raw(_quote(text))
    return _lower(tok)


def name_token(tok: Tok) -> Tok:
    """A name where only a column can stand (INSERT column lists, UPDATE SET targets, index
    and key column lists), delimited when DuckDB reserves the word."""
    text = tok.text.lower()
    return raw(_quote(text)) if tok.up in _RESERVED else _lower(tok)


# --- SELECT SKIP / FIRST and the old OUTER join ------------------------------------------


def _scope_end(toks: list[Tok], i: int) -> int:
    depth = 0
    for j in range(i, len(toks)):
        tok = toks[j]
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
            if depth < 0:
                return j
        elif depth == 0 and tok.up in ("UNION", "INTERSECT", "EXCEPT") and j > i:
            return j
    return len(toks)


def _count_value(toks: list[Tok], j: int) -> Tok | None:
    """The row count after SKIP/FIRST/LIMIT: a number or a parameter (else it is a column)."""
    if j < len(toks) and toks[j].kind in (TokKind.NUMBER, TokKind.RAW):
        return toks[j]
    return None


def _move_first_skip(toks: list[Tok]) -> list[Tok]:
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
                end = _scope_end(toks, j)
                tail: list[Tok] = []
                if first is not None:
                    tail += [raw("LIMIT"), first]
                if skip is not None:
                    tail += [raw("OFFSET"), skip]
                toks = toks[: i + 1] + toks[j:end] + tail + toks[end:]
        i += 1
    return toks


def _outer_joins(toks: list[Tok]) -> list[Tok]:
    """``FROM a, OUTER b WHERE a.x = b.x`` -> ``FROM a LEFT JOIN b ON a.x = b.x``.

    The WHERE conjuncts that name the outer table's alias become its join condition, which is
    how Informix applies them (IBM, "Informix-Extension Outer Joins").  Nested OUTER (...) forms
    are refused with -201.
    """
    for i, tok in enumerate(toks):
        if tok.up != "FROM":
            continue
        end = _from_end(toks, i + 1)
        items = split_top(toks[i + 1 : end])
        if not any(item and item[0].up == "OUTER" for item in items):
            continue
        where_end = _scope_end(toks, end)
        where: list[list[Tok]] = []
        has_where = end < len(toks) and toks[end].up == "WHERE"
        clause_end = _where_end(toks, end + 1, where_end) if has_where else end
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
        return _outer_joins(toks[: i + 1] + new_from + new_where + rest)
    return toks


def _from_end(toks: list[Tok], i: int) -> int:
    depth = 0
    for j in range(i, len(toks)):
        tok = toks[j]
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
            if depth < 0:
                return j
        elif depth == 0 and tok.up in _CLAUSE_END:
            return j
    return len(toks)


def _where_end(toks: list[Tok], i: int, limit: int) -> int:
    depth = 0
    for j in range(i, limit):
        tok = toks[j]
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
        elif depth == 0 and tok.up in ("GROUP", "HAVING", "ORDER", "INTO", "LIMIT", "FOR"):
            return j
    return limit


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


# --- word handlers (return the next index, or 0 to fall through) --------------------------

Handler = Callable[[Rewriter, list[Tok], int, list[Tok]], int]


def _h_datetime(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 >= len(toks) or toks[i + 1].kind is not TokKind.BODY:
        return 0
    interval = toks[i].up == "INTERVAL"
    q, nxt = parse_qualifier(toks, i + 2, interval=interval)
    body = toks[i + 1].text
    text = interval_literal(body, q, toks[i]) if interval else datetime_literal(body, q, toks[i])
    out.append(raw(text))
    return nxt


def _h_today(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    out.append(raw("current_date"))
    return i + 1


def _h_current(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.up in _QUALIFIER_WORDS:
        q, j = parse_qualifier(toks, i + 1, interval=False)
        out.append(raw(current_sql(q)))
        return j
    if nxt is not None and nxt.up == "OF":
        return 0
    out.append(raw(current_sql(None)))
    return i + 1


def _h_sysdate(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    out.append(raw(current_sql(None)))
    return i + 1


def _h_user(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 < len(toks) and toks[i + 1].is_op("("):
        return 0
    key = "user" if toks[i].up == "USER" else "dbservername"
    out.append(raw(f"ifx_dbinfo('{key}')"))
    return i + 1


def _h_unique(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    out.append(raw("DISTINCT"))
    return i + 1


def _h_matches(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    end = _pattern_end(toks, i + 1)
    pattern = toks[i + 1 : end]
    escape: list[Tok] | None = None
    nxt = end
    if end < len(toks) and toks[end].up == "ESCAPE":
        esc_end = _operand_end(toks, end + 1)
        escape = toks[end + 1 : esc_end]
        nxt = esc_end
    out.append(raw("GLOB"))
    literal_escape = escape is None or (len(escape) == 1 and escape[0].kind is TokKind.STRING)
    if len(pattern) == 1 and pattern[0].kind is TokKind.STRING and literal_escape:
        esc = "\\" if escape is None else escape[0].text
        out.append(Tok(TokKind.STRING, matches_to_glob(pattern[0].text, esc)))
        return nxt
    pat = render(Rewriter().rewrite(pattern))
    esc_sql = "'\\'" if escape is None else render(Rewriter().rewrite(escape))
    out.append(raw(f"ifx_glob({pat}, {esc_sql})"))
    return nxt


def _h_like(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """Informix's LIKE takes backslash as its escape unless ESCAPE says otherwise."""
    end = _pattern_end(toks, i + 1)
    out.append(raw(toks[i].up))
    out += Rewriter().rewrite(toks[i + 1 : end])
    if not (end < len(toks) and toks[end].up == "ESCAPE"):
        out.append(raw("ESCAPE '\\'"))
    return end


def _h_collection(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """``SET{1, 2}``, ``LIST{ROW(1, 'a')}``... as DuckDB lists (``composite``)."""
    if i + 1 >= len(toks) or not toks[i + 1].is_op("{"):
        return 0
    close = matching(toks, i + 1)
    elements = split_top(toks[i + 2 : close]) if close > i + 2 else []
    for element in elements:
        if len(element) == 1 and element[0].up == "NULL":  # elements are NOT NULL
            raise SqlError(composite.NULL_ELEMENT, near=element[0].text, offset=element[0].pos)
    rendered = [render(Rewriter().rewrite(e)) for e in elements]
    out.append(raw(composite.collection_literal(toks[i].up, rendered)))
    return close + 1


def _h_in(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """``x [NOT] IN collection`` (no parentheses: a ROW/collection column or literal) is
    membership (IBM Guide to SQL: Syntax, "IN Condition"): DuckDB's list_contains."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.kind is not TokKind.IDENT or nxt.up == "SELECT":
        return 0
    end = _operand_end(toks, i + 1)
    if end < len(toks) and toks[end].is_op("{"):
        end = matching(toks, end) + 1
    negate = bool(out) and out[-1].up == "NOT"
    if negate:
        out.pop()
    start = _operand_start(out)
    value = render(out[start:])
    del out[start:]
    collection = render(Rewriter().rewrite(toks[i + 1 : end]))
    out.append(raw(f"{'NOT ' if negate else ''}list_contains({collection}, {value})"))
    return end


def _h_table(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """``TABLE(SET{1, 2})``, a collection-derived table, as a one-column subquery."""
    if not (i + 3 < len(toks) and toks[i + 1].is_op("(") and toks[i + 3].is_op("{")):
        return 0
    close = matching(toks, i + 1)
    brace_close = matching(toks, i + 3)
    elems = split_top(toks[i + 4 : brace_close]) if brace_close > i + 4 else []
    values = ", ".join(render(Rewriter().rewrite(e)) for e in elems)
    out.append(raw(f"(SELECT UNNEST([{values}]) AS unnamed_col)"))
    return close + 1


def _h_outer(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 < len(toks) and toks[i + 1].up == "JOIN":
        return 0  # LEFT OUTER JOIN
    raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)


def _h_row(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """``ROW(1, 'a')``: DuckDB's unnamed struct, cast by position like IDS's ROW values."""
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    fields = [render(Rewriter().rewrite(f)) for f in split_top(toks[i + 2 : close])]
    out.append(raw(f"row({', '.join(fields)})"))
    return close + 1


def _h_cast(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
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
    value = render(Rewriter().rewrite(inner[:as_idx]))
    if sql_type.type_code in composite.COMPOSITE_CODES:
        out.append(raw(composite.cast_sql(value, sql_type)))
    else:
        out.append(raw(f"CAST({value} AS {cast_target(sql_type)})"))
    return close + 1


def _h_extend(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    parts = split_top(toks[i + 2 : close])
    value = render(Rewriter().rewrite(parts[0]))
    if len(parts) == 1:
        out.append(raw(f"CAST({value} AS TIMESTAMP)"))
    else:
        q, _ = parse_qualifier(parts[1], 0, interval=False)
        out.append(raw(extend_sql(value, q)))
    return close + 1


def _h_trim(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    """TRIM([LEADING|TRAILING|BOTH] [pad] FROM x): DuckDB has the same form; parts are rewritten."""
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    out += [raw("trim"), Tok(TokKind.OP, "(")]
    out += Rewriter().rewrite(toks[i + 2 : close])
    out.append(Tok(TokKind.OP, ")"))
    return close + 1


def _h_substring(rw: Rewriter, toks: list[Tok], i: int, out: list[Tok]) -> int:
    if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
        return 0
    close = matching(toks, i + 1)
    inner = toks[i + 2 : close]
    parts = split_top(inner, "FROM")
    if len(parts) == 1:
        return 0
    value = render(Rewriter().rewrite(parts[0]))
    rest = split_top(parts[1], "FOR")
    start = render(Rewriter().rewrite(rest[0]))
    if len(rest) > 1:
        length = render(Rewriter().rewrite(rest[1]))
        out.append(raw(f"substring({value}, {start}, {length})"))
    else:
        out.append(raw(f"substring({value}, {start})"))
    return close + 1


_WORD_HANDLERS: dict[str, Handler] = {
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


def rewrite(toks: list[Tok]) -> list[Tok]:
    """Rewrite a query or expression's tokens into DuckDB's dialect."""
    return Rewriter().rewrite(toks)
