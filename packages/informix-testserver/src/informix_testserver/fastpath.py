"""Fast-path routine calls: SQ_GETROUTINE looks a routine up by signature and hands out a handle;
SQ_EXFPROUTINE (+ SQ_BIND with the arguments) runs it and answers SQ_FPROUTINE with its values,
then SQ_DONE and SQ_COST (sqli-facts §2.10; JDBC 4.50.10.1 ``IfxSqli.getHandle``,
``sendFastPath``, ``receiveFastPath``).

A signature is what ``IfxSqli.executeFastPath`` sends: ``function [owner.]name(type, ...)`` or
``procedure [owner.]name(type, ...)`` (IBM "Fast-path interface" of the DataBlade API). The
server resolves it first among its built-in routines (``BUILTINS``: the smart-LOB ``ifx_lo_*``
functions of ``smartlob_routines``, which take their arguments as bound), else to SQL the engine
already runs: ``EXECUTE FUNCTION/PROCEDURE name(?, ...)`` for SPL routines, else ``SELECT
name(?, ...)`` for built-in SQL functions. A routine that resolves to none of them, or a built-in
called with the wrong number of arguments, fails with -9700 "Routine cannot be resolved"
(finderr).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from informix_testserver.smartlob_routines import ROUTINES as LOB_ROUTINES
from informix_testserver.smartlob_routines import Native
from informix_types import bind_value, decode_typed
from informix_wire import messages as m
from informix_wire.codec import Writer
from informix_wire.messages.values import TypedValue

#: -9700 "Routine (%s) cannot be resolved" (finderr); also the answer to an unknown handle.
ROUTINE_NOT_RESOLVED = -9700
_SIGNATURE = re.compile(
    r"^\s*(function|procedure)?\s*((?:\w+\.)?(\w+))\s*\((.*)\)\s*$", re.IGNORECASE | re.DOTALL
)
#: Handles start here so they never look like a statement id.
_FIRST_HANDLE = 1000
#: Routines this server implements itself, by name: (argument count, implementation).
BUILTINS: dict[str, tuple[int, Native]] = {**LOB_ROUTINES}


class RoutineError(Exception):
    """A fast-path failure the session answers with SQ_ERR (duck-typed like the engine's)."""

    def __init__(self, sqlcode: int, near: str = "") -> None:
        super().__init__(f"{sqlcode} {near}")
        self.sqlcode = sqlcode
        self.near = near


def argument_count(arguments: str) -> int:
    """Top-level commas of a signature's argument list (``decimal(10,2)`` is one type)."""
    if not arguments.strip():
        return 0
    depth = 0
    count = 1
    for ch in arguments:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            count += 1
    return count


@dataclass
class Routine:
    """A resolved routine: its handle and the engine statement that runs it, or the built-in."""

    handle: int
    signature: str
    prepared: Any
    builtin: tuple[int, Native] | None = None


@dataclass
class FastPath:
    """One session's routine handles and the call waiting for its SQ_BIND."""

    routines: dict[int, Routine] = field(default_factory=dict)
    by_signature: dict[str, int] = field(default_factory=dict)
    pending: Routine | None = None

    def lookup(self, prepare: Callable[[str], Any], signature: str) -> Routine:
        """The routine a signature names, resolved once per session."""
        handle = self.by_signature.get(signature)
        if handle is not None:
            return self.routines[handle]
        match = _SIGNATURE.match(signature)
        if match is None:
            raise RoutineError(ROUTINE_NOT_RESOLVED, signature)
        kind, _qualified, name, arguments = match.groups()
        builtin = BUILTINS.get(name.lower())
        if builtin is not None:
            return self._add(signature, None, builtin)
        markers = ", ".join("?" * argument_count(arguments))
        procedure = (kind or "").lower() == "procedure"
        candidates = [f"EXECUTE {'PROCEDURE' if procedure else 'FUNCTION'} {name}({markers})"]
        if not procedure:
            candidates.append(f"SELECT {name}({markers})")
        for sql in candidates:
            try:
                prepared = prepare(sql)
            except Exception as exc:
                if not isinstance(getattr(exc, "sqlcode", None), int):
                    raise
                continue
            return self._add(signature, prepared)
        raise RoutineError(ROUTINE_NOT_RESOLVED, name)

    def _add(
        self, signature: str, prepared: Any, builtin: tuple[int, Native] | None = None
    ) -> Routine:
        handle = _FIRST_HANDLE + len(self.routines)
        routine = Routine(handle, signature, prepared, builtin)
        self.routines[handle] = routine
        self.by_signature[signature] = handle
        return routine

    def routine(self, handle: int) -> Routine:
        routine = self.routines.get(handle)
        if routine is None:
            raise RoutineError(ROUTINE_NOT_RESOLVED, str(handle))
        return routine


def run(
    execute: Callable[[Any, Sequence[object]], Any],
    routine: Routine,
    args: Sequence[object],
    encoding: str,
) -> m.FastPathResult:
    """Run the routine and return its first row as SQ_FPROUTINE values (none for a
    procedure that returns nothing)."""
    result = execute(routine.prepared, list(args))
    try:
        row = next(iter(getattr(result, "rows", ())), None)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    if row is None:
        return m.FastPathResult([])
    columns = list(getattr(routine.prepared, "columns", []))
    values: list[TypedValue] = []
    for i, value in enumerate(row):
        if value is None:
            code = columns[i].type_code if i < len(columns) else 0
            values.append(TypedValue(code, None, 0, indicator=-1))
        else:
            typed = bind_value(value, encoding)
            values.append(TypedValue(typed.type, typed.data, typed.precision, b"", typed.type_name))
    return m.FastPathResult(values)


# -- session hooks (the session registers these for SQ_GETROUTINE / SQ_EXFPROUTINE / SQ_BIND) --


def get_routine(session: Any, msg: m.GetRoutine, out: Writer) -> None:
    """SQ_GETROUTINE: answer the handle (and, with bit 52, the database; receiveHandle)."""
    state: FastPath = session.fastpath
    if msg.handle is not None:
        routine = state.routine(msg.handle)
    else:
        signature = msg.signature.decode(session.encoding)
        routine = state.lookup(session.engine_session.prepare, signature)
    db = getattr(session.engine_session, "db", None)
    database = str(getattr(db, "name", "")).encode(session.encoding)
    m.RoutineHandle(routine.handle, database).encode(out, session.caps)


def exec_routine(session: Any, msg: m.ExecRoutine, out: Writer) -> None:
    """SQ_EXFPROUTINE: run now without arguments, else when the SQ_BIND that follows arrives."""
    state: FastPath = session.fastpath
    routine = state.routine(msg.handle)
    if msg.nparams:
        state.pending = routine
        return
    _answer(session, routine, [], out)


def bind_arguments(session: Any, msg: m.Bind, out: Writer) -> bool:
    """The SQ_BIND after an SQ_EXFPROUTINE: run the call. False when no call is waiting."""
    state: FastPath = session.fastpath
    routine, state.pending = state.pending, None
    if routine is None:
        return False
    _answer(session, routine, msg.values, out)
    return True


def _answer(session: Any, routine: Routine, values: list[TypedValue], out: Writer) -> None:
    if routine.builtin is not None:
        count, native = routine.builtin
        if len(values) != count:
            raise RoutineError(ROUTINE_NOT_RESOLVED, routine.signature)
        result = m.FastPathResult(native(session, values))
    else:
        args = [decode_typed(v, session.encoding) for v in values]
        result = run(session.engine_session.execute, routine, args, session.encoding)
    result.encode(out, session.caps)
    m.Done().encode(out, session.caps)
    m.Cost().encode(out, session.caps)
