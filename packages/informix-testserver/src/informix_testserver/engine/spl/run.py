"""Run a parsed SPL routine: control flow in Python, every expression and SQL statement in the
SQL engine (through the :data:`SqlRunner` the caller gives), with SPL variables bound as
parameters.

Semantics are IBM's ("Informix Guide to SQL: Syntax", SPL statements):

- FOR without STEP counts down when the end is below the start; bounds are evaluated once;
- ON EXCEPTION handlers of a block catch errors of its statements (and of routines they call),
  innermost block first; after the handler the block ends, or with WITH RESUME execution goes on
  after the statement that failed; an error inside a handler goes to the enclosing blocks;
- RETURN WITH RESUME hands a row to the caller and continues on the next fetch; RETURN ends the
  routine;
- SELECT ... INTO with no row leaves the variables as they were, with several rows it is -284.

Two limits keep a test server responsive: the depth of nested routine calls and the number of
statements one top-level call may execute.  Both raise :class:`SplAbort` (an SqlError that no
ON EXCEPTION can catch), never a Python RecursionError or a hang.
"""

from __future__ import annotations

import contextvars
import decimal
from collections.abc import Callable, Generator, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field

from informix_testserver.engine.lexer import SYNTAX_ERROR, SqlError, Tok, TokKind, render
from informix_testserver.engine.tokens import split_top

from .nodes import (
    Block,
    Call,
    Define,
    ExecuteImmediate,
    Expr,
    Foreach,
    ForRange,
    Handler,
    If,
    Let,
    Loop,
    Raise,
    Return,
    Routine,
    Sql,
    Statement,
    System,
    While,
)
from .values import NO_QUICK_VALUE, Scope, SqlCall, bind, coerce, quick_value

Row = tuple[object, ...]
#: The engine's routine call: rows a routine returns for these arguments (SqlError -674 when
#: no routine has that name).
RoutineCall = Callable[[str, list[object]], Iterator[Row]]

#: Informix -674 "Routine (name) can not be resolved": no routine of that name takes these
#: arguments (IBM finderr; also what IDS answers for a wrong argument count).
ROUTINE_NOT_RESOLVED = -674
#: Informix -685 "Function (name) returns too few values" (IBM finderr).
TOO_FEW_VALUES = -685
#: Informix -686 "Function (name) has returned more than one row" (IBM finderr).
MORE_THAN_ONE_ROW = -686
#: Informix -284 "A subquery has returned not exactly one row" (IBM finderr).
NOT_ONE_ROW = -284
#: Informix -668 "The system command cannot be executed" (IBM finderr): SYSTEM is refused.
SYSTEM_REFUSED = -668
#: Informix -746: RAISE EXCEPTION's user-defined error (IBM, RAISE EXCEPTION statement).
USER_ERROR = -746
#: Informix -213 "Statement interrupted by user": what a runaway routine gets here, as if the
#: client had sent an interrupt (the test server's own limit; IDS has none).
INTERRUPTED = -213


class SplAbort(SqlError):
    """A routine stopped by the test server's limits; ON EXCEPTION does not catch it."""


@dataclass(frozen=True)
class Limits:
    """The test server's bounds on one top-level routine call."""

    #: Nested routine calls (a routine calling itself counts each level).
    max_depth: int = 48
    #: Statements, loop iterations and conditions executed, nested calls included.
    max_statements: int = 100_000


@dataclass
class _Run:
    """State shared by a top-level call and every routine it calls."""

    limits: Limits
    globals: MutableMapping[str, object]
    steps: int = 0


@dataclass
class _Frame:
    run: _Run
    depth: int


_ACTIVE: contextvars.ContextVar[_Frame | None] = contextvars.ContextVar("spl_frame", default=None)


