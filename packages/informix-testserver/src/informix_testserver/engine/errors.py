"""Informix error codes, and DuckDB's exceptions mapped onto them.

Codes and texts are IBM's, as the message catalogs inside IBM JDBC 4.50.10.1 give them
(``com/informix/msg/sql_en_US.properties``, ``rds_en_US.properties``, ``isam_en_US.properties``):
-201 "A syntax error has occurred", -206 "The specified table (%s) is not in the database", -217
"Column (%s) not found in any table in the query", -239 "duplicate value in a UNIQUE INDEX
column", -268 "Unique constraint (%s) violated" (both with ISAM -100 "duplicate value for a
record with unique key"), -391 "Cannot insert a null into column", -530 "Check constraint
failed", -691/-692 referential constraint, -1213 "A character to numeric conversion process
failed", -1214/-1215 "Value exceeds limit of SMALLINT/INTEGER precision", -1218 "String to date
conversion error", -1226 "Decimal or money value exceeds maximum precision", -244 "Could not do
a physical-order read" / -271 "Could not insert new row" with ISAM -107 "record is locked",
-310/-316 table/index exists, -319 "Index does not exist", -329 "Database (%s) not found",
-330 "Cannot create or rename the database", -425 "Database is currently opened by another
user", -759 (what IDS answers SQL sent with no database open: sqli-facts §3), -255 "Not in
transaction", -256 "Transaction not available", -535 "Already in transaction", -673 "Another
routine with same signature already exists", -674 "Routine can not be resolved", -26075/-26076
"Unable to release / rollback to savepoint", -1279 "Value exceeds string column length"
(raised by the SQL ``strings`` makes in an ANSI database), -9628 "Type (%s) not found".
"""

from __future__ import annotations

import re

import duckdb

from informix_testserver.engine.dialect import SqlError

SYNTAX = -201
NO_TABLE = -206
NO_COLUMN = -217
DUPLICATE_INDEX = -239
DUPLICATE_CONSTRAINT = -268
ISAM_DUPLICATE = -100
NOT_NULL = -391
CHECK_FAILED = -530
NO_PARENT_KEY = -691
CHILD_ROWS = -692
TO_NUMBER = -1213
NUMBER_RANGE = -1215
SMALLINT_RANGE = -1214
DECIMAL_RANGE = -1226
TO_DATE = -1218
READ_LOCKED = -244
INSERT_LOCKED = -271
ISAM_LOCKED = -107
TABLE_EXISTS = -310
INDEX_EXISTS = -316
NO_INDEX = -319
DB_NOT_FOUND = -329
DB_EXISTS = -330
DB_IN_USE = -425
NO_DATABASE = -759
NOT_IN_TRANSACTION = -255
NO_TRANSACTIONS = -256
ALREADY_IN_TRANSACTION = -535
NO_SAVEPOINT_TO_RELEASE = -26075
NO_SAVEPOINT = -26076
NOT_IMPLEMENTED = -999
DIVIDE_BY_ZERO = -1202
NO_ROUTINE = -674
ROUTINE_EXISTS = -673
STRING_TOO_LONG = -1279
NO_TYPE = -9628


#: An Informix error raised from SQL with DuckDB's error(): "Invalid Input Error: -1279: ...".
_RAISED = re.compile(r"(?:Invalid Input Error: )?(-\d+): ")


def error(sqlcode: int, near: str = "", isamcode: int = 0) -> SqlError:
    """An SQL error as SQ_ERR carries it."""
    return SqlError(sqlcode, isamcode, near)


def _quoted(message: str) -> str:
    match = re.search(r'"([^"]+)"', message)
    return match[1] if match else ""


def from_duckdb(exc: duckdb.Error, table: str = "") -> SqlError:
    """The Informix error a DuckDB failure stands for."""
    text = str(exc)
    first = text.splitlines()[0] if text else ""
    raised = _RAISED.match(first)
    if raised is not None:  # error('-1279: ...') in the SQL the dialect or an engine macro made
        return error(int(raised[1]))
    if isinstance(exc, duckdb.ConstraintException):
        if "NOT NULL" in first:
            return error(NOT_NULL, first.rsplit(".", 1)[-1].strip())
        if "CHECK constraint" in first:
            return error(CHECK_FAILED)
        if "foreign key" in first.lower():
            still = "still referenced" in first or "referenced by" in first
            return error(CHILD_ROWS if still else NO_PARENT_KEY)
        if "unique" in first.lower() or "primary key" in first.lower() or "Duplicate" in first:
            return error(DUPLICATE_CONSTRAINT, table, ISAM_DUPLICATE)
        return error(DUPLICATE_INDEX, table, ISAM_DUPLICATE)
    if isinstance(exc, duckdb.CatalogException):
        match = re.search(r"Type with name \"?([^\s\"!]+)\"? does not exist", first)
        if match:
            return error(NO_TYPE, match[1])
        match = re.search(r"(Table|View) with name \"?([^\s\"!]+)\"? does not exist", first)
        if match:
            return error(NO_TABLE, match[2])
        if "already exists" in first:
            if "Index" in first:
                return error(INDEX_EXISTS, _quoted(first))
            match = re.search(r"with name \"?([^\s\"!]+)\"? already exists", first)
            return error(TABLE_EXISTS, match[1] if match else table)
        if "Index with name" in first:
            return error(NO_INDEX, _quoted(first))
        if "Function" in first or "Macro" in first:
            return error(NO_ROUTINE, _quoted(first))
        return error(NO_TABLE, table)
    if isinstance(exc, duckdb.BinderException):
        if "Referenced column" in first or "not found in FROM clause" in first:
            return error(NO_COLUMN, _quoted(first))
        match = re.search(r'column (?:with name|named) "([^"]+)"', first) or re.search(
            r"update column (\S+) not found", first
        )
        if match:
            return error(NO_COLUMN, match[1])
        if "No function matches" in first or "Function" in first:
            return error(NO_ROUTINE, _quoted(first))
        return error(SYNTAX)
    if isinstance(exc, duckdb.ConversionException):
        lower = first.lower()
        if "date" in lower or "timestamp" in lower or "time field" in lower:
            return error(TO_DATE)
        if "out of range" in lower or "overflow" in lower:
            if "DECIMAL" in first:
                return error(DECIMAL_RANGE)
            return error(SMALLINT_RANGE if "INT16" in first else NUMBER_RANGE)
        return error(TO_NUMBER)
    if isinstance(exc, duckdb.OutOfRangeException):
        return error(NUMBER_RANGE)
    if isinstance(exc, duckdb.TransactionException) or "Conflict" in first:
        if "insert" in first.lower() or "append" in first.lower():
            return error(INSERT_LOCKED, table, ISAM_LOCKED)
        return error(READ_LOCKED, table, ISAM_LOCKED)
    if isinstance(exc, duckdb.DependencyException):
        return error(NOT_IMPLEMENTED, table)  # DuckDB cannot alter a table others depend on
    if isinstance(exc, duckdb.ParserException):
        return error(SYNTAX, _quoted(first))
    if "Division by zero" in first:
        return error(DIVIDE_BY_ZERO)
    return error(SYNTAX)
