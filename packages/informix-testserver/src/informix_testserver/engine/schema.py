"""What the catalog says about the tables a statement names: the declared column types that the
dialect's type-dependent rewrites need (fitting strings to CHAR / VARCHAR columns, blank-
insensitive comparisons, floating DECIMAL columns) and the SPL functions SQL may call.

The engine builds one per statement (``EngineSession.schema_for``); the dialect stays pure and
treats a missing schema as "nothing known", translating as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import duckdb

from informix_testserver.engine.catalog import declared_columns
from informix_testserver.engine.columns import ColumnSpec
from informix_wire.typecodes import TypeCode

#: Blank-padded types (IBM Guide to SQL: Reference, "CHAR(n) data type", "NCHAR(n)").
FIXED = "fixed"
#: Variable-length types, which keep trailing blanks (VARCHAR, NVARCHAR, LVARCHAR).
VARYING = "varying"
_FIXED_CODES = frozenset({int(TypeCode.CHAR), int(TypeCode.NCHAR)})
_VARYING_CODES = frozenset({int(TypeCode.VARCHAR), int(TypeCode.NVCHAR)})
#: syscolumns.collength of a floating DECIMAL(p): scale byte 255.
FLOATING_SCALE = 255


@dataclass(frozen=True)
class StringColumn:
    kind: str  # FIXED or VARYING
    size: int  # the declared maximum length


def string_column(spec: ColumnSpec) -> StringColumn | None:
    """The CHAR / VARCHAR nature of a declared column (VARCHAR's length holds max + 256*min)."""
    code = spec.type_code & 0xFF
    if code in _FIXED_CODES:
        return StringColumn(FIXED, spec.length)
    if code in _VARYING_CODES:
        return StringColumn(VARYING, spec.length & 0xFF)
    if spec.extended_name == "lvarchar":
        return StringColumn(VARYING, spec.length)
    return None


def floating_decimal(spec: ColumnSpec) -> int | None:
    """The precision of a floating DECIMAL(p) column, else None."""
    if spec.type_code & 0xFF == TypeCode.DECIMAL and spec.length & 0xFF == FLOATING_SCALE:
        return spec.length >> 8
    return None


@dataclass(frozen=True)
class Schema:
    """Declared columns of the tables a statement names (in column order), the database's
    mode, and the SPL functions callable from SQL (name -> the DuckDB function to call)."""

    tables: Mapping[str, Sequence[ColumnSpec]] = field(default_factory=dict)
    ansi: bool = False
    routines: Mapping[str, str] = field(default_factory=dict)

    def columns(self, table: str) -> Sequence[ColumnSpec] | None:
        return self.tables.get(table.lower())

    def string_names(self) -> dict[str, str]:
        """Column name -> FIXED / VARYING over every named table; a name that is a string in one
        table and not in another is left out (its comparisons are not rewritten), one that is
        CHAR in one and VARCHAR in another counts as VARYING."""
        kinds: dict[str, str] = {}
        others: set[str] = set()
        for specs in self.tables.values():
            for spec in specs:
                found = string_column(spec)
                if found is None:
                    others.add(spec.name)
                elif kinds.get(spec.name) != VARYING:
                    kinds[spec.name] = found.kind
        return {name: kind for name, kind in kinds.items() if name not in others}

    def decimal_names(self) -> dict[str, int]:
        """Column name -> precision of the floating DECIMAL columns, names that are one in every
        named table that has them."""
        found: dict[str, int] = {}
        others: set[str] = set()
        for specs in self.tables.values():
            for spec in specs:
                precision = floating_decimal(spec)
                if precision is None:
                    others.add(spec.name)
                else:
                    found[spec.name] = max(precision, found.get(spec.name, 0))
        return {name: p for name, p in found.items() if name not in others}


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
#: Statements whose translation uses a schema.
_TYPED_STATEMENTS = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE"})


class SchemaCache:
    """Declared columns by the words of a statement, kept while ``generation()`` (bumped by the
    engine after every statement that may change a catalog) stays the same: a PREPARE then
    costs no catalog query when nothing changed."""

    LIMIT = 512

    def __init__(self, generation: Callable[[], int]) -> None:
        self._generation = generation
        self._entries: dict[tuple[str, int, tuple[str, ...]], dict[str, list[ColumnSpec]]] = {}

    def declared(
        self, cur: duckdb.DuckDBPyConnection, database: str, words: tuple[str, ...]
    ) -> dict[str, list[ColumnSpec]]:
        key = (database, self._generation(), words)
        found = self._entries.get(key)
        if found is None:
            if len(self._entries) >= self.LIMIT:
                self._entries.clear()
            found = self._entries[key] = declared_columns(cur, list(words))
        return found


def build(
    cur: duckdb.DuckDBPyConnection,
    sql: str,
    temp_tables: Mapping[str, Sequence[ColumnSpec]],
    ansi: bool,
    routines: Mapping[str, str] | None = None,
    cache: tuple[SchemaCache, str] | None = None,
) -> Schema | None:
    """The schema of a query or DML statement: the declared columns of every table (or temp
    table) whose name is a word of ``sql``; None for other statements. ``cache`` is a
    SchemaCache and the current database's name."""
    first = sql.lstrip(" \t\r\n(").split(None, 1)
    if not first or first[0].upper() not in _TYPED_STATEMENTS:
        return None
    words = tuple(dict.fromkeys(w.lower() for w in _WORD.findall(sql)))
    tables: dict[str, Sequence[ColumnSpec]] = {
        name: specs for name, specs in temp_tables.items() if name in words
    }
    rest = tuple(w for w in words if w not in tables)
    if cache is not None:
        tables.update(cache[0].declared(cur, cache[1], rest))
    else:
        tables.update(declared_columns(cur, list(rest)))
    return Schema(tables, ansi, routines or {})