def run_routine(
    routine: Routine,
    args: Sequence[object],
    sql: SqlCall,
    call: RoutineCall,
    *,
    is_routine: Callable[[str], bool] | None = None,
    globals_: MutableMapping[str, object] | None = None,
    limits: Limits | None = None,
) -> Iterator[Row]:
    """Start ``routine`` with ``args``; iterate to run it, one row per RETURN.

    A call made while another routine of this module is running (through ``call``) joins that
    run: its depth and statement budget.  ``globals_`` keeps DEFINE GLOBAL variables (one
    mapping per session); ``is_routine`` tells which function names in expressions are SPL
    routines, evaluated through ``call`` before the expression goes to SQL.
    """
    parent = _ACTIVE.get()
    if parent is None:
        run = _Run(limits or Limits(), globals_ if globals_ is not None else {})
        frame = _Frame(run, 1)
    else:
        frame = _Frame(parent.run, parent.depth + 1)
    if frame.depth > frame.run.limits.max_depth:
        raise SplAbort(INTERRUPTED, near=f"routine {routine.name}: calls nested too deep")
    required = sum(1 for p in routine.params if p.default is None)
    if not required <= len(args) <= len(routine.params):
        raise SqlError(ROUTINE_NOT_RESOLVED, near=routine.name)
    interpreter = _Interpreter(routine, sql, call, is_routine, frame)
    return _stepped(frame, interpreter.run(list(args)))


def _stepped(frame: _Frame, rows: Generator[Row, None, None]) -> Iterator[Row]:
    """Advance ``rows`` with ``frame`` as the active one, only while it runs: nested calls find
    it, and a suspended routine (RETURN WITH RESUME) leaves nothing behind."""
    try:
        while True:
            token = _ACTIVE.set(frame)
            try:
                row = next(rows)
            except StopIteration:
                return
            except RecursionError:
                raise SplAbort(INTERRUPTED, near="routine calls nested too deep") from None
            finally:
                _ACTIVE.reset(token)
            yield row
    finally:
        token = _ACTIVE.set(frame)
        try:
            rows.close()
        finally:
            _ACTIVE.reset(token)


class _Stop(Exception):
    """RETURN without WITH RESUME."""


@dataclass
class _LoopJump(Exception):
    verb: str
    kind: str


@dataclass(eq=False)
class _Unwind(Exception):
    """Leave the block whose handler ran (ON EXCEPTION without WITH RESUME)."""

    owner: object


@dataclass(frozen=True)
class _Active:
    handler: Handler
    owner: object  # identifies the running block the handler belongs to
    scope: Scope
    level: int  # how many blocks with handlers enclose it


@dataclass
class _Handlers:
    """Handlers in force: one tuple per enclosing block with handlers, outermost first."""

    levels: tuple[tuple[_Active, ...], ...] = field(default_factory=tuple)


