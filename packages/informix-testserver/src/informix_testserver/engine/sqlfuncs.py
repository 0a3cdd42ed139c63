"""Informix built-in functions that DuckDB spells or behaves otherwise, written as DuckDB SQL
from their already rewritten arguments, and MATCHES patterns as GLOB patterns (IBM, "Informix
Guide to SQL: Syntax", Function Expressions and the MATCHES Condition)."""

from __future__ import annotations

from collections.abc import Callable

from .lexer import SYNTAX_ERROR, SqlError, Tok

# --- MATCHES -------------------------------------------------------------------------------


def matches_to_glob(pattern: str, escape: str = "\\") -> str:
    """An Informix MATCHES pattern as a DuckDB GLOB pattern.

    MATCHES: ``*`` any string, ``?`` one character, ``[..]`` a class with ``^`` negation, and the
    escape character (backslash by default) quotes the next one (IBM, "MATCHES Condition").
    GLOB has the same wildcards, ``!`` negation, and quotes by a one-character class.
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if escape and ch == escape and i + 1 < len(pattern):
            out.append(_glob_literal(pattern[i + 1]))
            i += 2
        elif ch == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                out.append("[[]")
                i += 1
                continue
            body = pattern[i + 1 : end]
            if body.startswith("^"):
                body = "!" + body[1:]
            out.append("[" + body + "]")
            i = end + 1
        elif ch in "*?":
            out.append(ch)
            i += 1
        else:
            out.append(_glob_literal(ch))
            i += 1
    return "".join(out)


def _glob_literal(ch: str) -> str:
    return f"[{ch}]" if ch in "*?[]\\!" else ch


# --- functions rewritten from their rendered arguments ------------------------------------


def _arity(args: list[str], tok: Tok, low: int, high: int) -> None:
    if not low <= len(args) <= high:
        raise SqlError(SYNTAX_ERROR, near=tok.text, offset=tok.pos)


def _f_decode(args: list[str], tok: Tok) -> str:
    """DECODE(x, w1, r1, ..., [default]); a NULL ``w`` matches a NULL ``x`` (IBM, DECODE)."""
    _arity(args, tok, 3, 999)
    subject, rest = args[0], args[1:]
    whens = [
        f"WHEN ({subject}) IS NOT DISTINCT FROM ({rest[k]}) THEN {rest[k + 1]}"
        for k in range(0, len(rest) - 1, 2)
    ]
    default = f" ELSE {rest[-1]}" if len(rest) % 2 else ""
    return f"CASE {' '.join(whens)}{default} END"


def _f_mdy(args: list[str], tok: Tok) -> str:
    _arity(args, tok, 3, 3)
    month, day, year = (f"CAST({a} AS INTEGER)" for a in args)
    return f"make_date({year}, {month}, {day})"


def _f_dbinfo(args: list[str], tok: Tok) -> str:
    _arity(args, tok, 1, 2)
    if len(args) == 1:
        return f"ifx_dbinfo(lower({args[0]}))"
    return f"ifx_dbinfo(lower({args[0]}), CAST({args[1]} AS VARCHAR))"


def _f_substr(args: list[str], tok: Tok) -> str:
    _arity(args, tok, 2, 3)
    return f"substr(CAST({args[0]} AS VARCHAR), {', '.join(args[1:])})"


def _f_to_char(args: list[str], tok: Tok) -> str:
    """TO_CHAR(x [, fmt]): the format's % directives are strftime's (IBM, GL_DATETIME)."""
    _arity(args, tok, 1, 2)
    if len(args) == 1:
        return f"CAST({args[0]} AS VARCHAR)"
    return f"strftime(CAST({args[0]} AS TIMESTAMP), {args[1]})"


def _template(
    sql: str, low: int, high: int = 0, defaults: tuple[str, ...] = ()
) -> Callable[[list[str], Tok], str]:
    """A function written as ``sql`` with its arguments as ``{0}``, ``{1}``...: ``low`` to
    ``high`` of them, the missing optional ones taken from ``defaults``."""
    most = max(low, high)

    def emit(args: list[str], tok: Tok) -> str:
        _arity(args, tok, low, most)
        return sql.format(*args, *defaults[len(args) - low :])

    return emit


#: COUNT and AVG are described as DECIMAL (sqli-facts part A §3 "Fetching", recorded against
#: IDS). The precision is our choice where no source gives it: COUNT as DECIMAL(15,0) (an
#: 8-byte count has at most 19 digits, but 15 covers any table this server holds), AVG as
#: DECIMAL(32,10) (Informix's widest precision; DuckDB needs a fixed scale). SUM needs no cast:
#: DuckDB sums exact types as HUGEINT or DECIMAL, already described as DECIMAL.
_AGGREGATE_CASTS = {"COUNT": "DECIMAL(15,0)", "AVG": "DECIMAL(32,10)"}


def _f_aggregate(name: str) -> Callable[[list[str], Tok], str]:
    def emit(args: list[str], tok: Tok) -> str:
        return f"CAST({name.lower()}({', '.join(args)}) AS {_AGGREGATE_CASTS[name]})"

    return emit


#: Aggregates whose casts must not be applied when they are window functions (``... OVER``).
AGGREGATES = frozenset(_AGGREGATE_CASTS)

FUNCTIONS: dict[str, Callable[[list[str], Tok], str]] = {
    "COUNT": _f_aggregate("COUNT"),
    "AVG": _f_aggregate("AVG"),
    "DECODE": _f_decode,
    "MDY": _f_mdy,
    "DBINFO": _f_dbinfo,
    # LENGTH leaves out trailing blanks (IBM, "LENGTH Function")
    "LENGTH": _template("length(rtrim(CAST({0} AS VARCHAR), ' '))", 1),
    "CHAR_LENGTH": _template("length(CAST({0} AS VARCHAR))", 1),
    "OCTET_LENGTH": _template("strlen(CAST({0} AS VARCHAR))", 1),
    "SUBSTR": _f_substr,
    "LPAD": _template("lpad(CAST({0} AS VARCHAR), {1}, {2})", 2, 3, ("' '",)),
    "RPAD": _template("rpad(CAST({0} AS VARCHAR), {1}, {2})", 2, 3, ("' '",)),
    "REPLACE": _template("replace({0}, {1}, {2})", 2, 3, ("''",)),
    "INITCAP": _template("ifx_initcap({0})", 1),
    "TRUNC": _template("trunc({0}, {1})", 1, 2, ("0",)),
    "ROUND": _template("round({0}, {1})", 1, 2, ("0",)),
    "MOD": _template("(({0}) % ({1}))", 2),
    "TO_CHAR": _f_to_char,
    "TO_DATE": _template("strptime({0}, {1})", 1, 2, ("'%m/%d/%Y'",)),
    "DATE": _template("CAST({0} AS DATE)", 1),
    "HEX": _template("('0x' || upper(lpad(hex({0}), 8, '0')))", 1),
    # the number of elements of a collection (a DuckDB list: composite), an INTEGER (IBM Guide
    # to SQL: Syntax, "CARDINALITY Function")
    "CARDINALITY": _template("CAST(len({0}) AS INTEGER)", 1),
}
