"""What the catalog and DESCRIBE need from a routine, and the parts of EXECUTE PROCEDURE /
FUNCTION the engine evaluates itself (the name, the argument list, the client's INTO list)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from informix_testserver.engine.lexer import SYNTAX_ERROR, SqlError, Tok, TokKind, render, tokenize
from informix_wire.typecodes import TypeCode

from .nodes import Routine, VarType
from .values import SqlCall

#: sysroutinelangs.langid of SPL (IBM Guide to SQL: Reference, SYSROUTINELANGS: 0 built-in,
#: 1 C, 2 SPL, 3 Java).
SPL_LANGID = 2
#: sysproccolumns.paramattr (IBM Guide to SQL: Reference, SYSPROCCOLUMNS): 1 INPUT, 2 INOUT,
#: 4 OUT, 5 return value.
_PARAM_ATTR = {"IN": 1, "INOUT": 2, "OUT": 4}
RETURN_VALUE_ATTR = 5
#: sysprocbody.data holds the text in CHAR(256) pieces.
BODY_CHUNK = 256
#: How IDS names an unnamed value of EXECUTE FUNCTION in DESCRIBE.
UNNAMED_COLUMN = "(expression)"


@dataclass(frozen=True)
class ResultColumn:
    """One column EXECUTE FUNCTION / PROCEDURE returns, in syscolumns terms."""

    name: str
    type_code: int
    length: int
    extended_name: str = ""


@dataclass(frozen=True)
class CatalogEntry:
    """What sysprocedures, sysprocbody and sysproccolumns hold for a routine."""

    procname: str
    isproc: str  # 't' for CREATE PROCEDURE, 'f' for CREATE FUNCTION
    mode: str  # 'D' created with DBA, else 'O' (owner)
    numargs: int
    paramtypes: str  # "integer,varchar(10)"
    retsize: int  # number of returned values
    iterator: bool  # has RETURN ... WITH RESUME
    langid: int
    #: (datakey, seqno, data): 'T' the CREATE text, 'D' the DOCUMENT text.
    body: tuple[tuple[str, int, str], ...]
    #: (paramname, paramid, paramtype, paramlen, paramattr).
    columns: tuple[tuple[str, int, int, int, int], ...]


def _type_code(vtype: VarType) -> tuple[int, int]:
    if vtype.type_code is None:  # LIKE / REFERENCES: resolved only when the routine runs
        return int(TypeCode.VARCHAR), 255
    return vtype.type_code, vtype.length


def result_columns(routine: Routine) -> list[ResultColumn]:
    """DESCRIBE of EXECUTE FUNCTION before it runs: the RETURNING clause."""
    out = []
    for returned in routine.returns:
        code, length = _type_code(returned.type)
        name = returned.name or UNNAMED_COLUMN
        out.append(ResultColumn(name, code, length, returned.type.extended_name))
    return out


def catalog_entry(routine: Routine) -> CatalogEntry:
    """The catalog rows of a routine (IBM Guide to SQL: Reference, SYSPROCEDURES, SYSPROCBODY,
    SYSPROCCOLUMNS)."""
    body = [("T", k // BODY_CHUNK, routine.text[k : k + BODY_CHUNK])
            for k in range(0, len(routine.text), BODY_CHUNK)]  # fmt: skip
    doc = "\n".join(routine.document)
    body += [
        ("D", k // BODY_CHUNK, doc[k : k + BODY_CHUNK]) for k in range(0, len(doc), BODY_CHUNK)
    ]
    columns = []
    for k, param in enumerate(routine.params, start=1):
        code, length = _type_code(param.type)
        columns.append((param.name, k, code, length, _PARAM_ATTR.get(param.mode, 1)))
    for k, returned in enumerate(routine.returns, start=1):
        code, length = _type_code(returned.type)
        columns.append((returned.name, k, code, length, RETURN_VALUE_ATTR))
    return CatalogEntry(
        procname=routine.name,
        isproc="t" if routine.is_procedure else "f",
        mode="D" if routine.dba else "O",
        numargs=len(routine.params),
        paramtypes=",".join(p.type.text.lower() for p in routine.params),
        retsize=len(routine.returns),
        iterator="WITH RESUME" in " ".join(routine.text.upper().split()),
        langid=SPL_LANGID,
        body=tuple(body),
        columns=tuple(columns),
    )


def parse_execute(sql_text: str) -> tuple[str, str, tuple[str, ...]]:
    """EXECUTE PROCEDURE|FUNCTION name(args) [INTO v, ...] or CALL name(args): the name, the
    argument list's text, and the INTO names (which the client, not SQL, uses)."""
    toks = tokenize(sql_text)
    while toks and toks[-1].is_op(";"):
        toks.pop()
    i = 2 if toks and toks[0].up == "EXECUTE" else 1
    if i == 2 and (len(toks) < 2 or toks[1].up not in ("PROCEDURE", "FUNCTION")):
        raise _syntax(toks, 1)
    if i >= len(toks) or toks[i].kind is not TokKind.IDENT:
        raise _syntax(toks, i)
    name = toks[i].text.lower()
    i += 1
    if i + 1 < len(toks) and toks[i].is_op(".") and toks[i + 1].kind is TokKind.IDENT:
        name, i = toks[i + 1].text.lower(), i + 2
    args = ""
    if i < len(toks) and toks[i].is_op("("):
        depth, j = 0, i
        for j in range(i, len(toks)):
            depth += toks[j].is_op("(") - toks[j].is_op(")")
            if depth == 0:
                break
        if depth:
            raise _syntax(toks, i)
        args = render(toks[i + 1 : j])
        i = j + 1
    into: tuple[str, ...] = ()
    if i < len(toks) and toks[i].up == "INTO":
        into = tuple(t.text.lower() for t in toks[i + 1 :] if t.kind is TokKind.IDENT)
        i = len(toks)
    if i < len(toks):
        raise _syntax(toks, i)
    return name, args, into


def argument_values(args: str, params: Sequence[object], sql: SqlCall) -> list[object]:
    """Evaluate an argument list's text (``?`` markers bound to ``params`` in order)."""
    if not args.strip():
        return []
    rows = sql(f"SELECT {args}", list(params))
    if not isinstance(rows, list) or len(rows) != 1:
        raise SqlError(SYNTAX_ERROR, near=args)
    return list(rows[0])


def _syntax(toks: list[Tok], i: int) -> SqlError:
    if i < len(toks):
        return SqlError(SYNTAX_ERROR, near=toks[i].text, offset=max(toks[i].pos, 0))
    return SqlError(SYNTAX_ERROR, near="")
