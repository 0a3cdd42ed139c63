"""Informix SQL data types: parsing a type in DDL or a cast, the syscolumns encoding of its
length, the DuckDB type that stores it, and DATETIME / INTERVAL literals and qualifiers.

Type codes are syscolumns.coltype values (IBM, "Informix Guide to SQL: Reference", SYSCOLUMNS);
lengths follow "Storing column length" there: SMALLINT 2, INTEGER/SERIAL/DATE 4, INT8/SERIAL8 10,
BIGINT/BIGSERIAL 8; VARCHAR max + 256*min; LVARCHAR its max (2048 by default); DECIMAL/MONEY
(p<<8)|s with s 255 for floating DECIMAL(p); DATETIME/INTERVAL (digits<<8)|(first<<4)|last with
qualifier codes YEAR 0, MONTH 2, DAY 4, HOUR 6, MINUTE 8, SECOND 10, FRACTION(n) 10+n.

Storage choices (DuckDB), made so values round-trip:

- CHAR/NCHAR/VARCHAR/NVARCHAR/LVARCHAR/TEXT -> VARCHAR (CHAR padding and VARCHAR(n)
  truncation are the engine's job: it keeps the declared type);
- floating DECIMAL(p) -> VARCHAR holding the exact value (Informix keeps p <= 32 significant
  digits over a huge exponent range, which no DuckDB number type has): ``decfloat``;
- MONEY -> DECIMAL(p,s); BYTE -> BLOB; BLOB/CLOB -> BLOB holding the 72-byte locator of a LOB
  kept by ``informix_testserver.smartlob``; SET/MULTISET/LIST -> a DuckDB LIST and ROW -> a
  STRUCT (``composite``);
- DATETIME whose first field is YEAR, MONTH or DAY -> TIMESTAMP (fields before the first one
  are filled from 2000-01-01, a leap year so 02-29 is valid); HOUR, MINUTE, SECOND or FRACTION
  first -> TIME.  INTERVAL -> DuckDB INTERVAL (months for YEAR TO MONTH; days and microseconds
  otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from informix_wire.typecodes import TypeCode

from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind

#: Qualifier field codes (IBM syscolumns "Storing column length").
FIELD_CODES = {"YEAR": 0, "MONTH": 2, "DAY": 4, "HOUR": 6, "MINUTE": 8, "SECOND": 10}
_FIELD_DIGITS = {0: 4, 2: 2, 4: 2, 6: 2, 8: 2, 10: 2}
_DUCK_UNIT = {0: "year", 2: "month", 4: "day", 6: "hour", 8: "minute", 10: "second"}
#: Informix -1263: "A field in a datetime or interval value is incorrect or illegal."
BAD_DATETIME_FIELD = -1263


@dataclass(frozen=True)
class Qualifier:
    """A DATETIME / INTERVAL qualifier: first and last field codes, leading digits."""

    start: int
    end: int
    lead_digits: int  # digits of the first field (INTERVAL DAY(5) -> 5)

    @property
    def digits(self) -> int:
        """Total digits of the value, the ``length`` part of the syscolumns encoding."""
        if self.start > 10:
            return self.end - 10
        total = self.lead_digits
        total += sum(
            _FIELD_DIGITS[code] for code in range(self.start + 2, min(self.end, 10) + 1, 2)
        )
        return total + (self.end - 10 if self.end > 10 else 0)

    @property
    def encoded(self) -> int:
        return (self.digits << 8) | (self.start << 4) | self.end

    @property
    def is_time_of_day(self) -> bool:
        """DATETIME qualifiers that start at HOUR or later are stored as DuckDB TIME."""
        return self.start >= 6


@dataclass(frozen=True)
class SqlType:
    type_code: int
    length: int
    duck_type: str
    extended_name: str = ""
    serial_start: int = 1


def parse_qualifier(toks: list[Tok], i: int, interval: bool) -> tuple[Qualifier, int]:
    """Parse ``FIELD[(n)] [TO FIELD[(n)]]`` at ``toks[i]``."""
    start, lead, i = _parse_field(toks, i, interval, first=True)
    end = start
    if i < len(toks) and toks[i].up == "TO":
        end, _, i = _parse_field(toks, i + 1, interval, first=False)
    if end < start and not (start > 10 and end > 10):
        raise SqlError(SYNTAX_ERROR, near=toks[i - 1].text, offset=toks[i - 1].pos)
    if start > 10:  # FRACTION TO FRACTION(n)
        lead = 0
    return Qualifier(start, end, lead), i


def _parse_field(toks: list[Tok], i: int, interval: bool, first: bool) -> tuple[int, int, int]:
    if i >= len(toks):
        raise SqlError(SYNTAX_ERROR, near="", offset=toks[-1].pos if toks else 0)
    word = toks[i].up
    prec: int | None = None
    if i + 1 < len(toks) and toks[i + 1].is_op("("):
        if i + 3 >= len(toks) or not toks[i + 3].is_op(")"):
            raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)
        prec = int(toks[i + 2].text)
        nxt = i + 4
    else:
        nxt = i + 1
    if word == "FRACTION":
        n = 3 if prec is None else prec
        if not 1 <= n <= 5:
            raise SqlError(BAD_DATETIME_FIELD, near=toks[i].text, offset=toks[i].pos)
        return 10 + n, 0, nxt
    if word not in FIELD_CODES:
        raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)
    code = FIELD_CODES[word]
    default = 2 if interval and first and code != 0 else _FIELD_DIGITS[code]
    lead = (prec if prec is not None else default) if interval and first else _FIELD_DIGITS[code]
    return code, lead, nxt


def datetime_duck_type(q: Qualifier) -> str:
    return "TIME" if q.is_time_of_day else "TIMESTAMP"


def _fixed(code: TypeCode, length: int, duck: str, ext: str = "") -> SqlType:
    return SqlType(int(code), length, duck, ext)


_SIMPLE = {
    "SMALLINT": _fixed(TypeCode.SMALLINT, 2, "SMALLINT"),
    "INT": _fixed(TypeCode.INT, 4, "INTEGER"),
    "INTEGER": _fixed(TypeCode.INT, 4, "INTEGER"),
    "BIGINT": _fixed(TypeCode.BIGINT, 8, "BIGINT"),
    "INT8": _fixed(TypeCode.INT8, 10, "BIGINT"),
    "SERIAL8": _fixed(TypeCode.SERIAL8, 10, "BIGINT"),
    "BIGSERIAL": _fixed(TypeCode.BIGSERIAL, 8, "BIGINT"),
    "SMALLFLOAT": _fixed(TypeCode.SMALLFLOAT, 4, "REAL"),
    "REAL": _fixed(TypeCode.SMALLFLOAT, 4, "REAL"),
    "DATE": _fixed(TypeCode.DATE, 4, "DATE"),
    # BOOLEAN is syscolumns coltype 45; DESCRIBE shows it as UDTFIXED 41 "boolean" (sqli-facts 2.8).
    "BOOLEAN": _fixed(TypeCode.BOOL, 1, "BOOLEAN", "boolean"),
    "BYTE": _fixed(TypeCode.BYTE, 56, "BLOB"),
    "TEXT": _fixed(TypeCode.TEXT, 56, "VARCHAR"),
    # BLOB/CLOB are fixed opaque types (coltype 41) with a 72-byte descriptor (sqli-facts 2.8).
    "BLOB": _fixed(TypeCode.UDTFIXED, 72, "BLOB", "blob"),
    "CLOB": _fixed(TypeCode.UDTFIXED, 72, "BLOB", "clob"),
}
_COLLECTIONS = {"SET": TypeCode.SET, "MULTISET": TypeCode.MULTISET, "LIST": TypeCode.LIST}


def _paren_ints(toks: list[Tok], i: int) -> tuple[list[int], int]:
    """Integers of an optional ``(a[, b])`` at ``toks[i]``."""
    if i >= len(toks) or not toks[i].is_op("("):
        return [], i
    vals: list[int] = []
    j = i + 1
    while j < len(toks) and not toks[j].is_op(")"):
        tok = toks[j]
        if tok.kind is TokKind.NUMBER and tok.text.isdigit():
            vals.append(int(tok.text))
        elif not tok.is_op(","):
            raise SqlError(SYNTAX_ERROR, near=tok.text, offset=tok.pos)
        j += 1
    if j >= len(toks):
        raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)
    return vals, j + 1


def _matching(toks: list[Tok], i: int) -> int:
    """Index of the bracket closing the one at ``toks[i]``."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind is TokKind.OP and toks[j].text in pairs:
            depth += 1
        elif toks[j].kind is TokKind.OP and toks[j].text in ")}]":
            depth -= 1
            if depth == 0:
                return j
    raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)


