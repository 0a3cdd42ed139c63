"""The test server's stored-procedure language (SPL): parse CREATE PROCEDURE / FUNCTION, run the
routine, and describe it to the catalog and to DESCRIBE.

Only control flow is interpreted here; each expression runs as ``SELECT <expr>`` and each SQL
statement as itself, through the engine, with SPL variables bound as ``?`` parameters, so
values and errors are those of the dialect translator and DuckDB.

How the engine uses it (statement kinds from ``dialect.translate``):

- CREATE_PROCEDURE / CREATE_FUNCTION: ``routine = parse_routine(t.sql)`` (SqlError -201 on bad
  syntax); store ``catalog_entry(routine)`` in sysprocedures / sysprocbody / sysproccolumns
  and keep ``routine`` (or re-parse the 'T' text of sysprocbody when needed).
- DROP_PROCEDURE / DROP_FUNCTION: ``kind, name = parse_drop(sql)``; -674 when absent.
- EXECUTE_PROCEDURE / EXECUTE_FUNCTION / CALL: ``name, args, into = parse_execute(sql)``;
  ``argument_values(args, sql)`` evaluates them (``?`` markers take the client's parameters
  in order); DESCRIBE gives ``result_columns(routine)``; run with
  ``run_routine(routine, args, sql_runner, call, is_routine=..., globals_=session_dict)``, one
  row per RETURN (several for RETURN WITH RESUME), none for a procedure without RETURNING.
- ``sql_runner(text, params)`` runs one Informix statement (translate it, bind params in
  order): a list of row tuples for a SELECT, else the row count; failures raise SqlError with
  the Informix code.  ``call(name, args)`` resolves ``name`` (SqlError -674 when unknown) and
  returns ``run_routine(...)`` for it: nested calls share depth and statement limits.
"""

from __future__ import annotations

from .catalog import (
    CatalogEntry,
    ResultColumn,
    argument_values,
    catalog_entry,
    parse_execute,
    result_columns,
)
from .nodes import Routine
from .parse import parse_drop, parse_routine
from .run import ROUTINE_NOT_RESOLVED, Limits, RoutineCall, SplAbort, run_routine
from .values import SqlCall

__all__ = [
    "ROUTINE_NOT_RESOLVED",
    "CatalogEntry",
    "Limits",
    "ResultColumn",
    "Routine",
    "RoutineCall",
    "SplAbort",
    "SqlCall",
    "argument_values",
    "catalog_entry",
    "parse_drop",
    "parse_execute",
    "parse_routine",
    "result_columns",
    "run_routine",
]
