"""SPL functions called inside SQL (``SELECT f(col) FROM t``, ``WHERE f(x) > 3``, ``INSERT ...
VALUES (f(1))``), as IDS allows (IBM Guide to SQL: Syntax, "Function Expressions": an SPL or
external function is called in an expression like a built-in one).

Each routine with one RETURNING value that a statement names becomes a DuckDB Python function
of the session, ``ifx_spl_<session>_<name>`` (DuckDB functions are global to the instance, so the
name carries the session), which runs the routine with the ``spl`` interpreter; the dialect calls
it in place of the routine (``schema_rewrites``). DuckDB's Python functions need numpy.

DuckDB does not let code running inside a query use that query's connection, so the routine's
own SQL runs on a second connection of the session (one per nesting level) in its own read
transaction: it sees what is committed, not what the calling transaction changed and has not
committed yet (the difference from IDS). IBM forbids an SPL routine called from a DML statement
to change data: INSERT, UPDATE, DELETE, DDL and transaction statements there fail with -675
"Illegal SQL statement in SPL routine" (Guide to SQL: Syntax, "Restrictions on SPL Routines in
Data-Manipulation Statements"), which is what the test server answers too.
"""

from __future__ import annotations

import importlib
import inspect
import itertools
import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import duckdb

from informix_testserver.engine import errors, functions, routines, schema, spl
from informix_testserver.engine.dialect import translate
from informix_testserver.engine.lexer import SqlError, tokenize
from informix_testserver.engine.spl.nodes import VarType
from informix_testserver.engine.types_sql import cast_target, parse_type

if TYPE_CHECKING:
    from informix_testserver.engine.connection import EngineSession

log = logging.getLogger("informix_testserver")

#: -675 "Illegal SQL statement in SPL routine" (IBM finderr).
ILLEGAL_IN_ROUTINE = -675
#: -686 "Function (name) has returned more than one row" (IBM finderr).
MORE_THAN_ONE_ROW = -686


def _udf_enums() -> Any:
    """DuckDB's Python-function enums: ``duckdb.func`` since 2.0, ``duckdb.functional`` before."""
    for name in ("duckdb.func", "duckdb.functional"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


_UDF = _udf_enums()
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_$]*)\s*\(")


def _duck_type(vtype: VarType) -> str:
    """The DuckDB type of a routine's parameter or returned value (VARCHAR for LIKE types)."""
    if vtype.type_code is None:
        return "VARCHAR"
    try:
        return cast_target(parse_type(tokenize(vtype.text), 0)[0])
    except SqlError:
        return "VARCHAR"


class SqlRoutines:
    """The SPL functions one session's SQL calls."""

    def __init__(self, session: EngineSession) -> None:
        self.session = session
        #: routine name -> (DuckDB function name, the CREATE text it was made from)
        self.registered: dict[str, tuple[str, str]] = {}
        self._side: list[duckdb.DuckDBPyConnection] = []
        #: ((database, catalog generation), routine names, name -> DuckDB function checked)
        self._known: tuple[tuple[str, int], set[str], dict[str, str | None]] = (("", -1), set(), {})
        self._depth = 0
        #: The SqlError a routine raised inside the last statement (DuckDB wraps it).
        self.error: SqlError | None = None

    def mapping(self, sql: str) -> dict[str, str]:
        """Routine name -> DuckDB function for the SPL functions ``sql`` may call."""
        db = self.session.db
        if db is None:
            return {}
        names = {name.lower() for name in _CALL.findall(sql)}
        if not names:
            return {}
        key = (db.name, self.session.engine.catalog_generation)
        if self._known[0] != key:  # routines change only by statements that bump the generation
            rows = self.session.cur.execute(
                "SELECT procname FROM sysprocedures WHERE retsize = 1"
            ).fetchall()
            self._known = (key, {str(name) for (name,) in rows}, {})
        known, checked = self._known[1], self._known[2]
        out: dict[str, str] = {}
        for name in names & known:
            if name not in checked:
                checked[name] = self._ensure(name)
            target = checked[name]
            if target is not None:
                out[name] = target
        return out

    def _ensure(self, name: str) -> str | None:
        routine = routines.find(self.session.cur, name)
        if routine is None or len(routine.returns) != 1:
            return None
        done = self.registered.get(name)
        if done is not None and done[1] == routine.text:
            return done[0]
        target = f"ifx_spl_{self.session.session_id}_{name}"
        cur = self.session.cur
        if done is not None:
            cur.remove_function(target)
            del self.registered[name]
        try:
            cur.create_function(
                target,
                self._function(name, len(routine.params)),
                [_duck_type(p.type) for p in routine.params],
                _duck_type(routine.returns[0].type),
                type=_UDF.PythonUDFType.NATIVE,
                null_handling=_UDF.FunctionNullHandling.SPECIAL,  # NULL arguments reach SPL
                side_effects=True,
            )
        except (duckdb.Error, ImportError, AttributeError) as exc:  # they need numpy
            log.warning("SPL function %s cannot be called from SQL: %s", name, exc)
            return None
        self.registered[name] = (target, routine.text)
        return target

    def _function(self, name: str, arity: int) -> Callable[..., object]:
        """The Python function DuckDB calls; DuckDB counts its parameters, so its signature
        has exactly the routine's."""

        def call(*args: object) -> object:
            return self._call(name, args)

        positional = inspect.Parameter.POSITIONAL_ONLY
        parameters = [inspect.Parameter(f"a{k}", positional) for k in range(arity)]
        call.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        return call

    def _call(self, name: str, args: Sequence[object]) -> object:
        """One call from inside a query: the routine's first returned value."""
        side = self._connection()
        self._depth += 1
        try:
            runner = routines.Runner(side, self._sql(side), self.session.spl_globals)
            rows = list(itertools.islice(runner.call(name, list(args)), 2))
        except SqlError as exc:
            self.error = exc
            raise
        finally:
            self._depth -= 1
        if len(rows) > 1:
            self.error = errors.error(MORE_THAN_ONE_ROW, name)
            raise self.error
        return rows[0][0] if rows and rows[0] else None

    def _connection(self) -> duckdb.DuckDBPyConnection:
        """The session's connection for this nesting level, on the session's database."""
        db = self.session.db
        assert db is not None
        while len(self._side) <= self._depth:
            side = self.session.engine.duck.cursor()
            side.execute("SET ieee_floating_point_ops = false")
            functions.register(side, self.session.session_id, self.session.user)
            self._side.append(side)
        side = self._side[self._depth]
        side.execute(f'USE "{db.name}"')
        return side

    def _sql(self, side: duckdb.DuckDBPyConnection) -> spl.SqlCall:
        def run(text: str, params: Sequence[object]) -> list[tuple[Any, ...]] | int:
            ansi = self.session.db is not None and self.session.db.ansi
            known = schema.build(side, text, {}, ansi)
            translation = translate(text, from_client=False, schema=known)
            if translation.kind.name != "SELECT":
                raise errors.error(ILLEGAL_IN_ROUTINE, text.split(None, 1)[0])
            try:
                return side.execute(translation.sql, list(params)).fetchall()
            except duckdb.Error as exc:
                raise errors.from_duckdb(exc) from exc

        return run

    def take_error(self) -> SqlError | None:
        """The routine's own error behind a failed statement (once)."""
        error, self.error = self.error, None
        return error

    def close(self) -> None:
        for target, _ in self.registered.values():
            try:
                self.session.cur.remove_function(target)
            except duckdb.Error:
                pass
        self.registered.clear()
        for side in self._side:
            side.close()
        self._side.clear()
