"""Informix SQL to DuckDB SQL: the test server's dialect translator (pure, no I/O).

``translate(sql)`` classifies one Informix statement, checks its syntax as far as the server
must at PREPARE (errors are :class:`SqlError` with Informix's SQLCODE, -201 for syntax), and
gives the DuckDB SQL that runs it with the declared Informix types the engine keeps.  Statement
type codes are IBM's ``sqlstype.h`` values (``informix_wire.tags.StatementType``; JDBC 4.50.10.1
``com.informix.jdbc.IfxStatementTypes``).

Parameters: each ``?`` becomes ``$1``, ``$2`` ... in textual order, so a parameter list binds
the same way while clauses (SKIP/FIRST) move and expressions (DECODE) repeat.

The SQL may call functions the engine registers on each DuckDB connection:

- ``ifx_dbinfo(VARCHAR)`` and ``ifx_dbinfo(VARCHAR, VARCHAR)``: DBINFO(...) with the keyword
  lower-cased ('dbname', 'version', 'sqlca.sqlerrd1', 'sqlca.sqlerrd2', 'serial8',
  'bigserial', 'sessionid', 'dbhostname' ...), also USER as ``ifx_dbinfo('user')`` and
  SITENAME/DBSERVERNAME as ``ifx_dbinfo('dbservername')``; it reads session state, so it must
  be registered with side effects (not constant-folded);
- the macros of :data:`SUPPORT_SQL` (``ifx_glob`` for MATCHES with a non-literal pattern,
  ``ifx_initcap``): run those statements once per connection;
- catalog helper functions that JDBC's metadata queries call owner-qualified
  (``informix.schema_precision(...)``, ``get_data_type`` ...) arrive with the owner dropped.
"""

from __future__ import annotations

from informix_wire.tags import StatementType as St

from . import ddl, dml, named_types, schema_rewrites
from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind, render, tokenize
from .names import table_name
from .schema import Schema
from .sqlexpr import rewrite
from .tokens import matching, number_params, split_top
from .translation import ColumnDecl, Kind, Translation

__all__ = ["SUPPORT_SQL", "ColumnDecl", "Kind", "SqlError", "Translation", "translate"]

#: DuckDB macros the translated SQL uses; the engine runs each once per connection.
SUPPORT_SQL: tuple[str, ...] = (
    # MATCHES pattern -> GLOB pattern when the pattern is not a literal (sqlfuncs.matches_to_glob
    # does the same at translation time): escaped characters become one-character classes.
    "CREATE OR REPLACE MACRO ifx_glob(pat, esc) AS "
    "regexp_replace(regexp_replace("
    "CASE WHEN esc IS NULL OR esc = '' THEN pat "
    "ELSE regexp_replace(pat, '\\Q' || esc || '\\E(.)', '[\\1]', 'g') END, "
    "'\\[\\^', '[!', 'g'), '\\[\\]', '', 'g')",
    "CREATE OR REPLACE MACRO ifx_initcap(s) AS "
    "array_to_string(list_transform(regexp_extract_all(lower(s), '[a-z0-9]+|[^a-z0-9]+'), "
    "lambda w: upper(w[1]) || w[2:]), '')",
)

_ISOLATION = {
    ("DIRTY", "READ"): "dirty read",
    ("COMMITTED", "READ"): "committed read",
    ("CURSOR", "STABILITY"): "cursor stability",
    ("REPEATABLE", "READ"): "repeatable read",
    ("READ", "UNCOMMITTED"): "dirty read",
    ("READ", "COMMITTED"): "committed read",
    ("SERIALIZABLE",): "repeatable read",
}
_SET_TYPES = {
    "EXPLAIN": St.SET_EXPLAIN,
    "PDQPRIORITY": St.SET_PDQPRIORITY,
    "OPTIMIZATION": St.SET_OPTIMIZATION,
    "LOG": St.SET_LOG,
    "BUFFERED": St.SET_LOG,
    "CONSTRAINTS": St.SET_CONSTRAINTS,
    "ROLE": St.SET_ROLE,
    "ENVIRONMENT": St.SET_ENVIRONMENT,
    "DEBUG": St.SET_DEBUG_FILE,
}
#: SQ_UNKNOWN in JDBC's IfxStatementTypes, for accepted statements without their own code.
_UNKNOWN_TYPE = 72


