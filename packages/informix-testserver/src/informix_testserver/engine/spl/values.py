"""SPL variables: scopes, binding them into SQL text as parameters, and their declared types.

Name resolution follows IBM, "Informix Guide to SQL: Syntax", DEFINE: when an SPL variable and
a column share a name, the name means the variable; ``table.column`` means the column.  So an
identifier that names a variable becomes a ``?`` parameter, except where SQL grammar only allows
a column or table (after ``.``, before ``.`` or ``(``, after AS / FROM / JOIN / INTO / TABLE /
UPDATE, an INSERT column list, the left side of UPDATE ... SET).
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, MutableMapping, Sequence

from informix_testserver.engine.lexer import SqlError, Tok, TokKind, render
from informix_wire.typecodes import TypeCode

from .nodes import Expr, VarType

#: Informix -1214 "Value too large to fit in a SMALLINT" and -1215 "Value exceeds limit of
#: INTEGER precision"; -1226 "Decimal or money value exceeds maximum precision" (IBM finderr).
SMALLINT_RANGE = -1214
INTEGER_RANGE = -1215
DECIMAL_PRECISION = -1226
#: -1213 "A character to numeric conversion process failed" (IBM finderr).
TO_NUMBER = -1213

_INT_LIMITS = {
    int(TypeCode.SMALLINT): (32767, SMALLINT_RANGE),
    int(TypeCode.INT): (2147483647, INTEGER_RANGE),
    int(TypeCode.SERIAL): (2147483647, INTEGER_RANGE),
    int(TypeCode.INT8): (2**63 - 1, INTEGER_RANGE),
    int(TypeCode.SERIAL8): (2**63 - 1, INTEGER_RANGE),
    int(TypeCode.BIGINT): (2**63 - 1, INTEGER_RANGE),
    int(TypeCode.BIGSERIAL): (2**63 - 1, INTEGER_RANGE),
}
_CHAR_CODES = frozenset(
    int(c) for c in (TypeCode.CHAR, TypeCode.NCHAR, TypeCode.VARCHAR, TypeCode.NVCHAR)
)
_NOT_A_VARIABLE_AFTER = frozenset({"AS", "FROM", "JOIN", "INTO", "TABLE", "UPDATE"})

#: Runs one Informix statement with parameters: rows of a SELECT, else a row count.
SqlCall = Callable[[str, Sequence[object]], "list[tuple[object, ...]] | int"]


class Scope:
    """The variables of one statement block; looks outward through enclosing blocks."""

    def __init__(self, parent: Scope | None, globals_: MutableMapping[str, object]) -> None:
        self.parent = parent
        self.globals = globals_
        self.values: dict[str, object] = {}
        self.types: dict[str, VarType | None] = {}
        self.global_names: set[str] = set()

    def _home(self, name: str) -> tuple[Scope, MutableMapping[str, object]] | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.values:
                return scope, scope.values
            if name in scope.global_names:
                return scope, scope.globals
            scope = scope.parent
        return None

    def __contains__(self, name: str) -> bool:
        return self._home(name) is not None

    def declare(self, name: str, vtype: VarType | None, value: object = None) -> None:
        self.values[name] = value
        self.types[name] = vtype

    def declare_global(self, name: str, vtype: VarType | None, value: object) -> None:
        self.global_names.add(name)
        self.types[name] = vtype
        self.globals.setdefault(name, value)

    def get(self, name: str) -> object:
        home = self._home(name)
        if home is None:
            raise SqlError(UNDEFINED_VARIABLE, near=name)
        return home[1][name]

    def type_of(self, name: str) -> VarType | None:
        home = self._home(name)
        if home is None:
            raise SqlError(UNDEFINED_VARIABLE, near=name)
        return home[0].types.get(name)

    def set(self, name: str, value: object) -> None:
        home = self._home(name)
        if home is None:
            raise SqlError(UNDEFINED_VARIABLE, near=name)
        home[1][name] = value


#: Informix -217 "Column (name) not found in any table in the query (or SLV is undefined)."
UNDEFINED_VARIABLE = -217


def bind(toks: Expr, scope: Scope) -> tuple[str, list[object]]:
    """SQL text with each variable reference replaced by ``?``, and the values to bind."""
    protected = _column_positions(toks)
    out: list[Tok] = []
    params: list[object] = []
    for k, tok in enumerate(toks):
        if tok.kind is TokKind.IDENT and k not in protected and _is_reference(toks, k):
            name = tok.text.lower()
            if name in scope:
                params.append(scope.get(name))
                out.append(Tok(TokKind.PARAM, "?", tok.pos))
                continue
        out.append(tok)
    return render(out), params


def _is_reference(toks: Expr, k: int) -> bool:
    if k > 0 and (toks[k - 1].is_op(".") or toks[k - 1].up in _NOT_A_VARIABLE_AFTER):
        return False
    return not (k + 1 < len(toks) and (toks[k + 1].is_op(".") or toks[k + 1].is_op("(")))


def _column_positions(toks: Expr) -> set[int]:
    """Token indexes that can only be column names: INSERT's column list, UPDATE's SET targets."""
    first = toks[0].up if toks else ""
    out: set[int] = set()
    if first == "INSERT":
        k = 3  # INSERT INTO table, then [.:@]name parts of a qualified table name
        while k + 1 < len(toks) and toks[k].kind is TokKind.OP and toks[k].text in ".:@":
            k += 2
        if k < len(toks) and toks[k].is_op("("):
            end = _close(toks, k)
            out.update(range(k, end))
    elif first == "UPDATE":
        depth = 0
        in_set = False
        for k, tok in enumerate(toks):
            if tok.kind is TokKind.OP and tok.text in "([":
                depth += 1
            elif tok.kind is TokKind.OP and tok.text in ")]":
                depth -= 1
            elif depth == 0 and tok.up in ("SET", "WHERE"):
                in_set = tok.up == "SET"
                if in_set and k + 1 < len(toks) and toks[k + 1].is_op("("):
                    out.update(range(k + 1, _close(toks, k + 1)))
            elif in_set and depth == 0 and k + 1 < len(toks) and toks[k + 1].is_op("="):
                out.add(k)
    return out


def _close(toks: Expr, k: int) -> int:
    depth = 0
    for j in range(k, len(toks)):
        if toks[j].kind is TokKind.OP and toks[j].text in "([":
            depth += 1
        elif toks[j].kind is TokKind.OP and toks[j].text in ")]":
            depth -= 1
            if depth == 0:
                return j
    return len(toks)


class _NoQuickValue:
    pass


NO_QUICK_VALUE = _NoQuickValue()
#: Numbers Python combines exactly as Informix does (DECIMAL holds up to 32 digits).
_EXACT = (int, decimal.Decimal)
_DECIMAL_CONTEXT = decimal.Context(prec=32)
_COMPARE: dict[str, Callable[[int, int], object]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: a == b,
    "==": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
    "!=": lambda a, b: a != b,
}


def quick_value(toks: Expr, scope: Scope) -> object:
    """The value of a literal, a variable, or ``number op number`` (integers and decimals:
    ``+ - *`` and comparisons), without a round trip to SQL;
    NO_QUICK_VALUE when the expression needs the SQL engine (NULLs, other types, functions)."""
    if len(toks) == 1:
        return _atom(toks[0], scope)
    if len(toks) == 2 and toks[0].is_op("-") and toks[1].kind is TokKind.NUMBER:
        value = _atom(toks[1], scope)
        return -value if isinstance(value, (int, decimal.Decimal)) else NO_QUICK_VALUE
    if len(toks) == 3 and toks[1].kind is TokKind.OP and toks[1].text in _COMPARE:
        left, right = _atom(toks[0], scope), _atom(toks[2], scope)
        if type(left) in _EXACT and type(right) in _EXACT:
            with decimal.localcontext(_DECIMAL_CONTEXT):
                return _COMPARE[toks[1].text](left, right)  # type: ignore[arg-type]
    return NO_QUICK_VALUE


def _atom(tok: Tok, scope: Scope) -> object:
    if tok.kind is TokKind.NUMBER:
        if tok.text.isdigit():
            return int(tok.text)
        return decimal.Decimal(tok.text)
    if tok.kind is TokKind.STRING:
        return tok.text
    if tok.kind is TokKind.IDENT:
        name = tok.text.lower()
        if name in scope:
            return scope.get(name)
        if tok.up == "NULL":
            return None
    return NO_QUICK_VALUE


def coerce(value: object, vtype: VarType | None, sql: SqlCall) -> object:
    """``value`` as a variable (or returned value) of ``vtype`` holds it (Informix converts on
    assignment); conversions Python cannot do exactly go through the SQL engine's CAST."""
    if value is None or vtype is None or vtype.type_code is None:
        return value
    code = vtype.type_code & 0xFF
    if code in _INT_LIMITS and type(value) in (int, bool):
        limit, error = _INT_LIMITS[code]
        number = int(value)  # type: ignore[call-overload]
        if not -limit <= number <= limit:
            raise SqlError(error)
        return number
    if code in _CHAR_CODES and isinstance(value, str):
        size = vtype.length & 0xFF if code in (TypeCode.VARCHAR, TypeCode.NVCHAR) else vtype.length
        return value[:size] if size else value
    if vtype.extended_name == "lvarchar" and isinstance(value, str):
        return value[: vtype.length]
    if code in (TypeCode.FLOAT, TypeCode.SMALLFLOAT) and isinstance(
        value, (int, float, decimal.Decimal)
    ):
        return float(value)
    if code == TypeCode.DECIMAL and vtype.length & 0xFF == 255 and isinstance(value, str):
        text = value
        try:  # a floating DECIMAL column's stored text (decfloat)
            value = decimal.Decimal(text.strip())
        except decimal.InvalidOperation:
            raise SqlError(TO_NUMBER, near=text) from None
    if (
        code in (TypeCode.DECIMAL, TypeCode.MONEY)
        and isinstance(value, (int, decimal.Decimal))
        and not isinstance(value, bool)
    ):
        return _decimal(decimal.Decimal(value), vtype.length)
    if code == TypeCode.DATE and isinstance(value, datetime.date):
        return value.date() if isinstance(value, datetime.datetime) else value
    if code == TypeCode.BOOL and isinstance(value, bool):
        return value
    if _already(code, value):
        return value
    rows = sql(f"SELECT CAST(? AS {vtype.text})", [value])
    assert isinstance(rows, list)
    return rows[0][0]


def _already(code: int, value: object) -> bool:
    """Values the declared type keeps as they are (no conversion is defined in Python)."""
    if code == TypeCode.DATETIME:
        return isinstance(value, (datetime.datetime, datetime.time))
    if code == TypeCode.INTERVAL:
        return isinstance(value, datetime.timedelta)
    return code not in _INT_LIMITS and code not in _CHAR_CODES and code not in (
        TypeCode.FLOAT, TypeCode.SMALLFLOAT, TypeCode.DECIMAL, TypeCode.MONEY, TypeCode.DATE,
        TypeCode.BOOL,
    )  # fmt: skip


def _decimal(value: decimal.Decimal, length: int) -> decimal.Decimal:
    precision, scale = length >> 8, length & 0xFF
    if scale != 255:
        value = value.quantize(decimal.Decimal(1).scaleb(-scale), decimal.ROUND_HALF_UP)
    digits = len(value.as_tuple().digits)
    exponent = value.as_tuple().exponent
    integer_digits = digits + exponent if isinstance(exponent, int) else digits
    limit = precision - (0 if scale == 255 else scale)
    if value and integer_digits > limit and scale != 255:
        raise SqlError(DECIMAL_PRECISION)
    return value
