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


@pytest.mark.parametrize(
    ("kind", "maximum"), [("SERIAL", 2**31 - 1), ("SERIAL8", 2**63 - 1), ("BIGSERIAL", 2**63 - 1)]
)
def test_counter_reaches_the_maximum_then_starts_again_at_1(
    informix_server: Any, kind: str, maximum: int
) -> None:
    """Values run up to the type's maximum; the next one is 1 again, not an error (IBM APAR
    IT30917: a SERIAL at 2^31-1 "will restart from 1"); a clash with a unique key is -268."""
    conn = connect(informix_server, autocommit=True)
    table = table_name("ser")
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table} (id {kind} PRIMARY KEY, v INT)")
    try:
        cur.execute(f"INSERT INTO {table} VALUES (?, 1)", (maximum - 1,))
        cur.execute(f"INSERT INTO {table} (v) VALUES (2)")
        assert cur.lastrowid == maximum
        cur.execute(f"INSERT INTO {table} (v) VALUES (3)")
        assert cur.lastrowid == 1
        cur.execute(f"INSERT INTO {table} VALUES (0, 4)")
        assert cur.lastrowid == 2
        cur.execute(f"SELECT id, v FROM {table} ORDER BY v")
        assert cur.fetchall() == [(maximum - 1, 1), (maximum, 2), (1, 3), (2, 4)]
        with pytest.raises(informix_db.IntegrityError) as caught:  # explicit: a duplicate
            cur.execute(f"INSERT INTO {table} VALUES (?, 5)", (maximum,))
        assert caught.value.sqlcode == -268
    finally:
        cur.execute(f"DROP TABLE {table}")
        conn.close()


def test_serial_start_and_a_draw_after_a_wrap_collide_with_existing_rows(
    informix_server: Any,
) -> None:
    conn = connect(informix_server, autocommit=True)
    table = table_name("ser")
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table} (id SERIAL(5) UNIQUE, v INT)")
    try:
        cur.execute(f"INSERT INTO {table} (v) VALUES (1)")
        assert cur.lastrowid == 5
        cur.execute(f"INSERT INTO {table} VALUES (?, 2)", (2**31 - 1,))
        cur.execute(f"INSERT INTO {table} VALUES (0, 3)")
        assert cur.lastrowid == 1
        cur.execute(f"INSERT INTO {table} VALUES (-7, 4)")  # negative values do not move it
        cur.execute(f"INSERT INTO {table} VALUES (0, 5)")
        assert cur.lastrowid == 2
    finally:
        cur.execute(f"DROP TABLE {table}")
        conn.close()