class _Interpreter:
    def __init__(
        self,
        routine: Routine,
        sql: SqlCall,
        call: RoutineCall,
        is_routine: Callable[[str], bool] | None,
        frame: _Frame,
    ) -> None:
        self.routine = routine
        self.sql = sql
        self.call_routine = call
        self.is_routine = is_routine
        self.run_state = frame.run

    def run(self, args: list[object]) -> Generator[Row, None, None]:
        scope = Scope(None, self.run_state.globals)
        for k, param in enumerate(self.routine.params):
            if k < len(args):
                value = args[k]
            else:
                assert param.default is not None
                value = self.values(param.default, scope, _Handlers())[0]
            scope.declare(param.name, param.type, coerce(value, param.type, self.sql))
        try:
            yield from self.block(self.routine.body, scope, _Handlers())
        except _Stop:
            return
        except _LoopJump as jump:
            raise SqlError(SYNTAX_ERROR, near=jump.verb) from None

    # -- blocks -------------------------------------------------------------------------------

    def block(self, block: Block, outer: Scope, handlers: _Handlers) -> Iterator[Row]:
        scope = Scope(outer, self.run_state.globals)
        for define in block.defines:
            self.define(define, scope, handlers)
        if not block.handlers:
            yield from self.statements(block.statements, scope, handlers)
            return
        owner = object()
        level = len(handlers.levels)
        mine = tuple(_Active(h, owner, scope, level) for h in block.handlers)
        try:
            yield from self.statements(block.statements, scope, _Handlers((*handlers.levels, mine)))
        except _Unwind as unwind:
            if unwind.owner is not owner:
                raise

    def statements(
        self, statements: Sequence[Statement], scope: Scope, handlers: _Handlers
    ) -> Iterator[Row]:
        for statement in statements:
            self.tick()
            try:
                yield from self.statement(statement, scope, handlers)
            except SplAbort:
                raise
            except SqlError as exc:
                active = _find_handler(exc, handlers)
                if active is None:
                    raise
                yield from self.handle(active, exc, handlers)

    def handle(self, active: _Active, exc: SqlError, handlers: _Handlers) -> Iterator[Row]:
        """Run ``active``'s handler for ``exc``; then resume or leave the handler's block."""
        names = active.handler.set_vars
        for name, value in zip(names, (exc.sqlcode, exc.isamcode, exc.near), strict=False):
            active.scope.set(name, coerce(value, active.scope.type_of(name), self.sql))
        outer = _Handlers(handlers.levels[: active.level])
        try:
            yield from self.block(active.handler.body, active.scope, outer)
        except SqlError as inner:
            inner.spl_level = active.level  # type: ignore[attr-defined]
            raise
        if not active.handler.resume:
            raise _Unwind(active.owner)

    def tick(self) -> None:
        run = self.run_state
        run.steps += 1
        if run.steps > run.limits.max_statements:
            raise SplAbort(
                INTERRUPTED,
                near=f"routine {self.routine.name}: over {run.limits.max_statements} statements",
            )

    # -- statements ---------------------------------------------------------------------------

    def statement(self, stmt: Statement, scope: Scope, handlers: _Handlers) -> Iterator[Row]:
        if isinstance(stmt, Let):
            self.let(stmt, scope, handlers)
        elif isinstance(stmt, Sql):
            self.run_sql(stmt, scope, handlers)
        elif isinstance(stmt, If):
            yield from self.if_(stmt, scope, handlers)
        elif isinstance(stmt, ForRange):
            yield from self.for_(stmt, scope, handlers)
        elif isinstance(stmt, While):
            yield from self.while_(stmt, scope, handlers)
        elif isinstance(stmt, Foreach):
            yield from self.foreach(stmt, scope, handlers)
        elif isinstance(stmt, Return):
            yield from self.return_(stmt, scope, handlers)
        elif isinstance(stmt, Call):
            self.call(stmt, scope, handlers)
        elif isinstance(stmt, Block):
            yield from self.block(stmt, scope, handlers)
        elif isinstance(stmt, Raise):
            self.raise_(stmt, scope, handlers)
        elif isinstance(stmt, Loop):
            raise _LoopJump(stmt.verb, stmt.kind)
        elif isinstance(stmt, ExecuteImmediate):
            text = self.values(stmt.text, scope, handlers)[0]
            self.sql(str(text), [])
        elif isinstance(stmt, System):
            raise SqlError(SYSTEM_REFUSED, near="SYSTEM")
        else:  # pragma: no cover - the parser makes no other node
            raise TypeError(stmt)

    def define(self, define: Define, scope: Scope, handlers: _Handlers) -> None:
        value = None
        if define.default is not None:
            value = coerce(self.values(define.default, scope, handlers)[0], define.type, self.sql)
        for name in define.names:
            if define.is_global:
                scope.declare_global(name, define.type, value)
            else:
                scope.declare(name, define.type, value)

    def assign(self, names: Sequence[str], values: Sequence[object], scope: Scope) -> None:
        if len(values) < len(names):
            raise SqlError(TOO_FEW_VALUES, near=self.routine.name)
        for name, value in zip(names, values, strict=False):
            scope.set(name, coerce(value, scope.type_of(name), self.sql))

    def let(self, stmt: Let, scope: Scope, handlers: _Handlers) -> None:
        parts = split_top(list(stmt.values))
        if len(parts) == 1 and len(stmt.targets) > 1:
            row = self.multi_value(tuple(parts[0]), scope, handlers)
            self.assign(stmt.targets, row or (None,) * len(stmt.targets), scope)
            return
        if len(parts) != len(stmt.targets):
            raise SqlError(TOO_FEW_VALUES, near=self.routine.name)
        self.assign(stmt.targets, self.values(stmt.values, scope, handlers), scope)

    def multi_value(self, expr: Expr, scope: Scope, handlers: _Handlers) -> Row:
        """The values of ``(SELECT a, b ...)`` or of a routine call ``f(...)``; no row is ()."""
        if len(expr) > 2 and expr[0].is_op("(") and expr[1].up == "SELECT":
            rows = self.query(expr[1:-1], scope)
            if len(rows) > 1:
                raise SqlError(NOT_ONE_ROW)
            return rows[0] if rows else ()
        if len(expr) >= 3 and expr[0].kind is TokKind.IDENT and expr[1].is_op("("):
            args = self.values(expr[2:-1], scope, handlers) if len(expr) > 3 else []
            return self.first_row(expr[0].text.lower(), args)
        raise SqlError(SYNTAX_ERROR, near=expr[0].text)

    def first_row(self, name: str, args: list[object]) -> Row:
        rows = self.call_routine(name, args)
        try:
            first = next(rows, None)
            if first is not None and next(rows, None) is not None:
                raise SqlError(MORE_THAN_ONE_ROW, near=name)
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()
        return first if first is not None else ()

    def run_sql(self, stmt: Sql, scope: Scope, handlers: _Handlers) -> None:
        first = stmt.tokens[0].up if stmt.tokens else ""
        if first in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            text, params = bind(*self.inline_calls(stmt.tokens, scope, handlers))
        else:
            text, params = render(list(stmt.tokens)), []
        result = self.sql(text, params)
        if stmt.into and isinstance(result, list):
            if len(result) > 1:
                raise SqlError(NOT_ONE_ROW)
            if result:
                self.assign(stmt.into, result[0], scope)

    def query(self, toks: Expr, scope: Scope) -> list[Row]:
        text, params = bind(toks, scope)
        rows = self.sql(text, params)
        return rows if isinstance(rows, list) else []

    def if_(self, stmt: If, scope: Scope, handlers: _Handlers) -> Iterator[Row]:
        for condition, body in stmt.branches:
            if self.truth(condition, scope, handlers):
                yield from self.block(body, scope, handlers)
                return
        if stmt.otherwise is not None:
            yield from self.block(stmt.otherwise, scope, handlers)

    def truth(self, condition: Expr, scope: Scope, handlers: _Handlers) -> bool:
        """A condition's value; NULL (unknown) is false, as in IBM's IF and WHILE."""
        value = self.values(condition, scope, handlers, single=True)[0]
        return bool(value) if value is not None else False

    def loop_body(self, kind: str, body: Block, scope: Scope, handlers: _Handlers) -> Iterator[Row]:
        """One pass over a loop body; raises _LoopJump("EXIT") to the loop on EXIT."""
        try:
            yield from self.block(body, scope, handlers)
        except _LoopJump as jump:
            if jump.kind not in ("", kind) or jump.verb == "EXIT":
                raise

    def for_(self, stmt: ForRange, scope: Scope, handlers: _Handlers) -> Iterator[Row]:
        if stmt.var not in scope:
            scope.declare(stmt.var, None)
        try:
            for start, stop, step in stmt.ranges:
                for value in self.range_values(start, stop, step, scope, handlers):
                    self.tick()
                    self.assign((stmt.var,), (value,), scope)
                    yield from self.loop_body("FOR", stmt.body, scope, handlers)
        except _LoopJump as jump:
            if jump.kind not in ("", "FOR"):
                raise

    def range_values(
        self, start: Expr, stop: Expr | None, step: Expr | None, scope: Scope, h: _Handlers
    ) -> Iterator[object]:
        first = self.values(start, scope, h, single=True)[0]
        if stop is None:
            yield first
            return
        last = self.values(stop, scope, h, single=True)[0]
        if first is None or last is None:
            return
        if step is None:
            increment: object = -1 if last < first else 1  # type: ignore[operator]
        else:
            increment = self.values(step, scope, h, single=True)[0]
        if not isinstance(increment, (int, decimal.Decimal, float)) or not increment:
            raise SqlError(SYNTAX_ERROR, near="STEP")
        value = first
        while (value <= last) if increment > 0 else (value >= last):  # type: ignore[operator]
            yield value
            value = value + increment  # type: ignore[operator]

    def while_(self, stmt: While, scope: Scope, handlers: _Handlers) -> Iterator[Row]:
        try:
            while self.truth(stmt.condition, scope, handlers):
                self.tick()
                yield from self.loop_body("WHILE", stmt.body, scope, handlers)
        except _LoopJump as jump:
            if jump.kind not in ("", "WHILE"):
                raise

    def foreach(self, stmt: Foreach, scope: Scope, handlers: _Handlers) -> Iterator[Row]:
        if stmt.call is not None:
            args = self.values(stmt.call.args, scope, handlers) if stmt.call.args else []
            rows: Iterator[Row] = self.call_routine(stmt.call.name, args)
        else:
            assert stmt.query is not None
            rows = iter(self.query(*self.inline_calls(stmt.query, scope, handlers)))
        try:
            for row in rows:
                self.tick()
                self.assign(stmt.into, row, scope)
                yield from self.loop_body("FOREACH", stmt.body, scope, handlers)
        except _LoopJump as jump:
            if jump.kind not in ("", "FOREACH"):
                raise
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()

    def return_(self, stmt: Return, scope: Scope, handlers: _Handlers) -> Iterator[Row]:
        returns = self.routine.returns
        if stmt.values:
            values = self.values(stmt.values, scope, handlers)
            if len(values) != len(returns):
                raise SqlError(TOO_FEW_VALUES, near=self.routine.name)
            yield tuple(coerce(v, r.type, self.sql) for v, r in zip(values, returns, strict=True))
        if not stmt.resume:
            raise _Stop

    def call(self, stmt: Call, scope: Scope, handlers: _Handlers) -> None:
        args = self.values(stmt.args, scope, handlers) if stmt.args else []
        if stmt.into:
            self.assign(stmt.into, self.first_row(stmt.name, args), scope)
            return
        for _ in self.call_routine(stmt.name, args):
            pass

    def raise_(self, stmt: Raise, scope: Scope, handlers: _Handlers) -> None:
        values = self.values(stmt.values, scope, handlers)
        if len(values) > 3 or values[0] is None:
            raise SqlError(SYNTAX_ERROR, near="RAISE")
        codes = [int(str(v)) if v is not None else 0 for v in values[:2]]
        text = str(values[2]) if len(values) > 2 and values[2] is not None else ""
        raise SqlError(codes[0], codes[1] if len(codes) > 1 else 0, near=text)

    # -- expressions --------------------------------------------------------------------------

    def values(
        self, expr: Expr, scope: Scope, handlers: _Handlers, single: bool = False
    ) -> list[object]:
        """The values of a comma list of expressions (one SQL round trip at most)."""
        toks, inner = self.inline_calls(expr, scope, handlers)
        parts = [toks] if single else [tuple(p) for p in split_top(list(toks))]
        quick = [quick_value(part, inner) for part in parts]
        if all(value is not NO_QUICK_VALUE for value in quick):
            return quick
        text, params = bind(toks, inner)
        rows = self.sql(f"SELECT {text}", params)
        if not isinstance(rows, list) or len(rows) != 1:
            raise SqlError(NOT_ONE_ROW)
        return list(rows[0])

    def inline_calls(self, expr: Expr, scope: Scope, handlers: _Handlers) -> tuple[Expr, Scope]:
        """Replace each call of an SPL routine in ``expr`` by a variable holding its value (in a
        scope of its own, so loops do not pile them up)."""
        if self.is_routine is None:
            return expr, scope
        out: list[Tok] = []
        values = Scope(scope, self.run_state.globals)
        k = 0
        while k < len(expr):
            tok = expr[k]
            if (
                tok.kind is TokKind.IDENT
                and k + 1 < len(expr)
                and expr[k + 1].is_op("(")
                and not (k and expr[k - 1].is_op("."))
                and self.is_routine(tok.text.lower())
            ):
                close = _closing(expr, k + 1)
                inner = expr[k + 2 : close]
                args = self.values(inner, scope, handlers) if inner else []
                row = self.first_row(tok.text.lower(), args)
                name = f"spl_value_{len(values.values) + 1}"
                values.declare(name, None, row[0] if row else None)
                out.append(Tok(TokKind.IDENT, name, tok.pos))
                k = close + 1
                continue
            out.append(tok)
            k += 1
        return tuple(out), values


def _closing(expr: Expr, k: int) -> int:
    depth = 0
    for j in range(k, len(expr)):
        if expr[j].is_op("("):
            depth += 1
        elif expr[j].is_op(")"):
            depth -= 1
            if depth == 0:
                return j
    raise SqlError(SYNTAX_ERROR, near=expr[k].text)


def _find_handler(exc: SqlError, handlers: _Handlers) -> _Active | None:
    """The handler for ``exc``: innermost block first, in declaration order within a block."""
    limit = getattr(exc, "spl_level", len(handlers.levels))
    for level in reversed(handlers.levels[:limit]):
        for active in level:
            if not active.handler.codes or exc.sqlcode in active.handler.codes:
                return active
    return None