def _err(toks: list[Tok], i: int) -> SqlError:
    if i < len(toks):
        tok = toks[i]
        near = "?" if tok.kind is TokKind.RAW and tok.text.startswith("$") else tok.text
        return SqlError(SYNTAX_ERROR, near=near, offset=max(tok.pos, 0))
    last = toks[-1] if toks else None
    return SqlError(SYNTAX_ERROR, near="", offset=(last.pos + len(last.text)) if last else 0)


def _words(toks: list[Tok], i: int, n: int) -> list[str]:
    return [t.up for t in toks[i : i + n]]


def _done(toks: list[Tok], i: int) -> None:
    if i < len(toks):
        raise _err(toks, i)


def _simple(kind: Kind, code: int, sql: str = "", **extra: object) -> Translation:
    return Translation(kind, sql, int(code), 0, **extra)  # type: ignore[arg-type]


def translate(sql: str, *, from_client: bool = True, schema: Schema | None = None) -> Translation:
    """Translate one Informix statement; raise SqlError where the server would refuse it.
    ``from_client=False`` is for the SQL a routine runs, where ``?`` stands for a variable;
    ``schema`` (the catalog's view of the tables named) enables the type-dependent rewrites."""
    toks = tokenize(sql)
    if not toks:
        raise SqlError(SYNTAX_ERROR, near="", offset=0)
    first = toks[0].up
    if (first == "CREATE" and _routine_word(toks)) or first in ("EXECUTE", "CALL"):
        return _routine(sql, toks)
    while toks and toks[-1].is_op(";"):
        toks = toks[:-1]
    for k, tok in enumerate(toks):
        if tok.is_op(";"):
            raise _err(toks, k)
    if not toks:
        raise SqlError(SYNTAX_ERROR, near=";", offset=0)
    toks, params = number_params(toks)
    if from_client:
        _reject_bare_params(toks)
    result = _dispatch(toks, schema)
    takes_params = result.kind in (Kind.SELECT, Kind.INSERT, Kind.UPDATE, Kind.DELETE) or (
        result.kind is Kind.CREATE_TABLE and result.temp
    )
    if params and not takes_params:
        raise _err(toks, next(k for k, t in enumerate(toks) if t.text.startswith("$")))
    if params:
        result = Translation(**{**result.__dict__, "param_count": params})
    return result


def _dispatch(toks: list[Tok], schema: Schema | None) -> Translation:
    first = toks[0].up
    if first in ("SELECT", "(") or toks[0].is_op("("):
        return _select(toks, schema)
    if first == "INSERT":
        return dml.insert(toks, schema)
    if first == "UPDATE":
        if _words(toks, 1, 1) == ["STATISTICS"]:
            return _simple(Kind.UPDATE_STATISTICS, St.UPDATE_STATISTICS)
        return dml.update(toks, schema)
    if first == "DELETE":
        return dml.delete(toks, schema)
    handler = _STATEMENTS.get(first)
    if handler is None:
        raise _err(toks, 0)
    return handler(toks)


# --- queries and DML ---------------------------------------------------------------------


def _select(toks: list[Tok], schema: Schema | None) -> Translation:
    toks = _strip_for_update(toks)
    into = _into_temp(toks)
    if into is not None:
        start, end, name = into
        body = render(schema_rewrites.apply(rewrite(toks[:start] + toks[end:]), schema))
        sql = f"CREATE TEMP TABLE {name} AS {body}"
        return Translation(Kind.CREATE_TABLE, sql, int(St.SELECT_INTO), 0, table=name, temp=True)
    sql = render(schema_rewrites.apply(rewrite(toks), schema))
    return Translation(Kind.SELECT, sql, int(St.SELECT), 0)


_PROJECTION_PREFIX = frozenset({"DISTINCT", "UNIQUE", "ALL"})
_ROW_LIMITS = frozenset({"SKIP", "FIRST", "LIMIT", "MIDDLE"})


def _reject_bare_params(toks: list[Tok]) -> None:
    """A bare ``?`` (optionally with an alias) in the select list is -201: the server cannot
    type it; ``?::INT`` works (sqli-facts part A §3 "Binding")."""
    if toks[0].up != "SELECT":
        return
    i = 1
    while i < len(toks) and (toks[i].up in _ROW_LIMITS or toks[i].up in _PROJECTION_PREFIX):
        i += 2 if toks[i].up in _ROW_LIMITS else 1
    depth = 0
    end = i
    while end < len(toks):
        tok = toks[end]
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
        elif depth == 0 and tok.up in ("FROM", "INTO"):
            break
        end += 1
    start = i
    for item in split_top(toks[i:end]):
        if item and _is_param(item[0]) and _is_alias(item[1:]):
            raise _err(toks, start)
        start += len(item) + 1


