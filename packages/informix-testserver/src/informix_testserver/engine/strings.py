"""CHAR and VARCHAR semantics DuckDB lacks, as rewrites of the translated tokens.

What Informix does (IBM documentation):

- a value longer than a CHAR(n) / NCHAR(n) / VARCHAR(n) / NVARCHAR(n) / LVARCHAR(n) column is
  truncated silently in a database that is not ANSI-compliant, and fails with -1279 "Value
  exceeds string column length" in an ANSI-compliant one (Guide to SQL: Syntax, "Truncated CHAR
  Values"; Database Design Guide, "Character data types"; Administrator's Reference,
  STRING_TRUNCATE_ERROR). Blanks beyond n are dropped without error in both, as the SQL
  standard's string assignment rule has it;
- CHAR(n) values are blank padded to n (Guide to SQL: Reference, "CHAR(n) data type") and
  trailing blanks do not count when values are compared: a VARCHAR column compared with ''
  matches a string of blanks (Guide to SQL: Syntax, "Relational-Operator Condition").

How the test server does it: CHAR values are stored without trailing blanks (their padding
carries nothing; the wire pads them to n), so equality, ordering, grouping and unique keys among
CHAR values ignore trailing blanks; VARCHAR values keep theirs. A comparison whose one side is a
known string column and the other a string literal, a parameter or another string column is
rewritten: a literal loses its trailing blanks, a parameter becomes ``rtrim(CAST($n AS
VARCHAR))`` and a VARCHAR column ``rtrim(column)``. Two literals compare without their trailing
blanks too. Other comparisons (expressions, BETWEEN, LIKE / MATCHES) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from informix_testserver.engine import decfloat
from informix_testserver.engine.columns import ColumnSpec
from informix_testserver.engine.lexer import Tok, TokKind, render
from informix_testserver.engine.schema import (
    FIXED,
    VARYING,
    StringColumn,
    floating_decimal,
    string_column,
)
from informix_testserver.engine.tokens import matching, raw, split_top

#: -1279 "Value exceeds string column length" (IBM finderr; rds message catalog of JDBC).
TOO_LONG = -1279
_TOO_LONG = f"error('{TOO_LONG}: Value exceeds string column length')"
_TEXT = "CAST(v AS VARCHAR)"

#: The macros the fitted SQL calls (run on every session's connection with the dialect's).
MACROS: tuple[str, ...] = (
    f"CREATE OR REPLACE MACRO ifx_fit_fixed(v, n) AS rtrim(left({_TEXT}, n))",
    f"CREATE OR REPLACE MACRO ifx_fit_varying(v, n) AS left({_TEXT}, n)",
    f"CREATE OR REPLACE MACRO ifx_fit_fixed_ansi(v, n) AS CASE WHEN length(rtrim({_TEXT})) > n "
    f"THEN {_TOO_LONG} ELSE rtrim({_TEXT}) END",
    f"CREATE OR REPLACE MACRO ifx_fit_varying_ansi(v, n) AS CASE WHEN length(rtrim({_TEXT})) > n "
    f"THEN {_TOO_LONG} ELSE left({_TEXT}, n) END",
)

_COMPARISONS = frozenset({"=", "==", "<>", "!=", "<", "<=", ">", ">="})
#: Words that may stand right before or after an operand of a comparison.
_BOUNDARY_WORDS = frozenset(
    {"AND", "OR", "NOT", "WHERE", "ON", "WHEN", "THEN", "ELSE", "END", "HAVING", "SELECT",
     "DISTINCT", "ORDER", "GROUP", "BY", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT",
     "FROM", "AS", "CASE", "INTO", "ASC", "DESC", "SET"}
)  # fmt: skip
_PARAM = re.compile(r"\$\d+")


def fit_sql(value: str, column: StringColumn, ansi: bool) -> str:
    """``value`` as the column stores it: cut to its size (or -1279 in an ANSI database)."""
    return f"ifx_fit_{column.kind}{'_ansi' if ansi else ''}({value}, {column.size})"


def _fit_tokens(value: list[Tok], spec: ColumnSpec | None, ansi: bool) -> list[Tok]:
    if spec is None or not value or (len(value) == 1 and value[0].up == "DEFAULT"):
        return value
    column = string_column(spec)
    if column is not None:
        return [raw(fit_sql(render(value), column, ansi))]
    if floating_decimal(spec) is not None:
        return [raw(decfloat.fit_sql(render(value)))]
    return value


def _fitted(spec: ColumnSpec | None) -> bool:
    return spec is not None and (
        string_column(spec) is not None or floating_decimal(spec) is not None
    )


def fit_insert(rest: list[Tok], targets: Sequence[ColumnSpec | None], ansi: bool) -> list[Tok]:
    """The source of an INSERT (``VALUES (...), (...)`` or a SELECT, already translated) with
    each value bound for a string or floating DECIMAL column fitted to it."""
    if not any(_fitted(t) for t in targets) or not rest:
        return rest
    if rest[0].text.upper() == "VALUES":
        return _fit_values(rest, targets, ansi)
    if rest[0].up == "SELECT" or rest[0].is_op("("):
        names = [f"ifx_c{k}" for k in range(1, len(targets) + 1)]
        items = [
            render(_fit_tokens([raw(name)], target, ansi))
            for name, target in zip(names, targets, strict=True)
        ]
        sql = f"SELECT {', '.join(items)} FROM ({render(rest)}) AS ifx_src({', '.join(names)})"
        return [raw(sql)]
    return rest


def _fit_values(rest: list[Tok], targets: Sequence[ColumnSpec | None], ansi: bool) -> list[Tok]:
    out: list[Tok] = [rest[0]]
    i = 1
    while i < len(rest):
        tok = rest[i]
        if not tok.is_op("("):
            out.append(tok)
            i += 1
            continue
        close = matching(rest, i)
        values = split_top(rest[i + 1 : close])
        row: list[Tok] = [tok]
        for k, value in enumerate(values):
            if k:
                row.append(Tok(TokKind.OP, ","))
            row += _fit_tokens(value, targets[k] if k < len(targets) else None, ansi)
        out += [*row, rest[close]]
        i = close + 1
    return out


def fit_assignment(value: list[Tok], spec: ColumnSpec | None, ansi: bool) -> list[Tok]:
    """The right side of ``SET column = value`` fitted to a string column."""
    return _fit_tokens(value, spec, ansi)


# --- blank-insensitive comparisons ---------------------------------------------------------


def _name(tok: Tok) -> str | None:
    """The column name a token spells (an identifier or a delimited name), else None."""
    if tok.kind is TokKind.IDENT:
        return tok.text.lower()
    if tok.kind is TokKind.RAW and len(tok.text) > 1 and tok.text[0] == tok.text[-1] == '"':
        return tok.text[1:-1].replace('""', '"')
    return None


def _word(tok: Tok) -> str:
    """A keyword as the translator left it (an identifier, or raw text it emitted)."""
    return tok.text.upper() if tok.kind in (TokKind.IDENT, TokKind.RAW) else ""


def _is_boundary(tok: Tok | None) -> bool:
    if tok is None:
        return True
    if tok.kind is TokKind.OP:
        return tok.text in "(,;"
    return tok.kind in (TokKind.IDENT, TokKind.RAW) and tok.text.upper() in _BOUNDARY_WORDS


def _is_end(tok: Tok | None) -> bool:
    if tok is None:
        return True
    if tok.kind is TokKind.OP:
        return tok.text in "),;"
    return tok.kind in (TokKind.IDENT, TokKind.RAW) and tok.text.upper() in _BOUNDARY_WORDS


class _Operand:
    """A simple operand: a string literal, a parameter or a (qualified) column name."""

    def __init__(self, toks: list[Tok], start: int, end: int, kinds: Mapping[str, str]) -> None:
        self.start, self.end = start, end
        first, last = toks[start], toks[end - 1]
        self.kind = ""
        if end - start == 1 and first.kind is TokKind.STRING:
            self.kind = "literal"
        elif end - start == 1 and first.kind is TokKind.RAW and _PARAM.fullmatch(first.text):
            self.kind = "param"
        else:
            name = _name(last)
            if name is not None and name in kinds:
                self.kind = kinds[name]

    def rewritten(self, toks: list[Tok]) -> list[Tok]:
        part = toks[self.start : self.end]
        if self.kind == "literal":
            return [Tok(TokKind.STRING, part[0].text.rstrip(" "), part[0].pos)]
        if self.kind == "param":
            return [raw(f"rtrim(CAST({part[0].text} AS VARCHAR))")]
        if self.kind == VARYING:
            return [raw(f"rtrim({render(part)})")]
        return part


def _operand_before(toks: list[Tok], k: int, kinds: Mapping[str, str]) -> _Operand | None:
    """The simple operand that ends right before ``toks[k]``."""
    start = k - 1
    if start < 0:
        return None
    tok = toks[start]
    if _name(tok) is not None and tok.up not in _BOUNDARY_WORDS:
        while start >= 2 and toks[start - 1].is_op(".") and _name(toks[start - 2]) is not None:
            start -= 2
    elif tok.kind not in (TokKind.STRING, TokKind.RAW):
        return None
    if not _is_boundary(toks[start - 1] if start else None):
        return None
    return _Operand(toks, start, k, kinds)


def _operand_after(toks: list[Tok], k: int, kinds: Mapping[str, str]) -> _Operand | None:
    """The simple operand that starts at ``toks[k]``."""
    if k >= len(toks):
        return None
    end = k + 1
    tok = toks[k]
    if _name(tok) is not None and tok.up not in _BOUNDARY_WORDS:
        while end + 1 < len(toks) and toks[end].is_op(".") and _name(toks[end + 1]) is not None:
            end += 2
    elif tok.kind not in (TokKind.STRING, TokKind.RAW):
        return None
    if not _is_end(toks[end] if end < len(toks) else None):
        return None
    return _Operand(toks, k, end, kinds)


def _applies(left: _Operand, right: _Operand) -> bool:
    columns = {FIXED, VARYING}
    if left.kind in columns or right.kind in columns:
        return bool(left.kind) and bool(right.kind)
    return left.kind == right.kind == "literal"


def blank_insensitive(toks: list[Tok], kinds: Mapping[str, str]) -> list[Tok]:
    """Comparisons that ignore trailing blanks, as Informix's do (see the module docstring);
    ``kinds`` maps the string column names of the statement's tables to FIXED / VARYING."""
    out = list(toks)
    k = 0
    while k < len(out):
        tok = out[k]
        if tok.kind is TokKind.OP and tok.text in _COMPARISONS:
            left = _operand_before(out, k, kinds)
            right = _operand_after(out, k + 1, kinds)
            if left is not None and right is not None and _applies(left, right):
                new_right = right.rewritten(out)
                new_left = left.rewritten(out)
                out[right.start : right.end] = new_right
                out[left.start : left.end] = new_left
                k = left.start + len(new_left) + len(new_right)
                continue
        elif _word(tok) == "IN" and k + 1 < len(out) and out[k + 1].is_op("("):
            _in_list(out, k, kinds)
        k += 1
    return out


def _in_list(toks: list[Tok], k: int, kinds: Mapping[str, str]) -> None:
    """``column [NOT] IN (literal or parameter, ...)`` for a string column, in place."""
    at = k - 1 if k and _word(toks[k - 1]) == "NOT" else k
    column = _operand_before(toks, at, kinds)
    if column is None or column.kind not in (FIXED, VARYING):
        return
    close = matching(toks, k + 1)
    items = split_top(toks[k + 2 : close])
    operands = [_Operand(item, 0, len(item), kinds) if len(item) == 1 else None for item in items]
    if not operands or any(o is None or o.kind not in ("literal", "param") for o in operands):
        return
    inner: list[Tok] = []
    for n, (item, operand) in enumerate(zip(items, operands, strict=True)):
        assert operand is not None
        if n:
            inner.append(Tok(TokKind.OP, ","))
        inner += operand.rewritten(item)
    toks[k + 2 : close] = inner
    new_column = column.rewritten(toks)
    toks[column.start : column.end] = new_column
