"""CREATE/ALTER TABLE, indexes, views and sequences, from Informix DDL to DuckDB DDL.

Grammar from IBM, "Informix Guide to SQL: Syntax" (CREATE TABLE, ALTER TABLE, CREATE INDEX,
CREATE VIEW, CREATE SEQUENCE).  Informix writes a constraint name after the constraint
(``UNIQUE CONSTRAINT u1``); storage clauses (IN dbspace, EXTENT SIZE, LOCK MODE, FRAGMENT BY,
WITH NO LOG) have no DuckDB meaning and are dropped.
"""

from __future__ import annotations

from informix_wire.tags import StatementType
from informix_wire.typecodes import TypeCode

from . import named_types
from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind, render
from .names import name_token, table_name
from .sqlexpr import rewrite
from .tokens import matching, split_top
from .translation import ColumnDecl, Kind, Translation
from .types_sql import parse_type

#: SERIAL, SERIAL8 and BIGSERIAL columns are NOT NULL (IBM Guide to SQL: Reference, SYSCOLUMNS:
#: "DB-Access sets SERIAL, SERIAL8, and BIGSERIAL columns to NOT NULL", so their coltype has the
#: 256 bit and DESCRIBE reports them as not nullable).
_SERIAL_TYPES = frozenset({TypeCode.SERIAL, TypeCode.SERIAL8, TypeCode.BIGSERIAL})

_CONSTRAINT_WORDS = frozenset(
    {"NOT", "NULL", "PRIMARY", "UNIQUE", "DISTINCT", "REFERENCES", "CHECK", "CONSTRAINT", "DEFAULT"}
)
_TABLE_CONSTRAINTS = frozenset({"PRIMARY", "UNIQUE", "DISTINCT", "FOREIGN", "CHECK", "CONSTRAINT"})


def _error(toks: list[Tok], i: int) -> SqlError:
    tok = toks[i] if i < len(toks) else (toks[-1] if toks else Tok(TokKind.RAW, "", 0))
    return SqlError(SYNTAX_ERROR, near=tok.text if i < len(toks) else "", offset=max(tok.pos, 0))


def _expect(toks: list[Tok], i: int, word: str) -> int:
    if i >= len(toks) or toks[i].up != word:
        raise _error(toks, i)
    return i + 1


def _name(toks: list[Tok], i: int) -> tuple[str, int]:
    """A plain identifier, owner-qualified or not (``owner.name`` keeps ``name``)."""
    if i >= len(toks) or toks[i].kind not in (TokKind.IDENT, TokKind.STRING):
        raise _error(toks, i)
    if i + 2 < len(toks) and toks[i + 1].is_op(".") and toks[i + 2].kind is TokKind.IDENT:
        i += 2
    if toks[i].kind is not TokKind.IDENT:
        raise _error(toks, i)
    return toks[i].text.lower(), i + 1


def quote(name: str) -> str:
    """A DuckDB delimited identifier, so Informix column names that DuckDB reserves (``at``,
    ``order`` ...) still work."""
    return '"' + name.replace('"', '""') + '"'


def _if_not_exists(toks: list[Tok], i: int) -> tuple[bool, int]:
    if i + 2 < len(toks) and [t.up for t in toks[i : i + 3]] == ["IF", "NOT", "EXISTS"]:
        return True, i + 3
    return False, i


def _sql(toks: list[Tok]) -> str:
    return render(rewrite(toks))