def _is_param(tok: Tok) -> bool:
    return tok.kind is TokKind.RAW and tok.text.startswith("$")


def _is_alias(rest: list[Tok]) -> bool:
    """Nothing, ``name`` or ``AS name``: what may follow a select item that is a value alone."""
    if rest and rest[0].up == "AS":
        rest = rest[1:]
    return len(rest) <= 1 and all(t.kind is TokKind.IDENT for t in rest)


def _strip_for_update(toks: list[Tok]) -> list[Tok]:
    """FOR UPDATE [OF cols] / FOR READ ONLY: DuckDB has no row locks; the engine serialises."""
    depth = 0
    for k, tok in enumerate(toks):
        if tok.kind is TokKind.OP and tok.text in "([":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]":
            depth -= 1
        elif depth == 0 and tok.up == "FOR" and _words(toks, k + 1, 1) in (["UPDATE"], ["READ"]):
            return toks[:k]
    return toks


def _into_temp(toks: list[Tok]) -> tuple[int, int, str] | None:
    """Where ``INTO TEMP|SCRATCH name [WITH NO LOG]`` is, at the outer level."""
    depth = 0
    for k, tok in enumerate(toks):
        if tok.kind is TokKind.OP and tok.text in "([":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]":
            depth -= 1
        elif depth == 0 and tok.up == "INTO" and _words(toks, k + 1, 1) in (["TEMP"], ["SCRATCH"]):
            name, end = table_name(toks, k + 2)
            if _words(toks, end, 3) == ["WITH", "NO", "LOG"]:
                end += 3
            return k, end, name
    return None


# --- transactions and session ------------------------------------------------------------


def _begin(toks: list[Tok]) -> Translation:
    i = 2 if _words(toks, 1, 1) in (["WORK"], ["TRANSACTION"]) else 1
    _done(toks, i)
    return _simple(Kind.BEGIN, St.BEGIN_WORK, "BEGIN TRANSACTION")


def _commit(toks: list[Tok]) -> Translation:
    i = 2 if _words(toks, 1, 1) in (["WORK"], ["TRANSACTION"]) else 1
    _done(toks, i)
    return _simple(Kind.COMMIT, St.COMMIT_WORK, "COMMIT")


def _rollback(toks: list[Tok]) -> Translation:
    i = 2 if _words(toks, 1, 1) == ["WORK"] else 1
    if _words(toks, i, 1) == ["TO"]:
        i += 1
        if _words(toks, i, 1) == ["SAVEPOINT"]:
            i += 1
        name, i = _ident(toks, i)
        _done(toks, i)
        return _simple(Kind.ROLLBACK_TO_SAVEPOINT, St.ROLLBACK_TO_SAVEPOINT, name=name)
    _done(toks, i)
    return _simple(Kind.ROLLBACK, St.ROLLBACK_WORK, "ROLLBACK")


def _ident(toks: list[Tok], i: int) -> tuple[str, int]:
    if i >= len(toks) or toks[i].kind is not TokKind.IDENT:
        raise _err(toks, i)
    return toks[i].text.lower(), i + 1


def _savepoint(toks: list[Tok]) -> Translation:
    name, i = _ident(toks, 1)
    if _words(toks, i, 1) == ["UNIQUE"]:
        i += 1
    _done(toks, i)
    return _simple(Kind.SAVEPOINT, St.SAVEPOINT, name=name)


def _release(toks: list[Tok]) -> Translation:
    if _words(toks, 1, 1) != ["SAVEPOINT"]:
        raise _err(toks, 1)
    name, i = _ident(toks, 2)
    _done(toks, i)
    return _simple(Kind.RELEASE_SAVEPOINT, St.RELEASE_SAVEPOINT, name=name)


def _db_name(toks: list[Tok], i: int) -> tuple[str, int]:
    """``db`` or ``db@server`` (the server part is dropped)."""
    name, i = _ident(toks, i)
    if i + 1 < len(toks) and toks[i].is_op("@"):
        i += 2
    return name, i


