"""SERIAL, SERIAL8 and BIGSERIAL counters on DuckDB sequences.

Informix semantics (IBM Guide to SQL: Reference, "SERIAL(n) data type", "BIGSERIAL data
type"): generated values run from 1 to 2**31-1 (SERIAL) or 2**63-1 (SERIAL8, BIGSERIAL); an
inserted 0 draws the next value; an explicit value above the counter moves the counter to it;
and a counter that reaches its maximum starts again at 1 rather than failing (IBM APAR IT30917:
"A SERIAL column, once having reached its maximum value (2^31-1), will restart from 1"), so an
insert fails only if the value drawn collides with a unique index (-268 / -239).

DuckDB sequences cannot hand out their own MAXVALUE 2**63-1 and cannot be restarted, so a
column's default is ``nextval(seq) + 1`` over a CYCLE sequence from 0 to maximum-1 (which wraps
to 0, i.e. to serial 1), and an explicit value moves the counter by replacing the sequence with
a successor that starts at that value (constant time for any gap).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from informix_wire.typecodes import TypeCode

#: The largest generated value of each serial type.
MAXIMUM = {int(TypeCode.SERIAL): 2**31 - 1, int(TypeCode.SERIAL8): 2**63 - 1,
           int(TypeCode.BIGSERIAL): 2**63 - 1}  # fmt: skip
CODES = tuple(MAXIMUM)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def draw_sql(seq: str) -> str:
    """The next serial value of the counter ``seq`` (the column default)."""
    return f"(nextval({_lit(seq)}) + 1)"


def _create_sequence(cur: duckdb.DuckDBPyConnection, seq: str, code: int, last: int) -> None:
    """A counter whose next value is ``last + 1`` (1 after the maximum)."""
    maximum = MAXIMUM[code]
    start = last if 0 <= last < maximum else 0
    cur.execute(f"CREATE SEQUENCE {_q(seq)} START {start} MINVALUE 0 MAXVALUE {maximum - 1} CYCLE")


def _point_default(cur: duckdb.DuckDBPyConnection, table: str, column: str, seq: str) -> None:
    cur.execute(f"ALTER TABLE {_q(table)} ALTER COLUMN {_q(column)} SET DEFAULT {draw_sql(seq)}")


def create(cur: duckdb.DuckDBPyConnection, table: str, column: str, code: int, start: int) -> None:
    """CREATE TABLE with a SERIAL(start) column: its counter and default."""
    seq = f"{table}_{column}_serial"
    _create_sequence(cur, seq, code, max(1, start) - 1)
    _point_default(cur, table, column, seq)


def sequence(cur: duckdb.DuckDBPyConnection, table: str, column: str) -> str | None:
    """The counter a SERIAL column draws from now: ``<table>_<column>_serial``, or a successor
    ``..._serial_<n>`` made when an explicit value moved the counter on."""
    base = f"{table}_{column}_serial"
    row = cur.execute(
        "SELECT sequence_name FROM duckdb_sequences() WHERE database_name = current_database()"
        " AND (sequence_name = ? OR starts_with(sequence_name, ?))",
        [base, base + "_"],
    ).fetchone()
    return None if row is None else str(row[0])


def drop(cur: duckdb.DuckDBPyConnection, table: str, column: str) -> None:
    seq = sequence(cur, table, column)
    if seq is not None:
        cur.execute(f"DROP SEQUENCE IF EXISTS {_q(seq)}")


def draw_for_zero(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    serials: Sequence[tuple[str, int]],
    rows: list[tuple[Any, ...]],
) -> list[tuple[Any, ...]]:
    """A SERIAL inserted as 0 draws the next value (IBM Guide to SQL: Reference, "SERIAL data
    type"); the rows just inserted are the only ones holding 0."""
    out = [list(row) for row in rows]
    for index, (column, _) in enumerate(serials):
        seq = sequence(cur, table, column)
        if seq is None or not any(row[index] == 0 for row in rows):
            continue
        drawn = cur.execute(
            f"UPDATE {_q(table)} SET {_q(column)} = {draw_sql(seq)} "
            f"WHERE {_q(column)} = 0 RETURNING {_q(column)}"
        ).fetchall()
        values = iter(value for (value,) in drawn)
        for row in out:
            if row[index] == 0:
                row[index] = next(values, 0)
    return [tuple(row) for row in out]


def move_past(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    serials: Sequence[tuple[str, int]],
    rows: list[tuple[Any, ...]],
) -> None:
    """An explicit value above the counter moves the counter to it (IBM Guide to SQL:
    Reference, "SERIAL data type"): the column gets a successor counter."""
    for index, (column, code) in enumerate(serials):
        highest = max((row[index] for row in rows if row[index] is not None), default=None)
        seq = sequence(cur, table, column)
        if highest is None or seq is None:
            continue
        found = cur.execute(
            "SELECT coalesce(last_value, start_value - 1) + 1 FROM duckdb_sequences() "
            "WHERE database_name = current_database() AND sequence_name = ?",
            [seq],
        ).fetchone()
        if found is None or int(highest) <= int(found[0]):
            continue
        successor = f"{table}_{column}_serial_{int(highest)}"
        _create_sequence(cur, successor, code, int(highest))
        _point_default(cur, table, column, successor)
        cur.execute(f"DROP SEQUENCE {_q(seq)}")
