"""Stored procedures and functions (SPL) in a database: their catalog rows, and running them.

The language itself is ``engine.spl`` (parse, describe, interpret); this module keeps routines in
``sysprocedures`` / ``sysprocbody`` / ``sysproccolumns`` (IBM Guide to SQL: Reference) and parses
them back from their 'T' text when called, so every session of the database sees the same
routines, transactionally.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import duckdb

from informix_testserver.engine import errors, spl
from informix_testserver.engine.catalog import OWNER, scalar
from informix_testserver.engine.columns import ColumnSpec, declared_spec

#: Parsed routines by their CREATE text (parsing is the costly part; the text is the identity).
_PARSED: dict[str, spl.Routine] = {}


def _parse(text: str) -> spl.Routine:
    routine = _PARSED.get(text)
    if routine is None:
        routine = _PARSED[text] = spl.parse_routine(text)
    return routine


def find(cur: duckdb.DuckDBPyConnection, name: str) -> spl.Routine | None:
    """The routine called ``name`` in the current database."""
    rows = cur.execute(
        "SELECT b.data FROM sysprocedures p JOIN sysprocbody b ON b.procid = p.procid "
        "WHERE p.procname = ? AND b.datakey = 'T' ORDER BY b.seqno",
        [name.lower()],
    ).fetchall()
    if not rows:
        return None
    return _parse("".join(str(data) for (data,) in rows))


def names(cur: duckdb.DuckDBPyConnection) -> set[str]:
    return {str(name) for (name,) in cur.execute("SELECT procname FROM sysprocedures").fetchall()}


def create(cur: duckdb.DuckDBPyConnection, text: str) -> None:
    """CREATE PROCEDURE / FUNCTION: parse (-201 on bad syntax) and record it."""
    routine = spl.parse_routine(text)
    if find(cur, routine.name) is not None:
        raise errors.error(errors.ROUTINE_EXISTS, routine.name)
    entry = spl.catalog_entry(routine)
    procid = int(scalar(cur, "SELECT coalesce(max(procid), 0) + 1 FROM sysprocedures"))
    cur.execute(
        "INSERT INTO sysprocedures (procname, owner, procid, mode, retsize, numargs, isproc, "
        "specificname, paramtypes, iterator, langid, internal) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)",
        [entry.procname, routine.owner or OWNER, procid, entry.mode, entry.retsize,
         entry.numargs, entry.isproc, routine.specific_name or None, entry.paramtypes,
         entry.iterator, entry.langid],
    )  # fmt: skip
    for datakey, seqno, data in entry.body:
        cur.execute("INSERT INTO sysprocbody VALUES (?, ?, ?, ?)", [procid, datakey, seqno, data])
    for paramname, paramid, paramtype, paramlen, paramattr in entry.columns:
        cur.execute(
            "INSERT INTO sysproccolumns VALUES (?, ?, ?, ?, ?, 0, ?)",
            [procid, paramname, paramid, paramtype, paramlen, paramattr],
        )


def drop(cur: duckdb.DuckDBPyConnection, text: str) -> None:
    """DROP PROCEDURE / FUNCTION: -674 when there is no such routine."""
    _, name = spl.parse_drop(text)
    found = cur.execute("SELECT procid FROM sysprocedures WHERE procname = ?", [name]).fetchone()
    if found is None:
        raise errors.error(errors.NO_ROUTINE, name)
    for table in ("sysprocedures", "sysprocbody", "sysproccolumns"):
        cur.execute(f"DELETE FROM {table} WHERE procid = ?", [found[0]])


def result_columns(cur: duckdb.DuckDBPyConnection, text: str) -> list[ColumnSpec]:
    """DESCRIBE of EXECUTE PROCEDURE / FUNCTION: the routine's RETURNING clause."""
    name, _, _ = spl.parse_execute(text)
    routine = find(cur, name)
    if routine is None:
        raise errors.error(errors.NO_ROUTINE, name)
    return [
        declared_spec(c.name, c.type_code, c.length, True, c.extended_name)
        for c in spl.result_columns(routine)
    ]


class Runner:
    """One EXECUTE PROCEDURE / FUNCTION: its SQL goes through ``sql`` (the session's), nested
    calls resolve in the same database, DEFINE GLOBAL variables live in ``globals_``."""

    def __init__(
        self, cur: duckdb.DuckDBPyConnection, sql: spl.SqlCall, globals_: dict[str, object]
    ) -> None:
        self.cur = cur
        self.sql = sql
        self.globals = globals_
        self.known = names(cur)

    def call(self, name: str, args: list[object]) -> Iterator[tuple[object, ...]]:
        routine = find(self.cur, name)
        if routine is None:
            raise errors.error(errors.NO_ROUTINE, name)
        return spl.run_routine(
            routine, args, self.sql, self.call, is_routine=self.known.__contains__,
            globals_=self.globals,
        )  # fmt: skip

    def execute(self, text: str, params: Sequence[Any]) -> list[tuple[object, ...]]:
        name, args, _ = spl.parse_execute(text)
        values = spl.argument_values(args, list(params), self.sql)
        return list(self.call(name, values))