def _database(toks: list[Tok]) -> Translation:
    name, i = _db_name(toks, 1)
    if _words(toks, i, 1) == ["EXCLUSIVE"]:
        i += 1
    _done(toks, i)
    return _simple(Kind.DATABASE, St.DATABASE, database=name)


def _close(toks: list[Tok]) -> Translation:
    if _words(toks, 1, 1) != ["DATABASE"]:
        raise _err(toks, 1)
    _done(toks, 2)
    return _simple(Kind.CLOSE_DATABASE, St.CLOSE_DATABASE)


def _create_database(toks: list[Tok], i: int) -> Translation:
    name, i = _db_name(toks, i)
    log_mode: str | None = None
    if _words(toks, i, 1) == ["IN"]:
        i += 2
    words = _words(toks, i, 4)
    if words[:2] == ["WITH", "LOG"] and words[2:4] == ["MODE", "ANSI"]:
        log_mode, i = "ansi", i + 4
    elif words[:3] == ["WITH", "BUFFERED", "LOG"]:
        log_mode, i = "buffered", i + 3
    elif words[:2] == ["WITH", "LOG"]:
        log_mode, i = "log", i + 2
    _done(toks, i)
    return _simple(Kind.CREATE_DATABASE, St.CREATE_DATABASE, database=name, log_mode=log_mode)


def _set(toks: list[Tok]) -> Translation:
    word = toks[1].up if len(toks) > 1 else ""
    if word == "ISOLATION":
        i = 3 if _words(toks, 2, 1) == ["TO"] else 2
        return _isolation(toks, i)
    if word == "TRANSACTION":
        if _words(toks, 2, 2) == ["ISOLATION", "LEVEL"]:
            return _isolation(toks, 4)
        return _simple(Kind.SET_OTHER, _UNKNOWN_TYPE)  # SET TRANSACTION READ WRITE / ONLY
    if word == "LOCK":
        return _lock_mode(toks)
    if word in _SET_TYPES or word:
        return _simple(Kind.SET_OTHER, _SET_TYPES.get(word, _UNKNOWN_TYPE))
    raise _err(toks, 1)


def _isolation(toks: list[Tok], i: int) -> Translation:
    for words, level in _ISOLATION.items():
        if tuple(_words(toks, i, len(words))) == words:
            j = i + len(words)
            if _words(toks, j, 2) == ["LAST", "COMMITTED"]:
                j += 2
            elif _words(toks, j, 2) == ["RETAIN", "UPDATE"]:
                j += 3 if _words(toks, j + 2, 1) == ["LOCKS"] else 2
            _done(toks, j)
            return _simple(Kind.SET_ISOLATION, St.SET_ISOLATION, isolation=level)
    raise _err(toks, i)


def _lock_mode(toks: list[Tok]) -> Translation:
    if _words(toks, 2, 2) != ["MODE", "TO"]:
        raise _err(toks, 2)
    i = 4
    wait: int | None
    if _words(toks, i, 2) == ["NOT", "WAIT"]:
        wait, i = None, i + 2
    elif _words(toks, i, 1) == ["WAIT"]:
        i += 1
        wait = -1
        if i < len(toks) and toks[i].kind is TokKind.NUMBER:
            wait, i = int(toks[i].text), i + 1
    else:
        raise _err(toks, i)
    _done(toks, i)
    return _simple(Kind.SET_LOCK_MODE, St.SET_LOCK_MODE, lock_wait=wait)


# --- DDL entry points --------------------------------------------------------------------


def _create(toks: list[Tok]) -> Translation:
    words = _words(toks, 1, 3)
    if words[0] in ("TEMP", "SCRATCH"):
        return ddl.create_table(toks, 2, temp=True)
    if words[0] in ("STANDARD", "RAW"):
        return ddl.create_table(toks, 2, temp=False)
    if words[0] == "TABLE":
        return ddl.create_table(toks, 1, temp=False)
    i = 1
    unique = False
    if words[0] in ("UNIQUE", "DISTINCT"):
        unique, i = True, 2
    if _words(toks, i, 1) == ["CLUSTER"]:
        i += 1
    if _words(toks, i, 1) == ["INDEX"]:
        return ddl.create_index(toks, i, unique)
    if words[0] == "VIEW":
        return ddl.create_view(toks, 1)
    if words[0] == "SEQUENCE":
        return ddl.create_sequence(toks, 1)
    if words[0] == "DATABASE":
        return _create_database(toks, 2)
    if words[:2] == ["ROW", "TYPE"]:
        return named_types.create_row_type(toks, 1)
    if words[0] in ("SYNONYM", "PUBLIC", "PRIVATE", "ROLE", "TRIGGER", "SCHEMA"):
        return _simple(Kind.OTHER, _UNKNOWN_TYPE)
    raise _err(toks, 1)


