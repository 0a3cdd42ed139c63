"""Character values bound where a DATETIME, INTERVAL or DATE is described, converted as IDS
converts them (IBM Guide to SQL: Syntax, "INTERVAL Literal" and "DATETIME Literal": a character
value that a DATETIME or INTERVAL column receives is read in the column's qualifier format, so
``'1 02:03:04'`` is DAY TO SECOND and ``'3-06'`` YEAR TO MONTH; a DATE from a character value
follows DBDATE, whose default for US English is ``MDY4/``, IBM Guide to SQL: Reference,
"DBDATE environment variable"). A quoted literal an INSERT's VALUES or an UPDATE's SET stores
into such a column is the same character value and is read the same way (``convert_literals``).

DuckDB reads neither form (``'3-06'`` as an INTERVAL fails, ``'5:30'`` is always hours and
minutes), so such a value becomes the text DuckDB casts to the stored type (``types_sql``). A
value this reading refuses is left as it is, for DuckDB's own cast to accept (an ISO date) or
refuse (-1213 / -1218, ``errors``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from informix_wire.typecodes import TypeCode

from .columns import ColumnSpec
from .lexer import SqlError, Tok, TokKind
from .param_types import stored_values
from .schema import Schema
from .types_sql import Qualifier, datetime_literal, interval_literal

_MDY4 = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")


def convert(params: Sequence[Any], types: Sequence[ColumnSpec | None]) -> list[Any]:
    """``params`` with each character value for a DATETIME, INTERVAL or DATE parameter (as
    ``param_types`` described it) in the form DuckDB stores."""
    out = list(params)
    for i, value in enumerate(out):
        spec = types[i] if i < len(types) else None
        if isinstance(value, str) and spec is not None:
            out[i] = _from_text(value, spec)
    return out


def convert_literals(toks: list[Tok], schema: Schema | None) -> list[Tok]:
    """An INSERT's or UPDATE's tokens with each character literal it stores into a DATETIME,
    INTERVAL or DATE column (``param_types.stored_values``) in the form DuckDB stores."""
    if schema is None:
        return toks
    out = list(toks)
    for k, spec in stored_values(toks, schema).items():
        if out[k].kind is TokKind.STRING:
            value = _from_text(out[k].text, spec)
            text = value.isoformat() if isinstance(value, datetime.date) else str(value)
            out[k] = Tok(TokKind.STRING, text, out[k].pos)
    return out


def _from_text(text: str, spec: ColumnSpec) -> Any:
    code = spec.type_code & 0xFF
    if code == TypeCode.DATE:
        return _mdy4_date(text)
    if code not in (TypeCode.DATETIME, TypeCode.INTERVAL):
        return text
    qualifier = Qualifier((spec.length >> 4) & 0xF, spec.length & 0xF, 0)
    literal = interval_literal if code == TypeCode.INTERVAL else datetime_literal
    try:
        sql = literal(text, qualifier, Tok(TokKind.STRING, text))
    except SqlError:
        return text
    return sql[sql.index("'") + 1 : -1]  # TIMESTAMP '...', INTERVAL '...': the quoted text


def _mdy4_date(text: str) -> Any:
    match = _MDY4.fullmatch(text)
    if match is None:
        return text
    try:
        return datetime.date(int(match[3]), int(match[1]), int(match[2]))
    except ValueError:
        return text
