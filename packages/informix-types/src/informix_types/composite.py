"""ROW and collection values in their text form: ``ROW(1,'ab',NULL)``, ``SET{1,2}``.

The peer driver recorded IDS sending ROW and collection columns to it as this text in a UDT
envelope ``[u8 null][i32 len][text]`` (sqli-facts §2.8), where IBM JDBC reads the binary form
(``composite_binary``); ``composite_tuple`` tells the two apart, and this module reads the text.

Elements are typed by the column's extended type name when it spells them out
(``row(a integer, b varchar(10))``, ``set(decimal(5,2) not null)``); otherwise by the literal's own
shape: quoted text is ``str``, whole numbers ``int``, other numbers ``Decimal`` (``float`` with an
exponent), ``NULL`` ``None``. The Python values are those of the binary form
(``values.collection_value``, ``RowValue``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from informix_types.typenames import TypeNode
from informix_types.values import (
    COLLECTION_KINDS,
    CollectionValue,
    RowValue,
    collection_value,
)
from informix_wire.errors import DataError
from informix_wire.typecodes import ExtendedId, TypeCode

_OPEN = {"(": ")", "{": "}"}


class _Parser:
    """A recursive-descent reader of one literal; ROWs come out as RowValue and collections as
    CollectionValue (turned into their Python values by :func:`_finish`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, why: str) -> DataError:
        return DataError(f"malformed composite literal ({why}) at {self.pos}: {self.text[:80]!r}")

    def skip_space(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos].isspace():
            pos += 1
        self.pos = pos

    def value(self) -> Any:
        self.skip_space()
        if self.pos >= len(self.text):
            raise self.fail("value expected")
        ch = self.text[self.pos]
        if ch in "'\"":
            return self.quoted(ch)
        word_end = self.pos
        while word_end < len(self.text) and (
            self.text[word_end].isalnum() or self.text[word_end] in "_.+-"
        ):
            word_end += 1
        word = self.text[self.pos : word_end]
        upper = word.upper()
        rest = self.text[word_end : word_end + 1]
        if upper == "ROW" and rest == "(":
            self.pos = word_end
            return RowValue(self.items("(", ")"))
        if upper in COLLECTION_KINDS and rest == "{":
            self.pos = word_end
            return CollectionValue(upper, tuple(self.items("{", "}")))
        if ch in "({":
            items = self.items(ch, _OPEN[ch])
            return RowValue(items) if ch == "(" else CollectionValue("SET", tuple(items))
        if not word:
            raise self.fail(f"unexpected {ch!r}")
        self.pos = word_end
        if upper == "NULL":
            return None
        return number(word)

    def quoted(self, quote: str) -> str:
        text = self.text
        pos = self.pos + 1
        out = []
        while True:
            end = text.find(quote, pos)
            if end < 0:
                raise self.fail("unterminated string")
            out.append(text[pos:end])
            if text.startswith(quote, end + 1):  # a doubled quote stands for itself
                out.append(quote)
                pos = end + 2
                continue
            self.pos = end + 1
            return "".join(out)

    def items(self, opening: str, closing: str) -> list[Any]:
        if self.text[self.pos : self.pos + 1] != opening:
            raise self.fail(f"{opening!r} expected")
        self.pos += 1
        values: list[Any] = []
        self.skip_space()
        if self.text.startswith(closing, self.pos):
            self.pos += 1
            return values
        while True:
            values.append(self.value())
            self.skip_space()
            ch = self.text[self.pos : self.pos + 1]
            self.pos += 1
            if ch == closing:
                return values
            if ch != ",":
                raise self.fail(f"',' or {closing!r} expected")


def number(word: str) -> int | Decimal | float:
    try:
        if "e" in word or "E" in word:
            return float(word)
        if "." in word:
            return Decimal(word)
        return int(word)
    except (ValueError, InvalidOperation):
        raise DataError(f"{word!r} is not a literal Informix understands") from None


def parse(text: str, node: TypeNode | None = None) -> Any:
    """The Python value of one ROW/collection literal (typed by ``node`` when known)."""
    parser = _Parser(text)
    value = parser.value()
    parser.skip_space()
    if parser.pos != len(text):
        raise parser.fail("trailing text")
    return _finish(value, node)


def _finish(value: Any, node: TypeNode | None) -> Any:
    """A parsed literal as the Python value of its type."""
    if value is None:
        return None
    if isinstance(value, RowValue):
        fields = node.children if node is not None and node.is_row else ()
        if fields and len(fields) != len(value):
            raise DataError(f"ROW literal {value!r} does not have {len(fields)} fields")
        if not fields:
            return RowValue([_finish(v, None) for v in value])
        names = [f.field for f in fields]
        items = [_finish(v, f) for v, f in zip(value, fields, strict=True)]
        return RowValue(items, names if all(names) else ())
    if isinstance(value, CollectionValue):
        if node is None:
            return collection_value(value.kind, (_finish(v, None) for v in value.items))
        if not node.is_collection:
            raise DataError(f"{node.text()} literal expected, got a {value.kind}")
        element = node.element
        return collection_value(node.kind, (_finish(v, element) for v in value.items))
    if node is None:
        return value
    if node.is_composite:
        raise DataError(f"{node.text()} literal expected, got {value!r}")
    converter = _converter(node)
    return converter(value) if converter is not None else value


def _converter(node: TypeNode) -> Callable[[Any], Any] | None:
    code = node.code
    if node.xid == ExtendedId.BOOLEAN or code == TypeCode.BOOL:
        return _to_bool
    if node.xid == ExtendedId.LVARCHAR or code == TypeCode.LVARCHAR:
        return _to_text
    return _SCALARS.get(code)


def _to_decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise DataError(f"{value!r} is not a DECIMAL literal") from None


def _to_int(value: Any) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise DataError(f"{value!r} is not an integer literal") from None


def _to_float(value: Any) -> float:
    try:
        return float(str(value).strip())
    except ValueError:
        raise DataError(f"{value!r} is not a FLOAT literal") from None


def _to_bool(value: Any) -> bool:
    text = str(value).strip().lower()
    if text in ("t", "1"):
        return True
    if text in ("f", "0"):
        return False
    raise DataError(f"{value!r} is not a BOOLEAN literal")


def _to_date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DataError(f"{value!r} is not a DATE literal (DBDATE=Y4MD- expected)") from None


def _to_datetime(value: Any) -> dt.datetime | dt.date | dt.time:
    text = str(value).strip()
    try:
        if ":" in text and "-" not in text:
            return dt.time.fromisoformat(text)
        if ":" not in text:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise DataError(f"{value!r} is not a DATETIME literal") from None


def _to_text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


_SCALARS: dict[int, Callable[[Any], Any]] = {
    TypeCode.SMALLINT: _to_int,
    TypeCode.INT: _to_int,
    TypeCode.SERIAL: _to_int,
    TypeCode.BIGINT: _to_int,
    TypeCode.BIGSERIAL: _to_int,
    TypeCode.INT8: _to_int,
    TypeCode.SERIAL8: _to_int,
    TypeCode.DECIMAL: _to_decimal,
    TypeCode.MONEY: _to_decimal,
    TypeCode.FLOAT: _to_float,
    TypeCode.SMALLFLOAT: _to_float,
    TypeCode.DATE: _to_date,
    TypeCode.DATETIME: _to_datetime,
    TypeCode.CHAR: _to_text,
    TypeCode.NCHAR: _to_text,
    TypeCode.VARCHAR: _to_text,
    TypeCode.NVCHAR: _to_text,
}