_DROPS = {
    "TABLE": (Kind.DROP_TABLE, St.DROP_TABLE),
    "VIEW": (Kind.DROP_VIEW, St.DROP_VIEW),
    "INDEX": (Kind.DROP_INDEX, St.DROP_INDEX),
    "SEQUENCE": (Kind.DROP_SEQUENCE, St.DROP_SEQUENCE),
}


def _drop(toks: list[Tok]) -> Translation:
    word = toks[1].up if len(toks) > 1 else ""
    if word == "DATABASE":
        name, i = _db_name(toks, 2)
        _done(toks, i)
        return _simple(Kind.DROP_DATABASE, St.DROP_DATABASE, database=name)
    if word == "ROW":
        return named_types.drop_row_type(toks, 1)
    if word in ("PROCEDURE", "FUNCTION", "ROUTINE"):
        name, _ = _ident(toks, 2)
        kind = Kind.DROP_FUNCTION if word == "FUNCTION" else Kind.DROP_PROCEDURE
        return _simple(kind, St.DROP_PROCEDURE, render(toks), name=name)
    if word not in _DROPS:
        if word in ("SYNONYM", "ROLE", "TRIGGER"):
            return _simple(Kind.OTHER, _UNKNOWN_TYPE)
        raise _err(toks, 1)
    kind, code = _DROPS[word]
    i = 2
    exists = _words(toks, i, 2) == ["IF", "EXISTS"]
    if exists:
        i += 2
    name, i = table_name(toks, i)
    cascade = ""
    if _words(toks, i, 1) in (["CASCADE"], ["RESTRICT"]):
        cascade, i = " " + toks[i].up, i + 1
    _done(toks, i)
    sql = f"DROP {word}{' IF EXISTS' if exists else ''} {name}{cascade}"
    table = name if kind is Kind.DROP_TABLE else None
    return _simple(kind, code, sql, table=table, name=name)


def _alter(toks: list[Tok]) -> Translation:
    if _words(toks, 1, 1) == ["TABLE"]:
        return ddl.alter_table(toks, 1)
    if _words(toks, 1, 1) in (["INDEX"], ["SEQUENCE"], ["FRAGMENT"]):
        return _simple(Kind.OTHER, St.ALTER_INDEX if toks[1].up == "INDEX" else _UNKNOWN_TYPE)
    raise _err(toks, 1)


def _rename(toks: list[Tok]) -> Translation:
    word = toks[1].up if len(toks) > 1 else ""
    if word == "TABLE":
        old, i = table_name(toks, 2)
        if _words(toks, i, 1) != ["TO"]:
            raise _err(toks, i)
        new, i = _ident(toks, i + 1)
        _done(toks, i)
        sql = f"ALTER TABLE {old} RENAME TO {new}"
        return _simple(Kind.ALTER_TABLE, St.RENAME_TABLE, sql, table=old, name=new)
    if word == "COLUMN":
        parts = [_ident(toks, 2)]
        while parts[-1][1] + 1 < len(toks) and toks[parts[-1][1]].is_op("."):
            parts.append(_ident(toks, parts[-1][1] + 1))
        if len(parts) not in (2, 3):
            raise _err(toks, parts[-1][1])
        table, (old, i) = parts[-2][0], parts[-1]
        if _words(toks, i, 1) != ["TO"]:
            raise _err(toks, i)
        new, i = _ident(toks, i + 1)
        _done(toks, i)
        sql = f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}"
        return _simple(
            Kind.ALTER_TABLE, St.RENAME_COLUMN, sql, table=table, name=new, renamed_from=old
        )
    raise _err(toks, 1)


def _lock(toks: list[Tok]) -> Translation:
    if _words(toks, 1, 1) != ["TABLE"]:
        raise _err(toks, 1)
    table, i = table_name(toks, 2)
    if _words(toks, i, 1) != ["IN"] or _words(toks, i + 1, 1) not in (["SHARE"], ["EXCLUSIVE"]):
        raise _err(toks, i)
    _done(toks, i + 3 if _words(toks, i + 2, 1) == ["MODE"] else i + 2)
    return _simple(Kind.LOCK_TABLE, St.LOCK_TABLE, table=table)


