"""Names in rewritten SQL: columns and table references in lower case, delimited where DuckDB
would read the word as a keyword, owners dropped and databases qualified (IBM, "Informix Guide to
SQL: Syntax", "Identifier" and "Database Object Name")."""

from __future__ import annotations

from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind
from .tokens import raw

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


def lower(tok: Tok) -> Tok:
    return Tok(TokKind.IDENT, tok.text.lower(), tok.pos)


def name_after_dot(tok: Tok) -> Tok:
    """``t.order``, ``t.at``: after a dot a word is always a name, so a DuckDB keyword is
    delimited."""
    return raw(quote(tok.text.lower())) if tok.up in _RESERVED else lower(tok)


def ident_chain(toks: list[Tok], i: int, out: list[Tok]) -> int:
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
        out.append(lower(names[0]))
        return j + 1
    for k, name in enumerate(names):
        if k:
            out.append(Tok(TokKind.OP, "."))
            out.append(raw(quote(name.text.lower())) if name.up in _RESERVED else lower(name))
        else:
            out.append(column(name, toks[j + 1] if j + 1 < len(toks) else None))
    return j + 1


def table_ref(toks: list[Tok], i: int, out: list[Tok], *, keep_database: bool = True) -> int:
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
        out.append(raw(f"{quote(database)}.main.{quote(toks[j].text.lower())}"))
    else:
        out.append(lower(toks[j]))
    return j + 1


def table_name(toks: list[Tok], i: int) -> tuple[str, int]:
    """The table name of a ``[db[@server]:][owner.]table`` reference, and the index after it."""
    out: list[Tok] = []
    nxt = table_ref(toks, i, out, keep_database=False)
    return out[0].text, nxt


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def column(tok: Tok, nxt: Tok | None = None) -> Tok:
    """A column name in lower case, delimited when DuckDB would read it as a keyword: always for
    the words only DuckDB reserves, and ORDER / GROUP unless BY follows (Informix has few
    reserved words and accepts such column names: IBM Guide to SQL: Syntax, "Keywords of SQL
    for IBM Informix")."""
    text = tok.text.lower()
    count = nxt is not None and nxt.kind in (TokKind.NUMBER, TokKind.RAW)
    if text in ("limit", "offset") and count:
        return lower(tok)  # a row limit DuckDB's way (LIMIT 5)
    if text in DUCKDB_ONLY_KEYWORDS or text in NAME_ONLY_KEYWORDS:
        return raw(quote(text))
    if text in ("order", "group") and (nxt is None or nxt.up != "BY"):
        return raw(quote(text))
    return lower(tok)


def name_token(tok: Tok) -> Tok:
    """A name where only a column can stand (INSERT column lists, UPDATE SET targets, index
    and key column lists), delimited when DuckDB reserves the word."""
    text = tok.text.lower()
    return raw(quote(text)) if tok.up in _RESERVED else lower(tok)
