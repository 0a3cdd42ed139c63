"""The engine: one DuckDB instance, each Informix database an attached DuckDB database (a file in
the data directory, or in memory), users, and sessions.

A new server has ``sysmaster`` and the logged database ``testdb`` (the issue's start state);
``sysmaster:sysdatabases`` lists every database with its logging mode (IBM "The sysmaster
database"), which is also where a data directory keeps the modes across restarts. IDS creates
sysmaster with unbuffered logging (IBM Administrator's Reference, "The sysmaster database"), so
it is logged here too.
"""

from __future__ import annotations

import datetime
import itertools
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from informix_testserver.engine import errors
from informix_testserver.engine.catalog import OWNER, create_catalog, install_macros
from informix_testserver.engine.connection import EngineSession

SYSMASTER = "sysmaster"
DEFAULT_DATABASE = "testdb"
DEFAULT_USERS: Mapping[str, str] = {"informix": "in4mix"}


@dataclass
class Database:
    """One Informix database and its transaction logging mode."""

    name: str
    #: None (no logging), "log", "buffered" or "ansi" (CREATE DATABASE ... WITH ...).
    log_mode: str | None
    sessions: int = 0

    @property
    def logged(self) -> bool:
        return self.log_mode is not None

    @property
    def ansi(self) -> bool:
        return self.log_mode == "ansi"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Engine:
    """Databases and users; ``session(user)`` gives a session's engine handle."""

    def __init__(
        self, data_dir: Path | str | None = None, users: Mapping[str, str] | None = None
    ) -> None:
        self.users = dict(users if users is not None else DEFAULT_USERS)
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.duck = duckdb.connect(":memory:")
        # Informix raises -1202 on division by zero; DuckDB's IEEE default would return inf.
        self.duck.execute("SET ieee_floating_point_ops = false")
        self.lock = threading.RLock()
        self.databases: dict[str, Database] = {}
        self._session_ids = itertools.count(1)
        #: Bumped after anything that may change a catalog (EngineSession's schema cache key).
        self.catalog_generation = 0
        if self.data_dir is not None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        self._open_sysmaster()
        if DEFAULT_DATABASE not in self.databases:
            self.create_database(DEFAULT_DATABASE, "log")

    # -- databases ---------------------------------------------------------------------------------

    def _location(self, name: str) -> str:
        return ":memory:" if self.data_dir is None else str(self.data_dir / f"{name}.duckdb")

    def _open_sysmaster(self) -> None:
        path = self._location(SYSMASTER)
        fresh = path == ":memory:" or not Path(path).exists()
        self.duck.execute(f"ATTACH {_lit(path)} AS {SYSMASTER}")
        cur = self.duck.cursor()
        cur.execute(f"USE {SYSMASTER}")
        if fresh:
            create_catalog(cur, SYSMASTER, sysmaster=True)
            self._record(cur, SYSMASTER, "log")
        install_macros(cur)
        self.databases[SYSMASTER] = Database(SYSMASTER, "log")
        rows = cur.execute(
            "SELECT name, is_logging, is_buff_log, is_ansi FROM sysdatabases WHERE name <> ?",
            [SYSMASTER],
        ).fetchall()
        cur.close()
        for name, logging, buffered, ansi in rows:
            mode = "ansi" if ansi else "buffered" if buffered else "log" if logging else None
            self.duck.execute(f"ATTACH {_lit(self._location(name))} AS {_q(name)}")
            self.databases[name] = Database(name, mode)

    def _record(self, cur: duckdb.DuckDBPyConnection, name: str, mode: str | None) -> None:
        cur.execute(
            f"INSERT INTO {SYSMASTER}.main.sysdatabases VALUES "
            "(?, 0, ?, ?, ?, ?, ?, 0, 0, 0)",
            [name, OWNER, datetime.date.today(), int(mode is not None),
             int(mode == "buffered"), int(mode == "ansi")],
        )  # fmt: skip

    def create_database(self, name: str, log_mode: str | None, owner: str = OWNER) -> Database:
        """CREATE DATABASE: -330 if it exists."""
        name = name.lower()
        with self.lock:
            if name in self.databases:
                raise errors.error(errors.DB_EXISTS, name)
            path = self._location(name)
            _remove_files(path)
            self.duck.execute(f"ATTACH {_lit(path)} AS {_q(name)}")
            cur = self.duck.cursor()
            try:
                cur.execute(f"USE {_q(name)}")
                create_catalog(cur, name, sysmaster=False)
                self._record(cur, name, log_mode)
            finally:
                cur.close()
            db = Database(name, log_mode)
            self.databases[name] = db
            return db

    def drop_database(self, name: str) -> None:
        """DROP DATABASE: -329 if unknown, -425 while a session has it open."""
        name = name.lower()
        with self.lock:
            db = self.databases.get(name)
            if db is None or name == SYSMASTER:
                raise errors.error(errors.DB_NOT_FOUND, name)
            if db.sessions:
                raise errors.error(errors.DB_IN_USE, name)
            self.duck.execute(f"DETACH {_q(name)}")
            self.duck.execute(f"DELETE FROM {SYSMASTER}.main.sysdatabases WHERE name = ?", [name])
            del self.databases[name]
            _remove_files(self._location(name))

    def acquire(self, name: str) -> Database:
        """A session opens ``name`` (-329 when there is no such database)."""
        with self.lock:
            db = self.databases.get(name.lower())
            if db is None:
                raise errors.error(errors.DB_NOT_FOUND, name)
            db.sessions += 1
            return db

    def release(self, db: Database) -> None:
        with self.lock:
            db.sessions = max(0, db.sessions - 1)

    # -- users and sessions ------------------------------------------------------------------------

    def authenticate(self, user: str, password: str) -> bool:
        return user in self.users and self.users[user] == password

    def catalog_changed(self) -> None:
        with self.lock:
            self.catalog_generation += 1

    def database_names(self) -> list[str]:
        """Every database, for SQ_DBLIST."""
        with self.lock:
            return sorted(self.databases)

    def database_exists(self, name: str) -> bool:
        return name.lower() in self.databases

    def session(self, user: str) -> EngineSession:
        with self.lock:
            cursor = self.duck.cursor()
        # DuckDB settings are per connection: each session's cursor needs the -1202 one too.
        cursor.execute("SET ieee_floating_point_ops = false")
        return EngineSession(self, user, next(self._session_ids), cursor)

    def close(self) -> None:
        self.duck.close()


def _remove_files(path: str) -> None:
    """A database file and its write-ahead log (DuckDB's ``<file>.wal``)."""
    if path != ":memory:":
        Path(path).unlink(missing_ok=True)
        Path(path + ".wal").unlink(missing_ok=True)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
