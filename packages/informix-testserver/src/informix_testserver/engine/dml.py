"""INSERT, UPDATE and DELETE from Informix SQL to DuckDB SQL (IBM Guide to SQL: Syntax).

Column names in an INSERT column list and on the left of UPDATE's SET are names whatever word
they spell (``INSERT INTO t (order, user)``), so DuckDB's reserved words among them are
delimited and USER there is not the USER function. With a ``Schema`` the values bound for
string columns are fitted to them (``strings``), character literals stored into DATETIME,
INTERVAL and DATE columns are read in the column's format (``char_params``), and the WHERE
clause compares strings as Informix does.
"""

from __future__ import annotations

from informix_wire.tags import StatementType as St

from . import char_params, schema_rewrites, strings
from .columns import ColumnSpec
from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind, render
from .names import name_token, table_name
from .schema import Schema
from .sqlexpr import rewrite
from .tokens import matching, split_top
from .translation import Kind, Translation


def _error(toks: list[Tok], i: int) -> SqlError:
    if i < len(toks):
        return SqlError(SYNTAX_ERROR, near=toks[i].text, offset=max(toks[i].pos, 0))
    last = toks[-1] if toks else None
    return SqlError(SYNTAX_ERROR, near="", offset=(last.pos + len(last.text)) if last else 0)


def _spec(schema: Schema | None, table: str, column: str) -> ColumnSpec | None:
    specs = schema.columns(table) if schema is not None else None
    return next((s for s in specs or () if s.name == column), None)


def _column_list(toks: list[Tok], i: int) -> tuple[list[str] | None, int]:
    """``(a, b, ...)`` after the table of an INSERT: the names, and the index after it."""
    if not (i + 1 < len(toks) and toks[i].is_op("(") and toks[i + 1].up != "SELECT"):
        return None, i
    close = matching(toks, i)
    names = []
    for item in split_top(toks[i + 1 : close]):
        if len(item) != 1 or item[0].kind is not TokKind.IDENT:
            raise _error(toks, i + 1)
        names.append(item[0].text.lower())
    return names, close + 1


def insert(toks: list[Tok], schema: Schema | None) -> Translation:
    if len(toks) < 2 or toks[1].up != "INTO":
        raise _error(toks, 1)
    toks = char_params.convert_literals(toks, schema)
    table, i = table_name(toks, 2)
    names, i = _column_list(toks, i)
    rest = rewrite(toks[i:])
    if not rest:
        raise _error(toks, i)
    known = schema.columns(table) if schema is not None else None
    if names is not None:
        targets: list[ColumnSpec | None] = [_spec(schema, table, n) for n in names]
    else:
        targets = list(known or ())
    ansi = schema is not None and schema.ansi
    rest = strings.fit_insert(schema_rewrites.apply(rest, schema), targets, ansi)
    head = f"INSERT INTO {table}"
    if names is not None:
        head += " (" + ", ".join(name_token(Tok(TokKind.IDENT, n)).text for n in names) + ")"
    return Translation(Kind.INSERT, f"{head} {render(rest)}", int(St.INSERT), 0, table=table)


def update(toks: list[Tok], schema: Schema | None) -> Translation:
    toks = char_params.convert_literals(toks, schema)
    table, i = table_name(toks, 1)
    alias = ""
    if i < len(toks) and toks[i].kind is TokKind.IDENT and toks[i].up != "SET":
        alias, i = " " + toks[i].text.lower(), i + 1
    if i >= len(toks) or toks[i].up != "SET":
        raise _error(toks, i)
    body = _multi_set(toks[i + 1 :])
    where = _where_index(body)
    ansi = schema is not None and schema.ansi
    items: list[str] = []
    for item in split_top(body[:where]):
        eq = next((k for k, t in enumerate(item) if t.is_op("=")), -1)
        if eq < 1 or item[eq - 1].kind is not TokKind.IDENT:
            raise _error(item, 0)
        column = item[eq - 1].text.lower()
        value = schema_rewrites.apply(rewrite(item[eq + 1 :]), schema)
        value = strings.fit_assignment(value, _spec(schema, table, column), ansi)
        items.append(f"{name_token(item[eq - 1]).text} = {render(value)}")
    tail = schema_rewrites.apply(rewrite(body[where:]), schema)
    code = St.UPDATE if where < len(body) else St.UPDATE_ALL
    sql = f"UPDATE {table}{alias} SET {', '.join(items)} {render(tail)}".rstrip()
    return Translation(Kind.UPDATE, sql, int(code), 0, table=table)


def _where_index(body: list[Tok]) -> int:
    depth = 0
    for k, tok in enumerate(body):
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
        elif depth == 0 and tok.up == "WHERE":
            return k
    return len(body)


def _multi_set(toks: list[Tok]) -> list[Tok]:
    """``SET (a, b) = (1, 2)`` -> ``SET a = 1, b = 2`` (Informix's multiple-column form)."""
    if not toks or not toks[0].is_op("("):
        return toks
    close = matching(toks, 0)
    if close + 2 >= len(toks) or not toks[close + 1].is_op("=") or not toks[close + 2].is_op("("):
        raise _error(toks, close + 1)
    vclose = matching(toks, close + 2)
    cols = split_top(toks[1:close])
    values = split_top(toks[close + 3 : vclose])
    if len(cols) != len(values) or (values and values[0] and values[0][0].up == "SELECT"):
        raise _error(toks, close + 2)
    out: list[Tok] = []
    for k, (col, value) in enumerate(zip(cols, values, strict=True)):
        if k:
            out.append(Tok(TokKind.OP, ","))
        out += [*col, Tok(TokKind.OP, "="), *value]
    return out + toks[vclose + 1 :]


def delete(toks: list[Tok], schema: Schema | None) -> Translation:
    i = 2 if len(toks) > 1 and toks[1].up == "FROM" else 1  # FROM is optional in Informix
    table, i = table_name(toks, i)
    rest = toks[i:]
    if rest and rest[0].up != "WHERE":
        raise _error(toks, i)
    code = St.DELETE if rest else St.DELETE_ALL
    tail = schema_rewrites.apply(rewrite(rest), schema)
    sql = f"DELETE FROM {table} {render(tail)}".rstrip()
    return Translation(Kind.DELETE, sql, int(code), 0, table=table)
