"""The parsed form of an SPL routine: a tree of statements whose expressions stay Informix tokens.

Expressions are not parsed further: the interpreter hands them to the SQL engine (``SELECT
<expr>``) with the SPL variables bound as parameters, so every SQL function and operator means
what the dialect translator makes it mean.  Statement names and clauses follow IBM, "Informix
Guide to SQL: Syntax", chapter "SPL Statements".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from informix_testserver.engine.lexer import Tok

#: An unparsed Informix expression (or a comma list of them).
Expr = tuple[Tok, ...]


@dataclass(frozen=True)
class VarType:
    """A declared type: its Informix text and, when it is a built-in type, its codes."""

    text: str  # as written, upper-cased words: "DECIMAL(8,2)", "LIKE T.C"
    type_code: int | None = None  # syscolumns.coltype; None for LIKE / REFERENCES / PROCEDURE
    length: int = 0  # syscolumns.collength encoding
    extended_name: str = ""


@dataclass(frozen=True)
class Param:
    name: str
    type: VarType
    default: Expr | None = None  # DEFAULT value (a literal or NULL)
    mode: str = "IN"  # IN, OUT or INOUT (only IN matters to an SPL caller)


@dataclass(frozen=True)
class Returned:
    """One value of the RETURNING clause."""

    type: VarType
    name: str = ""  # RETURNING INT AS total


@dataclass(frozen=True)
class Define:
    names: tuple[str, ...]
    type: VarType
    default: Expr | None = None
    is_global: bool = False


@dataclass(frozen=True)
class Let:
    targets: tuple[str, ...]
    values: Expr  # comma list of expressions, or one multi-valued subquery / routine call


@dataclass(frozen=True)
class If:
    branches: tuple[tuple[Expr, Block], ...]  # IF and each ELIF
    otherwise: Block | None


@dataclass(frozen=True)
class ForRange:
    """FOR var = a TO b [STEP s] and FOR var IN (a TO b [STEP s], x, y ...)."""

    var: str
    ranges: tuple[tuple[Expr, Expr | None, Expr | None], ...]  # (start, stop, step)
    body: Block


@dataclass(frozen=True)
class While:
    condition: Expr
    body: Block


@dataclass(frozen=True)
class Foreach:
    """FOREACH over a SELECT's rows or over the rows a routine returns."""

    query: Expr | None  # the SELECT without its INTO clause
    call: Call | None  # FOREACH EXECUTE FUNCTION f(...) INTO ...
    into: tuple[str, ...]
    body: Block


@dataclass(frozen=True)
class Return:
    values: Expr  # may be empty
    resume: bool


@dataclass(frozen=True)
class Raise:
    values: Expr  # sqlcode [, isamcode [, text]]


@dataclass(frozen=True)
class Call:
    """CALL p(args) [RETURNING v...], EXECUTE PROCEDURE/FUNCTION p(args) [INTO v...]."""

    name: str
    args: Expr
    into: tuple[str, ...] = ()


@dataclass(frozen=True)
class Loop:
    """EXIT or CONTINUE of the innermost FOR / WHILE / FOREACH of that kind."""

    verb: str  # "EXIT" or "CONTINUE"
    kind: str  # "FOR", "WHILE" or "FOREACH"


@dataclass(frozen=True)
class Sql:
    """A plain SQL statement; ``into`` is the INTO list of a SELECT (already cut out)."""

    tokens: Expr
    into: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExecuteImmediate:
    text: Expr


@dataclass(frozen=True)
class System:
    """SYSTEM: refused by the test server, which runs no operating-system commands."""


@dataclass(frozen=True)
class Handler:
    """ON EXCEPTION [IN (codes)] [SET sqlcode_var, isam_var, text_var] ... END EXCEPTION."""

    codes: tuple[int, ...]  # empty: every error
    set_vars: tuple[str, ...]
    body: Block
    resume: bool


@dataclass(frozen=True)
class Block:
    """A statement block: its DEFINEs, ON EXCEPTION handlers and statements (BEGIN ... END)."""

    defines: tuple[Define, ...] = ()
    handlers: tuple[Handler, ...] = ()
    statements: tuple[Statement, ...] = ()


Statement = (
    Define | Let | If | ForRange | While | Foreach | Return | Raise | Call | Loop | Sql
    | ExecuteImmediate | System | Block
)  # fmt: skip


@dataclass(frozen=True)
class Routine:
    """A parsed CREATE PROCEDURE / CREATE FUNCTION."""

    name: str
    kind: str  # "procedure" or "function"
    params: tuple[Param, ...]
    returns: tuple[Returned, ...]
    body: Block
    text: str  # the CREATE statement as the client sent it (sysprocbody 'T' rows)
    document: tuple[str, ...] = ()  # DOCUMENT strings (sysprocbody 'D' rows)
    owner: str = ""
    dba: bool = False
    specific_name: str = ""
    options: tuple[str, ...] = field(default_factory=tuple)  # WITH (...) modifiers, upper-case

    @property
    def is_procedure(self) -> bool:
        return self.kind == "procedure"