def parse_type(toks: list[Tok], i: int) -> tuple[SqlType, int]:
    """Parse an Informix data type at ``toks[i]``; return it and the index after it."""
    if i >= len(toks):
        raise SqlError(SYNTAX_ERROR, near="", offset=toks[-1].pos + 1 if toks else 0)
    tok = toks[i]
    word = tok.up
    if word in _SIMPLE:
        return _SIMPLE[word], i + 1
    if word in ("SERIAL",):
        vals, j = _paren_ints(toks, i + 1)
        return SqlType(int(TypeCode.SERIAL), 4, "INTEGER", "", vals[0] if vals else 1), j
    if word in ("SERIAL8", "BIGSERIAL"):
        vals, j = _paren_ints(toks, i + 1)
        base = _SIMPLE[word]
        return SqlType(base.type_code, base.length, "BIGINT", "", vals[0] if vals else 1), j
    if word == "DOUBLE" and i + 1 < len(toks) and toks[i + 1].up == "PRECISION":
        return _fixed(TypeCode.FLOAT, 8, "DOUBLE"), i + 2
    if word in ("FLOAT", "DOUBLE"):
        _, j = _paren_ints(toks, i + 1)  # FLOAT(n): n is accepted and ignored, as Informix does
        return _fixed(TypeCode.FLOAT, 8, "DOUBLE"), j
    if word in ("DECIMAL", "DEC", "NUMERIC", "MONEY"):
        return _decimal(toks, i, word == "MONEY")
    if word in ("CHAR", "CHARACTER", "NCHAR"):
        if word == "CHARACTER" and i + 1 < len(toks) and toks[i + 1].up == "VARYING":
            return _varchar(toks, i + 1, TypeCode.VARCHAR)
        vals, j = _paren_ints(toks, i + 1)
        code = TypeCode.NCHAR if word == "NCHAR" else TypeCode.CHAR
        return _fixed(code, vals[0] if vals else 1, "VARCHAR"), j
    if word in ("VARCHAR", "NVARCHAR"):
        return _varchar(toks, i, TypeCode.NVCHAR if word == "NVARCHAR" else TypeCode.VARCHAR)
    if word == "LVARCHAR":
        vals, j = _paren_ints(toks, i + 1)
        # LVARCHAR is a built-in variable opaque type: coltype 40, extended name "lvarchar".
        return _fixed(TypeCode.UDTVAR, vals[0] if vals else 2048, "VARCHAR", "lvarchar"), j
    if word == "DATETIME":
        q, j = parse_qualifier(toks, i + 1, interval=False)
        return _fixed(TypeCode.DATETIME, q.encoded, datetime_duck_type(q)), j
    if word == "INTERVAL":
        q, j = parse_qualifier(toks, i + 1, interval=True)
        return _fixed(TypeCode.INTERVAL, q.encoded, "INTERVAL"), j
    if word in _COLLECTIONS or word == "ROW":
        if i + 1 >= len(toks) or not toks[i + 1].is_op("("):
            raise SqlError(SYNTAX_ERROR, near=tok.text, offset=tok.pos)
        end = _matching(toks, i + 1)
        from .composite import parse_type as composite_type  # composite builds on this module

        return composite_type(toks, i, end + 1), end + 1
    if tok.kind is TokKind.IDENT:  # any other name is a named ROW type (CREATE ROW TYPE)
        from .named_types import named_type  # named_types builds on this module

        return named_type(toks, i)
    raise SqlError(SYNTAX_ERROR, near=tok.text, offset=tok.pos)


