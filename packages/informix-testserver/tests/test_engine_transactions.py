"""Informix transaction rules on DuckDB: logged, ANSI and unlogged databases, savepoints, errors
inside a transaction, concurrent sessions and disconnects."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from engine_helpers import rows, run, sqlcode

from informix_testserver.engine import Engine, SqlError
from informix_testserver.engine.connection import EngineSession


@pytest.fixture(scope="module")
def eng() -> Iterator[Engine]:
    engine = Engine()
    setup = engine.session("informix")
    setup.open_database("testdb")
    run(setup, "CREATE DATABASE ansidb WITH LOG MODE ANSI")
    run(setup, "CREATE DATABASE nolog")
    setup.close()
    yield engine
    engine.close()


def _session(eng: Engine, database: str) -> EngineSession:
    session = eng.session("informix")
    session.open_database(database)
    return session


@pytest.fixture
def table(eng: Engine, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh table in testdb, named after the test."""
    name = request.node.name.removeprefix("test_")[:30]
    s = _session(eng, "testdb")
    run(s, f"CREATE TABLE {name} (id INT PRIMARY KEY)")
    yield name
    run(s, f"DROP TABLE {name}")
    s.close()


def _codes(s: EngineSession, *calls: str) -> list[int]:
    out = []
    for call in calls:
        with pytest.raises(SqlError) as info:
            getattr(s, call)()
        out.append(getattr(info.value, "sqlcode", 0))
    return out


def test_logged_autocommit_and_begin_work(eng: Engine, table: str) -> None:
    s, other = _session(eng, "testdb"), _session(eng, "testdb")
    run(s, f"INSERT INTO {table} VALUES (1)")
    assert rows(other, f"SELECT count(*) FROM {table}") == [(1,)]
    assert _codes(s, "commit", "rollback") == [-255, -255]
    run(s, "BEGIN WORK")
    assert sqlcode(s, "BEGIN WORK") == -535
    run(s, f"INSERT INTO {table} VALUES (2)")
    assert rows(s, f"SELECT count(*) FROM {table}") == [(2,)]
    assert rows(other, f"SELECT count(*) FROM {table}") == [(1,)]
    run(s, "ROLLBACK WORK")
    assert rows(s, f"SELECT count(*) FROM {table}") == [(1,)]
    s.begin()
    run(s, f"INSERT INTO {table} VALUES (3)")
    s.commit()
    assert rows(other, f"SELECT id FROM {table} ORDER BY id") == [(1,), (3,)]
    s.close()
    other.close()


def test_error_inside_transaction_keeps_earlier_work(eng: Engine, table: str) -> None:
    s = _session(eng, "testdb")
    s.begin()
    run(s, f"INSERT INTO {table} VALUES (1)")
    assert sqlcode(s, f"INSERT INTO {table} VALUES (1)") == -268
    assert sqlcode(s, "SELECT * FROM no_such") == -206
    run(s, f"INSERT INTO {table} VALUES (2)")
    s.commit()
    assert rows(s, f"SELECT id FROM {table} ORDER BY id") == [(1,), (2,)]
    s.close()


def test_savepoints(eng: Engine, table: str) -> None:
    s = _session(eng, "testdb")
    assert _codes(s, "commit") == [-255]
    s.begin()
    run(s, f"INSERT INTO {table} VALUES (1)")
    run(s, "SAVEPOINT a")
    run(s, f"INSERT INTO {table} VALUES (2)")
    s.savepoint("b")
    run(s, f"INSERT INTO {table} VALUES (3)")
    run(s, "ROLLBACK WORK TO SAVEPOINT b")
    assert rows(s, f"SELECT id FROM {table} ORDER BY id") == [(1,), (2,)]
    s.rollback_to_savepoint("a")
    assert rows(s, f"SELECT id FROM {table} ORDER BY id") == [(1,)]
    with pytest.raises(SqlError) as info:
        s.rollback_to_savepoint("b")  # released by rolling back to an earlier one
    assert info.value.sqlcode == -26076
    with pytest.raises(SqlError) as info:
        s.release_savepoint("b")
    assert info.value.sqlcode == -26075
    run(s, "RELEASE SAVEPOINT a")
    s.commit()
    assert rows(s, f"SELECT id FROM {table}") == [(1,)]
    s.close()


