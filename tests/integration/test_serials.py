"""SERIAL, SERIAL8 and BIGSERIAL through the driver: drawn values, explicit values that move the
counter on (IBM Guide to SQL: Reference, "SERIAL data type"), the largest values, and NULL."""

from __future__ import annotations

from typing import Any

import pytest
from driver_support import connect, table_name

import informix_db


@pytest.mark.parametrize(
    ("kind", "highest"),
    [("SERIAL", 2**31 - 1), ("SERIAL8", 2**62), ("BIGSERIAL", 2**62)],
)
def test_explicit_value_moves_the_counter_past_it(
    informix_server: Any, kind: str, highest: int
) -> None:
    conn = connect(informix_server, autocommit=True)
    table = table_name("ser")
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table} (id {kind} PRIMARY KEY, v INT)")
    cur.execute(f"CREATE INDEX {table}_v ON {table} (v)")
    try:
        cur.execute(f"INSERT INTO {table} VALUES (0, 1)")
        assert cur.lastrowid == 1
        cur.execute(f"INSERT INTO {table} VALUES (?, 2)", (highest - 1,))
        assert cur.lastrowid == highest - 1
        cur.execute(f"INSERT INTO {table} (v) VALUES (3)")  # the next value follows it
        assert cur.lastrowid == highest
        cur.execute(f"SELECT id FROM {table} ORDER BY id")
        assert [row[0] for row in cur.fetchall()] == [1, highest - 1, highest]
    finally:
        cur.execute(f"DROP TABLE {table}")
        conn.close()


def test_null_into_serial_is_a_not_null_violation(informix_server: Any) -> None:
    conn = connect(informix_server, autocommit=True)
    table = table_name("ser")
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table} (id SERIAL, v INT)")
    try:
        with pytest.raises(informix_db.IntegrityError) as caught:
            cur.execute(f"INSERT INTO {table} VALUES (NULL, 1)")
        assert caught.value.sqlcode == -391
        cur.execute(f"INSERT INTO {table} VALUES (0, 2)")  # the session is still in step
        assert cur.lastrowid == 1
    finally:
        cur.execute(f"DROP TABLE {table}")
        conn.close()