def parse_column(toks: list[Tok]) -> tuple[ColumnDecl, str]:
    """One column definition: its declaration and its DuckDB column text."""
    name, i = _name(toks, 0)
    sql_type, i = parse_type(toks, i)
    nullable, primary, unique = sql_type.type_code not in _SERIAL_TYPES, False, False
    default: str | None = None
    extras: list[str] = []
    while i < len(toks):
        word = toks[i].up
        if word == "DEFAULT":
            i, default = _default(toks, i + 1)
        elif word == "NOT" and i + 1 < len(toks) and toks[i + 1].up == "NULL":
            nullable, i = False, i + 2
        elif word == "NULL":
            i += 1
        elif word == "PRIMARY":
            primary, nullable, i = True, False, _expect(toks, i + 1, "KEY")
        elif word in ("UNIQUE", "DISTINCT"):
            unique, i = True, i + 1
        elif word == "REFERENCES":
            text, i = _references(toks, i)
            extras.append(text)
        elif word == "CHECK":
            close = matching(toks, i + 1)
            extras.append(f"CHECK ({_sql(toks[i + 2 : close])})")
            i = close + 1
        elif word == "CONSTRAINT":
            i += 2
        elif word in ("ENABLED", "DISABLED", "FILTERING"):
            i += 1
        else:
            raise _error(toks, i)
    decl = ColumnDecl(
        name=name,
        type_code=sql_type.type_code,
        length=sql_type.length,
        nullable=nullable,
        default=default,
        extended_name=sql_type.extended_name,
        duck_type=sql_type.duck_type,
        primary_key=primary,
        unique=unique,
        serial_start=sql_type.serial_start,
    )
    parts = [quote(name), sql_type.duck_type]
    if not nullable and not primary:
        parts.append("NOT NULL")
    if default is not None:
        parts.append(f"DEFAULT {default}")
    if primary:
        parts.append("PRIMARY KEY")
    if unique:
        parts.append("UNIQUE")
    return decl, " ".join(parts + extras)


def _default(toks: list[Tok], i: int) -> tuple[int, str]:
    if i < len(toks) and toks[i].up == "NULL":
        return i + 1, "NULL"
    j = i
    while j < len(toks) and toks[j].up not in _CONSTRAINT_WORDS - {"DEFAULT"}:
        j += 1
    if j == i:
        raise _error(toks, i)
    return j, _sql(toks[i:j])


def _references(toks: list[Tok], i: int) -> tuple[str, int]:
    table, i = table_name(toks, i + 1)
    cols = ""
    if i < len(toks) and toks[i].is_op("("):
        close = matching(toks, i)
        cols = "(" + render(_lower_all(toks[i + 1 : close])) + ")"
        i = close + 1
    while i < len(toks) and toks[i].up in ("ON", "DELETE", "CASCADE"):
        i += 1  # ON DELETE CASCADE: DuckDB has no cascading deletes
    return f"REFERENCES {table}{cols}", i


def _lower_all(toks: list[Tok]) -> list[Tok]:
    """Column lists of keys and indexes: names in lower case, DuckDB's reserved words
    delimited (``PRIMARY KEY (order)``); a function of an index expression stays a call."""
    out = []
    for k, tok in enumerate(toks):
        call = k + 1 < len(toks) and toks[k + 1].is_op("(")
        if tok.kind is TokKind.IDENT:
            tok = Tok(tok.kind, tok.text.lower(), tok.pos) if call else name_token(tok)
        out.append(tok)
    return out


def _table_constraint(toks: list[Tok]) -> str:
    i = 0
    word = toks[0].up
    if word == "CONSTRAINT":  # ANSI order is also accepted: CONSTRAINT name PRIMARY KEY (...)
        toks, word = toks[2:], toks[2].up if len(toks) > 2 else ""
    end = len(toks)
    for k, tok in enumerate(toks):
        if tok.up == "CONSTRAINT":
            end = k
            break
    toks = toks[:end]
    if word in ("PRIMARY", "UNIQUE", "DISTINCT"):
        i = _expect(toks, 1, "KEY") if word == "PRIMARY" else 1
        close = matching(toks, i)
        cols = render(_lower_all(toks[i + 1 : close]))
        return f"{'PRIMARY KEY' if word == 'PRIMARY' else 'UNIQUE'} ({cols})"
    if word == "FOREIGN":
        i = _expect(toks, 1, "KEY")
        close = matching(toks, i)
        cols = render(_lower_all(toks[i + 1 : close]))
        ref, _ = _references(toks, close + 1)
        return f"FOREIGN KEY ({cols}) {ref}"
    if word == "CHECK":
        close = matching(toks, 1)
        return f"CHECK ({_sql(toks[2:close])})"
    raise _error(toks, 0)