def _decimal(toks: list[Tok], i: int, money: bool) -> tuple[SqlType, int]:
    vals, j = _paren_ints(toks, i + 1)
    code = TypeCode.MONEY if money else TypeCode.DECIMAL
    if not vals:
        vals = [16, 2] if money else [16]
    if len(vals) == 1 and money:
        vals.append(2)
    prec = vals[0]
    if not 1 <= prec <= 32 or len(vals) > 2 or (len(vals) == 2 and vals[1] > prec):
        raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)
    if len(vals) == 1:  # floating DECIMAL(p): its exact text (decfloat)
        return _fixed(code, (prec << 8) | 255, "VARCHAR"), j
    return _fixed(code, (prec << 8) | vals[1], f"DECIMAL({prec},{vals[1]})"), j


def _varchar(toks: list[Tok], i: int, code: TypeCode) -> tuple[SqlType, int]:
    vals, j = _paren_ints(toks, i + 1)
    size = vals[0] if vals else 1
    reserve = vals[1] if len(vals) > 1 else 0
    if not 1 <= size <= 255 or reserve > size:
        raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)
    return _fixed(code, size + 256 * reserve, "VARCHAR"), j


# --- DATETIME and INTERVAL literals -------------------------------------------------------


def _fields(q: Qualifier) -> list[int]:
    codes = list(range(q.start, min(q.end, 10) + 1, 2)) if q.start <= 10 else []
    if q.end > 10:
        codes.append(q.end)
    return codes


