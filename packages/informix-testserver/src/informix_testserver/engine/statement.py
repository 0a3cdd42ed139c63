"""A prepared statement and its result, as the protocol layer (``session.py``) uses them, and
DESCRIBE: the result columns of a SELECT with the declared Informix types of base-table columns.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from informix_testserver.engine import composite
from informix_testserver.engine.catalog import declared_columns
from informix_testserver.engine.columns import ColumnSpec, inferred_spec, same_family
from informix_testserver.engine.values import Shaper, shapers

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")


@dataclass
class Prepared:
    """What PREPARE produced: the translation, the DESCRIBE columns, the parameter count."""

    sql: str
    translation: Any
    columns: list[ColumnSpec]
    statement_type: int
    param_count: int
    #: SQ_IDESCRIBE's parameter types (``param_types.infer``, at PREPARE); None means "not known"
    #: (the client binds its own type).
    param_types: list[ColumnSpec | None] = field(default_factory=list)
    #: SQL run after an INSERT/UPDATE to keep the table's SETs and MULTISETs in stored order
    #: (``composite.fixup_sql``); "" when there are none.
    fixup: str = ""
    #: The conversions result rows need (``values.shapers``), planned once here.
    shapers: tuple[tuple[int, Shaper], ...] = field(init=False)

    def __post_init__(self) -> None:
        planned = dict(shapers(self.columns))
        for index, spec in enumerate(self.columns):  # named ROW columns: by their type tree
            node = getattr(spec, "node", None)
            if node is not None:
                planned[index] = composite.node_shaper(node)
        self.shapers = tuple(sorted(planned.items()))

    @property
    def kind(self) -> Any:
        return self.translation.kind


@dataclass
class Result:
    """Rows of a cursor, or the counts of a statement (SQ_DONE / SQ_INSERTDONE)."""

    rows: Iterator[tuple[Any, ...]] = field(default_factory=lambda: iter(()))
    rowcount: int = 0
    serial: int = 0
    serial8: int = 0
    bigserial: int = 0

    def close(self) -> None:
        """Rows are fetched whole at OPEN, so there is nothing to release."""


def column_name(name: str) -> str:
    """Result column names as IDS gives them: unquoted identifiers in lower case, other
    expressions ``(expression)`` (sqli-facts §3: expression columns get such names)."""
    if _IDENT.fullmatch(name):
        return name.lower()
    if re.fullmatch(r"-?\d+(\.\d+)?|'.*'", name):
        return "(constant)"
    if name.lower().startswith(("count_star", "cast(count_star()")):
        return "(count(*))"
    return "(expression)"


def describe(
    cur: duckdb.DuckDBPyConnection,
    sql: str,
    param_count: int,
    temp_tables: Mapping[str, Sequence[ColumnSpec]],
) -> list[ColumnSpec]:
    """The result columns of ``sql``: DuckDB binds it (DESCRIBE, parameters NULL), and a column
    named like a column of a table the statement mentions, of the same type family, is described
    with that column's declared type (Informix describes base-table columns as declared)."""
    shape = cur.execute(f"DESCRIBE {sql}", [None] * param_count).fetchall()
    words = list(dict.fromkeys(w.lower() for w in _IDENT.findall(sql)))
    tables = {name: list(cols) for name, cols in temp_tables.items() if name in words}
    tables.update(declared_columns(cur, [w for w in words if w not in tables]))
    by_name: dict[str, ColumnSpec] = {}
    for word in words:
        for spec in tables.get(word, ()):
            by_name.setdefault(spec.name, spec)
    out = []
    for name, duck_type, *_ in shape:
        label = column_name(str(name))
        inferred = inferred_spec(label, str(duck_type))
        declared = by_name.get(str(name).lower())
        if declared is not None and same_family(declared, inferred):
            out.append(dataclasses.replace(declared, name=label))  # keeps a RowTypeSpec's tree
        else:
            out.append(inferred)
    return out