def _guarded(sql: str, decls: list[ColumnDecl]) -> str:
    """``sql`` after the checks that the named ROW types its columns use exist (-9628)."""
    names = [d.extended_name for d in decls if named_types.is_named(d.type_code)]
    return named_types.guarded(sql, names) if names else sql


def create_table(toks: list[Tok], i: int, temp: bool) -> Translation:
    """``toks[i]`` is TABLE."""
    i = _expect(toks, i, "TABLE")
    exists, i = _if_not_exists(toks, i)
    table, i = table_name(toks, i)
    if i >= len(toks) or not toks[i].is_op("("):
        raise _error(toks, i)
    close = matching(toks, i)
    decls: list[ColumnDecl] = []
    parts: list[str] = []
    for element in split_top(toks[i + 1 : close]):
        if not element:
            raise _error(toks, close)
        if element[0].up in _TABLE_CONSTRAINTS:
            parts.append(_table_constraint(element))
        else:
            decl, text = parse_column(element)
            decls.append(decl)
            parts.append(text)
    if not decls:
        raise _error(toks, close)
    head = "CREATE TEMP TABLE" if temp else "CREATE TABLE"
    if exists:
        head += " IF NOT EXISTS"
    code = StatementType.CREATE_TEMP_TABLE if temp else StatementType.CREATE_TABLE
    return Translation(
        Kind.CREATE_TABLE,
        _guarded(f"{head} {table} ({', '.join(parts)})", decls),
        int(code),
        0,
        table=table,
        columns=tuple(decls),
        temp=temp,
    )


def create_index(toks: list[Tok], i: int, unique: bool) -> Translation:
    """``toks[i]`` is INDEX."""
    i = _expect(toks, i, "INDEX")
    exists, i = _if_not_exists(toks, i)
    name, i = _name(toks, i)
    i = _expect(toks, i, "ON")
    table, i = table_name(toks, i)
    if i >= len(toks) or not toks[i].is_op("("):
        raise _error(toks, i)
    close = matching(toks, i)
    cols = [
        render(_lower_all([t for t in part if t.up not in ("ASC", "DESC")]))
        for part in split_top(toks[i + 1 : close])
    ]
    head = "CREATE UNIQUE INDEX" if unique else "CREATE INDEX"
    if exists:
        head += " IF NOT EXISTS"
    sql = f"{head} {name} ON {table} ({', '.join(cols)})"
    return Translation(
        Kind.CREATE_INDEX, sql, int(StatementType.CREATE_INDEX), 0, table=table, name=name
    )


def create_view(toks: list[Tok], i: int) -> Translation:
    """``toks[i]`` is VIEW."""
    i = _expect(toks, i + 0, "VIEW")
    exists, i = _if_not_exists(toks, i)
    name, i = _name(toks, i)
    cols = ""
    if i < len(toks) and toks[i].is_op("("):
        close = matching(toks, i)
        cols = " (" + render(_lower_all(toks[i + 1 : close])) + ")"
        i = close + 1
    i = _expect(toks, i, "AS")
    body = toks[i:]
    if len(body) >= 3 and [t.up for t in body[-3:]] == ["WITH", "CHECK", "OPTION"]:
        body = body[:-3]
    head = "CREATE VIEW IF NOT EXISTS" if exists else "CREATE VIEW"
    sql = f"{head} {name}{cols} AS {_sql(body)}"
    return Translation(Kind.CREATE_VIEW, sql, int(StatementType.CREATE_VIEW), 0, name=name)


_SEQUENCE_OPTIONS = {
    "INCREMENT": "INCREMENT BY",
    "START": "START WITH",
    "MAXVALUE": "MAXVALUE",
    "MINVALUE": "MINVALUE",
}