def test_disconnect_rolls_back(eng: Engine, table: str) -> None:
    s, other = _session(eng, "testdb"), _session(eng, "testdb")
    s.begin()
    run(s, f"INSERT INTO {table} VALUES (9)")
    s.close()
    assert rows(other, f"SELECT count(*) FROM {table}") == [(0,)]
    other.close()


def test_write_conflict_is_a_lock_error(eng: Engine, table: str) -> None:
    s, other = _session(eng, "testdb"), _session(eng, "testdb")
    run(s, f"INSERT INTO {table} VALUES (1)")
    s.begin()
    other.begin()
    run(s, f"UPDATE {table} SET id = 2 WHERE id = 1")
    with pytest.raises(SqlError) as info:
        run(other, f"UPDATE {table} SET id = 3 WHERE id = 1")
    assert (info.value.sqlcode, info.value.isamcode) == (-244, -107)
    s.commit()
    other.rollback()
    s.close()
    other.close()


def test_ansi_database_is_always_in_a_transaction(eng: Engine) -> None:
    s, other = _session(eng, "ansidb"), _session(eng, "ansidb")
    assert s.in_transaction
    run(s, "BEGIN WORK")  # allowed before the transaction's first statement
    run(s, "CREATE TABLE a (id INT)")
    assert sqlcode(s, "BEGIN WORK") == -535
    run(s, "INSERT INTO a VALUES (1)")
    s.commit()
    run(s, "INSERT INTO a VALUES (2)")
    assert rows(other, "SELECT count(*) FROM a") == [(1,)]
    s.rollback()
    assert rows(s, "SELECT count(*) FROM a") == [(1,)]
    run(s, "DROP TABLE a")
    s.commit()
    s.close()
    other.close()


def test_unlogged_database_has_no_transactions(eng: Engine) -> None:
    s = _session(eng, "nolog")
    assert not s.in_transaction
    assert sqlcode(s, "BEGIN WORK") == -256
    assert _codes(s, "begin", "commit", "rollback") == [-256, -256, -256]
    run(s, "CREATE TABLE u (id INT)")
    run(s, "INSERT INTO u VALUES (1)")
    assert rows(s, "SELECT count(*) FROM u") == [(1,)]
    run(s, "DROP TABLE u")
    s.close()


def test_sessions_in_parallel(eng: Engine) -> None:
    """Eight sessions at once: each creates its own table and inserts into a shared one inside
    transactions; nothing is lost and every table gets its own tabid."""
    setup = _session(eng, "testdb")
    run(setup, "CREATE TABLE shared (who INT, n INT)")
    failures: list[BaseException] = []

    def work(who: int) -> None:
        try:
            s = _session(eng, "testdb")
            run(s, f"CREATE TABLE own_{who} (id SERIAL, v INT)")
            for batch in range(5):
                s.begin()
                for n in range(20):
                    run(s, "INSERT INTO shared VALUES (?, ?)", [who, batch * 20 + n])
                    run(s, f"INSERT INTO own_{who} (v) VALUES (?)", [n])
                s.commit()
            s.close()
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(who,)) for who in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert rows(setup, "SELECT count(*), count(DISTINCT who) FROM shared") == [(800, 8)]
    tabids = rows(setup, "SELECT tabid FROM systables WHERE tabname LIKE 'own_%'")
    assert len({tabid for (tabid,) in tabids}) == 8
    assert rows(setup, "SELECT max(id) FROM own_3") == [(100,)]
    for who in range(8):
        run(setup, f"DROP TABLE own_{who}")
    run(setup, "DROP TABLE shared")
    setup.close()