def _unlock(toks: list[Tok]) -> Translation:
    if _words(toks, 1, 1) != ["TABLE"]:
        raise _err(toks, 1)
    table, i = table_name(toks, 2)
    _done(toks, i)
    return _simple(Kind.UNLOCK_TABLE, St.UNLOCK_TABLE, table=table)


def _truncate(toks: list[Tok]) -> Translation:
    i = 2 if _words(toks, 1, 1) == ["TABLE"] else 1
    table, i = table_name(toks, i)
    while i < len(toks) and toks[i].up in ("DROP", "REUSE", "STORAGE", "KEEP", "STATISTICS"):
        i += 1
    _done(toks, i)
    return _simple(Kind.DELETE, St.TRUNCATE, f"DELETE FROM {table}", table=table)


def _grant(toks: list[Tok]) -> Translation:
    kind = Kind.GRANT if toks[0].up == "GRANT" else Kind.REVOKE
    return _simple(kind, St.GRANT if kind is Kind.GRANT else St.REVOKE)


def _with(toks: list[Tok]) -> Translation:
    raise _err(toks, 0)  # IDS 12.10 has no WITH (CTE): -201 (sqli-facts "Statements")


_STATEMENTS = {
    "BEGIN": _begin,
    "COMMIT": _commit,
    "ROLLBACK": _rollback,
    "SAVEPOINT": _savepoint,
    "RELEASE": _release,
    "DATABASE": _database,
    "CLOSE": _close,
    "SET": _set,
    "CREATE": _create,
    "DROP": _drop,
    "ALTER": _alter,
    "RENAME": _rename,
    "LOCK": _lock,
    "UNLOCK": _unlock,
    "TRUNCATE": _truncate,
    "GRANT": _grant,
    "REVOKE": _grant,
    "WITH": _with,
}


# --- SPL routines: classified only --------------------------------------------------------


def _routine_word(toks: list[Tok]) -> bool:
    i = 1
    if _words(toks, i, 1) == ["DBA"]:
        i += 1
    return _words(toks, i, 1) in (["PROCEDURE"], ["FUNCTION"])


def _routine(sql: str, toks: list[Tok]) -> Translation:
    """CREATE PROCEDURE/FUNCTION, EXECUTE PROCEDURE/FUNCTION, CALL: kind, name, original text."""
    params = sum(1 for t in toks if t.kind is TokKind.PARAM)
    first = toks[0].up
    if first == "CREATE":
        i = 2 if _words(toks, 1, 1) == ["DBA"] else 1
        kind = Kind.CREATE_FUNCTION if toks[i].up == "FUNCTION" else Kind.CREATE_PROCEDURE
        name, _ = _routine_name(toks, i + 1)
        end_word = "FUNCTION" if kind is Kind.CREATE_FUNCTION else "PROCEDURE"
        ends = [
            k for k, t in enumerate(toks) if t.up == "END" and _words(toks, k + 1, 1) == [end_word]
        ]
        if not ends:
            raise _err(toks, len(toks))
        return Translation(kind, sql, int(St.CREATE_PROCEDURE), params, name=name)
    if first == "EXECUTE":
        word = toks[1].up if len(toks) > 1 else ""
        if word not in ("PROCEDURE", "FUNCTION"):
            raise _err(toks, 1)
        kind = Kind.EXECUTE_FUNCTION if word == "FUNCTION" else Kind.EXECUTE_PROCEDURE
        name, i = _routine_name(toks, 2)
    else:
        kind = Kind.EXECUTE_PROCEDURE
        name, i = _routine_name(toks, 1)
    if i < len(toks) and toks[i].is_op("("):
        i = matching(toks, i) + 1
    if i < len(toks) and toks[i].up == "INTO":
        i = len(toks)
    while i < len(toks) and toks[i].is_op(";"):
        i += 1
    _done(toks, i)
    return Translation(kind, sql, int(St.EXECUTE_PROCEDURE), params, name=name)


def _routine_name(toks: list[Tok], i: int) -> tuple[str, int]:
    name, i = _ident(toks, i)
    if i + 1 < len(toks) and toks[i].is_op(".") and toks[i + 1].kind is TokKind.IDENT:
        name, i = toks[i + 1].text.lower(), i + 2
    return name, i
