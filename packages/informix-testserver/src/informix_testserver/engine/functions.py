"""Functions the dialect's DuckDB SQL calls and DuckDB lacks, as temporary macros on each session's
connection: ``ifx_dbinfo`` (DBINFO, USER, DBSERVERNAME) and the dialect's ``SUPPORT_SQL``.
DBINFO's per-session values live in DuckDB session variables (``SET VARIABLE``), which the
engine updates after each statement that changes them.

DBINFO options (IBM Informix Guide to SQL: Syntax, "DBINFO Function"): 'dbname', 'sessionid',
'version' ('full', 'major', 'minor', 'level', 'os', 'server-type'), 'dbhostname',
'sqlca.sqlerrd1' (the last SERIAL inserted), 'sqlca.sqlerrd2' (rows of the last DML), 'serial8'
and 'bigserial' (the last SERIAL8 / BIGSERIAL inserted), 'utc_current'.
"""

from __future__ import annotations

import logging
import socket

import duckdb

from informix_testserver.engine import decfloat, strings
from informix_testserver.engine.dialect import SUPPORT_SQL

log = logging.getLogger("informix_testserver")

#: What login announces (login.py: "IBM Informix Dynamic Server Version 14.10.FC9").
PRODUCT = "IBM Informix Dynamic Server"
VERSION = "14.10.FC9"
SERVER_NAME = "informix"

#: Session variables behind DBINFO, by option.
VARIABLES = {
    "dbname": "ifx_dbname",
    "sqlca.sqlerrd1": "ifx_serial",
    "sqlca.sqlerrd2": "ifx_rows",
    "serial8": "ifx_serial8",
    "bigserial": "ifx_bigserial",
}


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _dbinfo_macro(session_id: int, user: str) -> str:
    major, minor, level = VERSION.split(".")
    version = {"full": f"{PRODUCT} Version {VERSION}", "server-type": PRODUCT, "major": major,
               "minor": minor, "level": level, "os": "U"}  # fmt: skip
    version_case = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in version.items())
    variables = " ".join(
        f"WHEN {_lit(k)} THEN CAST(getvariable({_lit(v)}) AS VARCHAR)" for k, v in VARIABLES.items()
    )
    return (
        "CREATE OR REPLACE TEMP MACRO ifx_dbinfo(k, a := NULL) AS CASE lower(k) "
        f"{variables} WHEN 'sessionid' THEN '{session_id}' "
        f"WHEN 'dbhostname' THEN {_lit(socket.gethostname())} "
        f"WHEN 'user' THEN {_lit(user)} WHEN 'dbservername' THEN {_lit(SERVER_NAME)} "
        "WHEN 'utc_current' THEN CAST(epoch(now())::BIGINT AS VARCHAR) "
        f"WHEN 'version' THEN CASE lower(coalesce(a, 'full')) {version_case} END "
        # -728: "Unknown first argument of dbinfo" (finderr)
        "ELSE error('-728: unknown DBINFO option ' || k) END"
    )


def register(cur: duckdb.DuckDBPyConnection, session_id: int, user: str) -> None:
    """Create the macros and DBINFO's variables on a session's connection."""
    cur.execute(_dbinfo_macro(session_id, user))
    for sql in (*SUPPORT_SQL, *strings.MACROS, *decfloat.MACROS):
        try:
            cur.execute(sql.replace("CREATE OR REPLACE MACRO", "CREATE OR REPLACE TEMP MACRO", 1))
        except duckdb.Error as exc:  # a macro this DuckDB rejects only fails the SQL using it
            log.warning("dialect support macro rejected by DuckDB: %s", exc)
    for name in VARIABLES.values():
        cur.execute(f"SET VARIABLE {name} = 0")


def set_value(cur: duckdb.DuckDBPyConnection, option: str, value: object) -> None:
    """Update one DBINFO value of the session."""
    cur.execute(f"SET VARIABLE {VARIABLES[option]} = ?", [value])