def _split_values(body: str, q: Qualifier, tok: Tok) -> tuple[bool, dict[int, str]]:
    text = body.strip()
    negative = text.startswith("-")
    if negative:
        text = text[1:].lstrip()
    parts = re.findall(r"\d+", text)
    codes = _fields(q)
    if len(parts) != len(codes) or re.search(r"[^\d\s:.\-]", text):
        raise SqlError(BAD_DATETIME_FIELD, near=body, offset=tok.pos)
    return negative, dict(zip(codes, parts, strict=True))


def _fraction_micros(digits: str) -> int:
    return int((digits + "000000")[:6])


def datetime_literal(body: str, q: Qualifier, tok: Tok) -> str:
    """DuckDB SQL for ``DATETIME(body) q`` in the storage form chosen above."""
    negative, vals = _split_values(body, q, tok)
    if negative:
        raise SqlError(BAD_DATETIME_FIELD, near=body, offset=tok.pos)
    frac = next((_fraction_micros(v) for k, v in vals.items() if k > 10), 0)
    hms = f"{int(vals.get(6, 0)):02d}:{int(vals.get(8, 0)):02d}:{int(vals.get(10, 0)):02d}"
    if frac:
        hms += f".{frac:06d}"
    if q.is_time_of_day:
        return f"TIME '{hms}'"
    ymd = f"{int(vals.get(0, 2000)):04d}-{int(vals.get(2, 1)):02d}-{int(vals.get(4, 1)):02d}"
    return f"TIMESTAMP '{ymd} {hms}'"


def interval_literal(body: str, q: Qualifier, tok: Tok) -> str:
    """DuckDB SQL for ``INTERVAL(body) q``: months, or days plus microseconds."""
    negative, vals = _split_values(body, q, tok)
    sign = "-" if negative else ""
    if q.start <= 2 and q.end <= 2:
        months = int(vals.get(0, 0)) * 12 + int(vals.get(2, 0))
        return f"INTERVAL '{sign}{months} months'"
    if q.start <= 2:
        raise SqlError(BAD_DATETIME_FIELD, near=body, offset=tok.pos)
    micros = (
        (int(vals.get(6, 0)) * 60 + int(vals.get(8, 0))) * 60 + int(vals.get(10, 0))
    ) * 1_000_000 + next((_fraction_micros(v) for k, v in vals.items() if k > 10), 0)
    days = int(vals.get(4, 0))
    return f"INTERVAL '{sign}{days} days {sign}{micros} microseconds'"


def current_sql(q: Qualifier | None) -> str:
    """DuckDB SQL for CURRENT [q]: the local time, cut to the qualifier's last field."""
    if q is None:
        return "localtimestamp"
    if q.end > 10:
        step = 10 ** (16 - q.end)  # microseconds per unit of the last FRACTION digit
        ts = f"make_timestamp(epoch_us(localtimestamp) // {step} * {step})"
    else:
        ts = f"date_trunc('{_DUCK_UNIT[q.end]}', localtimestamp)"
    if q.is_time_of_day:
        return f"CAST({ts} AS TIME)"
    return ts


def extend_sql(arg: str, q: Qualifier) -> str:
    """DuckDB SQL for EXTEND(arg, q): widen to a timestamp, cut to the last field."""
    unit = _DUCK_UNIT[min(q.end, 10)]
    ts = f"date_trunc('{unit}', CAST({arg} AS TIMESTAMP))"
    return f"CAST({ts} AS TIME)" if q.is_time_of_day else ts


def cast_target(t: SqlType) -> str:
    """DuckDB type to cast to for ``::t`` / ``CAST(x AS t)``: a floating DECIMAL(p) value in an
    expression is a DOUBLE (decfloat)."""
    if t.type_code == TypeCode.DECIMAL and t.length & 0xFF == 255:
        return "DOUBLE"
    return t.duck_type
