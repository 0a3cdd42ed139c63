"""One client session's view of the engine: the open database, PREPARE and EXECUTE of SQL through
the dialect, and Informix transaction rules on top of DuckDB's transactions.

Transactions (IBM Informix Guide to SQL: Syntax, BEGIN WORK / COMMIT WORK / SAVEPOINT):

- logged database: each statement commits by itself unless BEGIN WORK opened a transaction;
  BEGIN WORK inside one is -535, COMMIT/ROLLBACK outside one -255;
- ANSI database: a transaction is always open (it starts implicitly and COMMIT WORK ends it);
  BEGIN WORK is accepted only before the transaction's first statement, else -535;
- unlogged database: BEGIN/COMMIT/ROLLBACK WORK give -256 "Transaction not available".

DuckDB has no savepoints and abandons a transaction on any error, where Informix only fails the
statement; both are emulated by replaying the transaction's statements into a fresh DuckDB
transaction (up to the savepoint, or up to the failed statement). A replay sees other sessions'
commits made since, which a real server would not; this is a test server.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import duckdb

from informix_testserver.engine import (
    char_params,
    composite,
    errors,
    functions,
    param_types,
    routines,
    schema,
    serials,
    values,
)
from informix_testserver.engine.catalog import declared_columns, drop_table, sync_table
from informix_testserver.engine.columns import ColumnSpec, declared_spec
from informix_testserver.engine.dialect import SqlError, translate
from informix_testserver.engine.schema import Schema
from informix_testserver.engine.sql_routines import SqlRoutines
from informix_testserver.engine.statement import Prepared, Result, describe
from informix_wire.tags import StatementType
from informix_wire.typecodes import TypeCode

if TYPE_CHECKING:
    from informix_testserver.engine.core import Database, Engine

#: Statements that need no open database.
_NO_DATABASE = {"DATABASE", "CLOSE_DATABASE", "CREATE_DATABASE", "DROP_DATABASE", "SET_OTHER",
                "SET_ISOLATION", "SET_LOCK_MODE"}  # fmt: skip
#: Statements accepted without doing anything in DuckDB (documented in docs/testserver.md).
_ACCEPTED = {"SET_ISOLATION", "SET_LOCK_MODE", "SET_OTHER", "UPDATE_STATISTICS", "LOCK_TABLE",
             "UNLOCK_TABLE", "GRANT", "REVOKE"}  # fmt: skip
_SERIALS = (TypeCode.SERIAL, TypeCode.SERIAL8, TypeCode.BIGSERIAL)
#: Statements that change no catalog (every other one invalidates cached schemas).
_DATA_ONLY = {"SELECT", "INSERT", "UPDATE", "DELETE", "SET_ISOLATION", "SET_LOCK_MODE"}
_ROUTINE_STATEMENTS = {"CREATE_PROCEDURE", "CREATE_FUNCTION", "DROP_PROCEDURE", "DROP_FUNCTION",
                       "EXECUTE_PROCEDURE", "EXECUTE_FUNCTION"}  # fmt: skip


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class EngineSession:
    """A session's database handle; every call runs on the session's own DuckDB connection."""

    def __init__(
        self, engine: Engine, user: str, session_id: int, cur: duckdb.DuckDBPyConnection
    ) -> None:
        self.engine = engine
        self.user = user
        self.session_id = session_id
        self.cur = cur
        self.db: Database | None = None
        #: A DuckDB transaction is open (BEGIN WORK, or always in an ANSI database).
        self.in_transaction = False
        #: ANSI: nothing ran yet in the current transaction, so BEGIN WORK is still allowed.
        self._fresh = False
        #: The transaction's statements, replayed after an error or ROLLBACK TO SAVEPOINT.
        self._log: list[tuple[Prepared, list[Any]]] = []
        self._savepoints: list[tuple[str, int]] = []
        #: Declared columns of this session's temp tables (they have no catalog rows).
        self.temp_tables: dict[str, list[ColumnSpec]] = {}
        #: DBINFO('sqlca.sqlerrd1') and ('sqlca.sqlerrd2'): last serial, rows of the last DML.
        self._dbinfo: dict[str, object] = {}
        #: SPL DEFINE GLOBAL variables of this session.
        self.spl_globals: dict[str, object] = {}
        functions.register(cur, session_id, user)
        #: SPL functions called inside SQL (DuckDB functions of this session).
        self.sql_routines = SqlRoutines(self)
        self._schema_cache = schema.SchemaCache(lambda: engine.catalog_generation)

    def _note(self, option: str, value: object) -> None:
        """Keep a DBINFO value (``functions.VARIABLES``) for later statements."""
        if self._dbinfo.get(option) != value:
            self._dbinfo[option] = value
            functions.set_value(self.cur, option, value)

    # -- databases ---------------------------------------------------------------------------------

    def open_database(self, name: str, exclusive: bool = False) -> Database:
        """DATABASE / SQ_DBOPEN: closes the current database first."""
        db = self.engine.acquire(name)
        self.close_database()
        self.db = db
        self.cur.execute(f"USE {_q(db.name)}")
        self._note("dbname", db.name)
        if db.ansi:
            self._start()
        return db

    def close_database(self) -> None:
        if self.db is None:
            return
        self._end("ROLLBACK")
        self.engine.release(self.db)
        self.db = None
        self.temp_tables.clear()
        self.cur.execute("USE memory")

    def close(self) -> None:
        """The client left: an open transaction is rolled back."""
        try:
            self.close_database()
        finally:
            self.sql_routines.close()
            self.cur.close()

    # -- transactions ------------------------------------------------------------------------------

    def _need_log(self) -> Database:
        if self.db is None:
            raise errors.error(errors.NO_DATABASE)
        if not self.db.logged:
            raise errors.error(errors.NO_TRANSACTIONS)
        return self.db

    def _start(self) -> None:
        self.cur.execute("BEGIN TRANSACTION")
        self.in_transaction = True
        self._fresh = True
        self._log.clear()
        self._savepoints.clear()

    def _end(self, verb: str) -> None:
        self.engine.catalog_changed()  # a rollback may undo DDL, a commit publish it
        if self.in_transaction:
            self.in_transaction = False
            self._log.clear()
            self._savepoints.clear()
            try:
                self.cur.execute(verb)
            except duckdb.Error as exc:
                if verb == "COMMIT":
                    raise errors.from_duckdb(exc) from exc

    def begin(self) -> None:
        db = self._need_log()
        if self.in_transaction:
            if db.ansi and self._fresh:
                return
            raise errors.error(errors.ALREADY_IN_TRANSACTION)
        self._start()

    def commit(self) -> None:
        db = self._need_log()
        if not self.in_transaction:
            raise errors.error(errors.NOT_IN_TRANSACTION)
        try:
            self._end("COMMIT")
        finally:
            if db.ansi:
                self._start()

    def rollback(self) -> None:
        db = self._need_log()
        if not self.in_transaction:
            raise errors.error(errors.NOT_IN_TRANSACTION)
        self._end("ROLLBACK")
        if db.ansi:
            self._start()

    def savepoint(self, name: str) -> None:
        self._need_log()
        if not self.in_transaction:
            raise errors.error(errors.NOT_IN_TRANSACTION)
        self._savepoints = [(n, p) for n, p in self._savepoints if n != name]
        self._savepoints.append((name, len(self._log)))
        self._fresh = False

    def _find_savepoint(self, name: str, code: int) -> int:
        self._need_log()
        for index, (saved, _) in enumerate(self._savepoints):
            if saved == name:
                return index
        raise errors.error(code, name)

    def release_savepoint(self, name: str) -> None:
        del self._savepoints[self._find_savepoint(name, errors.NO_SAVEPOINT_TO_RELEASE) :]

    def rollback_to_savepoint(self, name: str) -> None:
        index = self._find_savepoint(name, errors.NO_SAVEPOINT)
        position = self._savepoints[index][1]
        del self._savepoints[index + 1 :]
        self._replay(position)

    def _replay(self, position: int) -> None:
        """Restart the DuckDB transaction with the first ``position`` logged statements."""
        kept = self._log[:position]
        savepoints = [(n, p) for n, p in self._savepoints if p <= position]
        try:
            self.cur.execute("ROLLBACK")
        except duckdb.Error:
            pass
        self.cur.execute("BEGIN TRANSACTION")
        self._log = []
        for prepared, params in kept:
            self._run(prepared, params)
            self._log.append((prepared, params))
        self._savepoints = savepoints

    def _recover(self) -> None:
        """After an error inside a transaction: DuckDB has abandoned it, Informix has not."""
        if self.in_transaction:
            self._replay(len(self._log))

    # -- statements --------------------------------------------------------------------------------

    def schema_for(self, sql: str) -> Schema | None:
        """What the dialect's type-dependent rewrites need to know about ``sql``'s tables."""
        if self.db is None:
            return None
        routines_ = self.sql_routines.mapping(sql)
        cache = (self._schema_cache, self.db.name)
        return schema.build(self.cur, sql, self.temp_tables, self.db.ansi, routines_, cache)

    def prepare(self, sql: str) -> Prepared:
        try:
            known = self.schema_for(sql)
        except duckdb.Error as exc:
            self._recover()
            raise errors.from_duckdb(exc) from exc
        translation = translate(sql, schema=known)
        kind = translation.kind.name
        if self.db is None and kind not in _NO_DATABASE:
            raise errors.error(errors.NO_DATABASE)
        columns: list[ColumnSpec] = []
        try:
            if kind in ("EXECUTE_PROCEDURE", "EXECUTE_FUNCTION"):
                columns = routines.result_columns(self.cur, sql)
            elif translation.sql and kind == "SELECT":
                columns = describe(
                    self.cur, translation.sql, translation.param_count, self.temp_tables
                )
            fixup = ""
            if kind in ("INSERT", "UPDATE") and translation.table:  # SETs kept in stored order
                table = translation.table
                specs = self.temp_tables.get(table)
                if specs is None:
                    specs = declared_columns(self.cur, [table]).get(table, [])
                fixup = composite.fixup_sql(table, specs)
        except duckdb.Error as exc:
            self._recover()
            raise errors.from_duckdb(exc, translation.table or "") from exc
        count = translation.param_count
        params = param_types.infer(sql, count, known) if count else []  # SQ_IDESCRIBE's types
        return Prepared(sql, translation, columns, translation.statement_type, count, params, fixup)

    def execute(self, prepared: Prepared, params: Sequence[Any] = ()) -> Result:
        """Run a prepared statement (cursor OPEN or SQ_EXECUTE)."""
        try:
            return self._execute(prepared, params)
        finally:
            if prepared.translation.kind.name not in _DATA_ONLY:
                self.engine.catalog_changed()  # a catalog may differ now: schemas are re-read

    def _execute(self, prepared: Prepared, params: Sequence[Any]) -> Result:
        t = prepared.translation
        kind = t.kind.name
        action = self._session_actions.get(kind)
        if action is not None:
            action(t)
            return Result()
        if self.db is None:
            raise errors.error(errors.NO_DATABASE)
        if kind in _ACCEPTED and not t.sql:
            return Result()
        bound = [values.parameter(v) for v in char_params.convert(params, prepared.param_types)]
        self.sql_routines.error = None
        if self.in_transaction:
            try:
                result = self._run(prepared, bound)
            except duckdb.Error as exc:
                self._recover()
                raise self._failure(exc, t.table or "") from exc
            except SqlError:
                self._recover()
                raise
            self._fresh = False
            if kind != "SELECT":
                self._log.append((prepared, bound))
            return result
        self.cur.execute("BEGIN TRANSACTION")
        try:
            result = self._run(prepared, bound)
            self.cur.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback_quietly()
            raise self._failure(exc, t.table or "") from exc
        except BaseException:
            self._rollback_quietly()
            raise
        return result

    @property
    def _session_actions(self) -> dict[str, Callable[[Any], object]]:
        """Statements the session carries out itself (no DuckDB SQL)."""
        return {
            "BEGIN": lambda t: self.begin(),
            "COMMIT": lambda t: self.commit(),
            "ROLLBACK": lambda t: self.rollback(),
            "SAVEPOINT": lambda t: self.savepoint(t.name),
            "RELEASE_SAVEPOINT": lambda t: self.release_savepoint(t.name),
            "ROLLBACK_TO_SAVEPOINT": lambda t: self.rollback_to_savepoint(t.name),
            "DATABASE": lambda t: self.open_database(t.database),
            "CLOSE_DATABASE": self._close_database_statement,
            "CREATE_DATABASE": self._create_database,
            "DROP_DATABASE": self._drop_database,
        }

    def _close_database_statement(self, t: Any) -> None:
        if self.db is None:
            raise errors.error(errors.NO_DATABASE)
        self.close_database()

    def _create_database(self, t: Any) -> None:
        """CREATE DATABASE makes the new database the current one (IBM Guide to SQL: Syntax)."""
        self.engine.create_database(t.database, t.log_mode, self.user)
        self.open_database(t.database)

    def _drop_database(self, t: Any) -> None:
        """DROP DATABASE of the current database is -425 "database in use", as for any other
        session's."""
        if self.db is not None and self.db.name == t.database.lower():
            raise errors.error(errors.DB_IN_USE, t.database)
        self.engine.drop_database(t.database)

    def _failure(self, exc: duckdb.Error, table: str) -> SqlError:
        """The Informix error of a failed statement (after its DuckDB transaction was rolled
        back or replayed). A duplicate is -239 when a unique index without a constraint caught
        it, else -268 naming the constraint (finderr -239, -268)."""
        own = self.sql_routines.take_error()  # an SPL function's own error, DuckDB-wrapped
        if own is not None:
            return own
        failure = errors.from_duckdb(exc, table)
        if failure.sqlcode != errors.DUPLICATE_CONSTRAINT or not table:
            return failure
        match = re.search(r'Duplicate key "(.*)" violates', str(exc))
        if match is None:
            return failure
        names = [part.split(":", 1)[0].strip() for part in match[1].split(", ")]
        found = self.cur.execute(
            "SELECT i.idxname, k.owner, k.constrname FROM systables t "
            "JOIN sysindexes i ON i.tabid = t.tabid "
            "LEFT JOIN sysconstraints k ON k.idxname = i.idxname AND k.tabid = t.tabid "
            "WHERE t.tabname = ? AND i.idxtype = 'U' AND [i.part1, i.part2, i.part3, i.part4, "
            "i.part5, i.part6, i.part7, i.part8][1:?] = (SELECT list(colno ORDER BY pos) FROM "
            "(SELECT c.colno, list_position(?, c.colname) AS pos FROM syscolumns c "
            "WHERE c.tabid = t.tabid AND list_contains(?, c.colname))) "
            "ORDER BY k.constrname NULLS LAST",
            [table, len(names), names, names],
        ).fetchone()
        if found is None:
            return failure
        idxname, owner, constrname = found
        if constrname is None:
            return errors.error(errors.DUPLICATE_INDEX, str(idxname), errors.ISAM_DUPLICATE)
        return errors.error(
            errors.DUPLICATE_CONSTRAINT, f"{str(owner).strip()}.{constrname}", errors.ISAM_DUPLICATE
        )

    def _rollback_quietly(self) -> None:
        try:
            self.cur.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def _run(self, prepared: Prepared, params: list[Any]) -> Result:
        """The statement itself, inside a DuckDB transaction, with its catalog upkeep."""
        t = prepared.translation
        kind = t.kind.name
        cur = self.cur
        if kind in _ROUTINE_STATEMENTS:
            return self._routine_statement(prepared, params)
        inlined = composite.inline_parameters(t.sql, params)  # bound ROWs/collections
        if inlined is not None:
            t, params = dataclasses.replace(t, sql=inlined[0]), inlined[1]
        if kind == "SELECT":
            cur.execute(t.sql, params)
            rows = values.shape_rows(cur.fetchall(), prepared.shapers)
            return Result(iter(rows), rowcount=len(rows))
        if kind == "INSERT":
            result = self._insert(t, params)
            if prepared.fixup:
                cur.execute(prepared.fixup)
            return result
        if kind in ("UPDATE", "DELETE"):
            cur.execute(t.sql, params)
            row = cur.fetchone()
            count = int(row[0]) if row else 0
            if prepared.fixup:
                cur.execute(prepared.fixup)
            self._note("sqlca.sqlerrd2", count)
            return Result(rowcount=count)
        if kind == "DROP_INDEX":
            table = t.table or self._index_table(t.name)
            cur.execute(t.sql, params)
            if table:
                sync_table(cur, self._dbname(), table, {})
            return Result()
        table = t.table or (t.name if kind in ("CREATE_VIEW", "DROP_VIEW") else None)
        if kind == "ALTER_TABLE" and table and t.name and table not in self.temp_tables:
            table = self._renaming(t)
        if t.sql:
            cur.execute(t.sql, params)
        if kind == "CREATE_TABLE":
            self._created(t)
        elif kind in ("ALTER_TABLE", "CREATE_INDEX") and table:
            if table not in self.temp_tables:
                sync_table(cur, self._dbname(), table, {c.name: c for c in t.columns})
        elif kind in ("DROP_TABLE", "DROP_VIEW") and table:
            self._dropped(table)
        elif kind == "CREATE_VIEW" and table:
            declared = self._view_columns(table, t.sql)
            sync_table(cur, self._dbname(), table, declared, view_text=prepared.sql)
        return Result()

    def _view_columns(self, view: str, sql: str) -> dict[str, ColumnSpec]:
        """A view's columns keep the declared types of the columns they show (DESCRIBE of the
        view's query), by position, as IDS records them in syscolumns."""
        query = sql.partition(" AS ")[2]
        shape = self.cur.execute(f"DESCRIBE SELECT * FROM {_q(view)}").fetchall()
        specs = describe(self.cur, query, 0, self.temp_tables) if query else []
        if len(specs) != len(shape):
            return {}
        return {str(row[0]): spec for row, spec in zip(shape, specs, strict=True)}

    def _routine_statement(self, prepared: Prepared, params: list[Any]) -> Result:
        """CREATE / DROP / EXECUTE of SPL routines (``routines``, ``spl``)."""
        kind = prepared.kind.name
        if kind in ("CREATE_PROCEDURE", "CREATE_FUNCTION"):
            routines.create(self.cur, prepared.sql)
            return Result()
        if kind in ("DROP_PROCEDURE", "DROP_FUNCTION"):
            routines.drop(self.cur, prepared.sql)
            return Result()
        mark = len(self._log)
        try:
            runner = routines.Runner(self.cur, self._routine_sql, self.spl_globals)
            rows = runner.execute(prepared.sql, params)
        finally:
            del self._log[mark:]  # the EXECUTE itself is what a replay runs again
        return Result(iter(rows), rowcount=len(rows))

    def _routine_sql(self, text: str, params: Sequence[object]) -> list[tuple[Any, ...]] | int:
        """One SQL statement of a running routine: rows of a SELECT, else the row count. A
        failure restores the transaction to just before the statement (the routine's ON
        EXCEPTION may go on), logging each statement for that replay."""
        translation = translate(text, from_client=False, schema=self.schema_for(text))
        prepared = Prepared(text, translation, [], translation.statement_type, 0)
        bound = list(params)
        try:
            result = self._run(prepared, bound)
        except duckdb.Error as exc:
            self._replay(len(self._log))
            raise self._failure(exc, translation.table or "") from exc
        if translation.kind.name == "SELECT":
            return list(result.rows)
        self._log.append((prepared, bound))
        return result.rowcount

    def _renaming(self, t: Any) -> str:
        """RENAME TABLE / RENAME COLUMN: the catalog rows follow the new name, so the table or
        column keeps its declared type (the sync after the statement starts from them); the
        table's name after the statement."""
        if t.renamed_from:
            self.cur.execute(
                "UPDATE syscolumns SET colname = ? WHERE colname = ? AND tabid = "
                "(SELECT tabid FROM systables WHERE tabname = ?)",
                [t.name, t.renamed_from, t.table],
            )
        elif t.statement_type == StatementType.RENAME_TABLE:
            self.cur.execute(
                "UPDATE systables SET tabname = ? WHERE tabname = ?", [t.name, t.table]
            )
            return str(t.name)
        return str(t.table)

    def _dropped(self, table: str) -> None:
        """DROP TABLE / VIEW: catalog rows and the sequences of SERIAL columns go too."""
        if self.temp_tables.pop(table, None) is not None:
            return
        for column, _ in self._serial_columns(table):
            serials.drop(self.cur, table, column)
        drop_table(self.cur, table)

    def _dbname(self) -> str:
        assert self.db is not None
        return self.db.name

    def _index_table(self, index: str) -> str | None:
        row = self.cur.execute(
            "SELECT table_name FROM duckdb_indexes() WHERE database_name = current_database() "
            "AND index_name = ?",
            [index],
        ).fetchone()
        return None if row is None else str(row[0])

    def _created(self, t: Any) -> None:
        """CREATE TABLE: SERIAL columns draw from a sequence; the catalog learns the table."""
        for column in t.columns:
            if column.type_code in _SERIALS and column.default is None and not t.temp:
                serials.create(
                    self.cur, t.table, column.name, column.type_code, column.serial_start
                )
        if t.temp:
            self.temp_tables[t.table] = self._temp_columns(t)
            return
        sync_table(self.cur, self._dbname(), t.table, {c.name: c for c in t.columns})

    def _temp_columns(self, t: Any) -> list[ColumnSpec]:
        """The declared columns of a temp table: from CREATE TEMP TABLE, or for SELECT ... INTO
        TEMP the DESCRIBE of its query (base-table columns keep their declared types)."""
        if t.columns:
            return [
                declared_spec(c.name, c.type_code, c.length, c.nullable, c.extended_name or "")
                for c in t.columns
            ]
        head, _, query = t.sql.partition(" AS ")
        if not query or "(" in head:
            return []
        return describe(self.cur, query, t.param_count, self.temp_tables)

    def _insert(self, t: Any, params: list[Any]) -> Result:
        """INSERT, reporting the serial it drew as IDS does (SQ_DONE's serial for SERIAL,
        SQ_INSERTDONE for SERIAL8/BIGSERIAL: sqli-facts §2.6, JDBC IfxSqli.receiveInsertDone)."""
        found = self._serial_columns(t.table) if t.table else []
        sql = t.sql
        if found and "returning" not in sql.lower():
            sql += " RETURNING " + ", ".join(_q(name) for name, _ in found)
            rows = self.cur.execute(sql, params).fetchall()
            if any(0 in row for row in rows):
                rows = serials.draw_for_zero(self.cur, str(t.table), found, rows)
            serials.move_past(self.cur, str(t.table), found, rows)
            result = Result(rowcount=len(rows))
            if rows:
                for (_, code), value in zip(found, rows[-1], strict=True):
                    if code == TypeCode.SERIAL:
                        result.serial = int(value)
                        self._note("sqlca.sqlerrd1", result.serial)
                    elif code == TypeCode.SERIAL8:
                        result.serial8 = int(value)
                        self._note("serial8", result.serial8)
                    else:
                        result.bigserial = int(value)
                        self._note("bigserial", result.bigserial)
        else:
            row = self.cur.execute(sql, params).fetchone()
            result = Result(rowcount=int(row[0]) if row else 0)
        self._note("sqlca.sqlerrd2", result.rowcount)
        return result

    def _serial_columns(self, table: str) -> list[tuple[str, int]]:
        if table in self.temp_tables:
            specs = self.temp_tables[table]
            return [(s.name, s.type_code) for s in specs if s.type_code in _SERIALS]
        rows = self.cur.execute(
            "SELECT c.colname, c.coltype % 256 FROM systables t JOIN syscolumns c "
            "ON c.tabid = t.tabid WHERE t.tabname = ? AND c.coltype % 256 IN (6, 18, 53) "
            "ORDER BY c.colno",
            [table],
        ).fetchall()
        return [(str(name), int(code)) for name, code in rows]