def create_sequence(toks: list[Tok], i: int) -> Translation:
    """``toks[i]`` is SEQUENCE.  CACHE and ORDER have no DuckDB meaning and are dropped."""
    i = _expect(toks, i, "SEQUENCE")
    exists, i = _if_not_exists(toks, i)
    name, i = _name(toks, i)
    parts: list[str] = []
    while i < len(toks):
        word = toks[i].up
        if word in _SEQUENCE_OPTIONS:
            i += 1
            if i < len(toks) and toks[i].up in ("BY", "WITH"):
                i += 1
            sign = ""
            if i < len(toks) and toks[i].is_op("-"):
                sign, i = "-", i + 1
            if i >= len(toks) or toks[i].kind is not TokKind.NUMBER:
                raise _error(toks, i)
            parts.append(f"{_SEQUENCE_OPTIONS[word]} {sign}{toks[i].text}")
            i += 1
        elif word in ("CYCLE", "NOCYCLE"):
            parts.append("CYCLE" if word == "CYCLE" else "NO CYCLE")
            i += 1
        elif word in ("NOMAXVALUE", "NOMINVALUE", "NOCACHE", "ORDER", "NOORDER"):
            i += 1
        elif word == "CACHE":
            i += 2
        else:
            raise _error(toks, i)
    head = "CREATE SEQUENCE IF NOT EXISTS" if exists else "CREATE SEQUENCE"
    sql = " ".join([f"{head} {name}", *parts])
    return Translation(Kind.CREATE_SEQUENCE, sql, int(StatementType.CREATE_SEQUENCE), 0, name=name)


def alter_table(toks: list[Tok], i: int) -> Translation:
    """``toks[i]`` is TABLE: ADD, DROP and MODIFY of columns and constraints."""
    i = _expect(toks, i, "TABLE")
    table, i = table_name(toks, i)
    statements: list[str] = []
    added: list[ColumnDecl] = []
    dropped: list[str] = []
    for action in split_top(toks[i:]):
        if not action:
            raise _error(toks, len(toks))
        word = action[0].up
        items = _action_items(action[1:])
        if word == "ADD" and len(action) > 1 and action[1].up in _TABLE_CONSTRAINTS:
            for item in items:
                statements.append(f"ALTER TABLE {table} ADD {_table_constraint(item)}")
        elif word == "ADD":
            for item in items:
                item = _before_clause_removed(item)
                decl, text = parse_column(item)
                added.append(decl)
                statements.append(f"ALTER TABLE {table} ADD COLUMN {text}")
        elif word == "DROP" and len(action) > 1 and action[1].up == "CONSTRAINT":
            raise _error(action, 1)  # DuckDB cannot drop constraints
        elif word == "DROP":
            for item in items:
                col, _ = _name(item, 0)
                dropped.append(col)
                statements.append(f"ALTER TABLE {table} DROP COLUMN {quote(col)}")
        elif word == "MODIFY":
            for item in items:
                decl, _ = parse_column(item)
                added.append(decl)
                statements.append(
                    f"ALTER TABLE {table} ALTER COLUMN {quote(decl.name)} TYPE {decl.duck_type}"
                )
                null = "DROP NOT NULL" if decl.nullable else "SET NOT NULL"
                statements.append(f"ALTER TABLE {table} ALTER COLUMN {quote(decl.name)} {null}")
        elif word == "LOCK":
            continue
        else:
            raise _error(action, 0)
    return Translation(
        Kind.ALTER_TABLE,
        _guarded("; ".join(statements), added),
        int(StatementType.ALTER_TABLE),
        0,
        table=table,
        columns=tuple(added),
        dropped_columns=tuple(dropped),
    )


def _action_items(rest: list[Tok]) -> list[list[Tok]]:
    """``ADD (a INT, b INT)`` or ``ADD a INT``: the parenthesised list or the single item."""
    if rest and rest[0].is_op("(") and matching(rest, 0) == len(rest) - 1:
        return [p for p in split_top(rest[1:-1]) if p]
    return [rest]


def _before_clause_removed(item: list[Tok]) -> list[Tok]:
    """``ADD c INT BEFORE other``: column order is not kept, so BEFORE is dropped."""
    for k, tok in enumerate(item):
        if tok.up == "BEFORE":
            return item[:k]
    return item
