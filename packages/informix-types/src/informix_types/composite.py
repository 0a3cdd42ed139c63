"""ROW and collection (SET, MULTISET, LIST) values: their text form to and from Python.

In a tuple, a ROW or collection column is a UDT envelope (``strings.envelope``) holding the value
as Informix literal text, e.g. ``ROW(1,'ab',NULL)`` or ``SET{1,2}`` (sqli-facts §2.8, recorded
from IDS 12.10..15 by the peer driver). The binary form JDBC builds with ``IfxComplexOutput`` is
used only for binds that name the column type; it is not needed here because the text form is
what the server sends to a client that does not ask for binary complex types.

Elements are decoded by their own types when the column's extended type name spells them out
(``row(a integer, b varchar(10))``, ``set(decimal(5,2) not null)``); otherwise by the literal's
own shape: quoted text is ``str``, whole numbers ``int``, other numbers ``Decimal`` (``float``
with an exponent), ``NULL`` ``None``, ``t``/``f`` quoted booleans stay ``str``. Nested ROWs and
collections nest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from informix_types.values import COLLECTION_KINDS, CollectionValue, IntervalYM, RowValue
from informix_wire.errors import DataError

_OPEN = {"(": ")", "{": "}"}


class _Parser:
    """A recursive-descent reader of one literal."""

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
            kind = "ROW" if ch == "(" else "SET"
            items = self.items(ch, _OPEN[ch])
            return RowValue(items) if kind == "ROW" else CollectionValue("SET", tuple(items))
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


def parse(text: str, shape: TypeShape | None = None) -> Any:
    """The Python value of one ROW/collection literal (typed by ``shape`` when known)."""
    parser = _Parser(text)
    value = parser.value()
    parser.skip_space()
    if parser.pos != len(text):
        raise parser.fail("trailing text")
    return shape.coerce(value) if shape is not None else value


# ---------------------------------------------------------------------------------------------
# Types spelt out in extended type names: ``row(a integer, b set(char(3) not null))``


class TypeShape:
    """A parsed SQL type name: ``kind`` ("ROW", a collection kind, or a scalar name), its fields
    (ROW), element (collections) and arguments (scalars)."""

    def __init__(
        self,
        kind: str,
        fields: Sequence[tuple[str, TypeShape]] = (),
        element: TypeShape | None = None,
        args: Sequence[int] = (),
    ) -> None:
        self.kind = kind
        self.fields = tuple(fields)
        self.element = element
        self.args = tuple(args)

    def coerce(self, value: Any) -> Any:
        """``value`` as read from a literal, converted to this type's Python value."""
        if value is None:
            return None
        if self.kind == "ROW":
            if not isinstance(value, tuple) or len(value) != len(self.fields):
                raise DataError(f"ROW literal {value!r} does not have {len(self.fields)} fields")
            names = [name for name, _ in self.fields]
            coerced = [shape.coerce(v) for (_, shape), v in zip(self.fields, value, strict=True)]
            return RowValue(coerced, names if all(names) else ())
        if self.kind in COLLECTION_KINDS:
            if not isinstance(value, CollectionValue):
                raise DataError(f"{self.kind} literal expected, got {value!r}")
            element = self.element
            items = value.items if element is None else [element.coerce(v) for v in value.items]
            return CollectionValue(self.kind, tuple(items))
        converter = _SCALARS.get(self.kind)
        return converter(value) if converter is not None else value


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


_SCALARS: dict[str, Callable[[Any], Any]] = {
    "smallint": _to_int,
    "integer": _to_int,
    "int": _to_int,
    "bigint": _to_int,
    "int8": _to_int,
    "serial": _to_int,
    "serial8": _to_int,
    "bigserial": _to_int,
    "decimal": _to_decimal,
    "dec": _to_decimal,
    "numeric": _to_decimal,
    "money": _to_decimal,
    "float": _to_float,
    "double precision": _to_float,
    "smallfloat": _to_float,
    "real": _to_float,
    "boolean": _to_bool,
    "date": _to_date,
    "datetime": _to_datetime,
    "char": _to_text,
    "character": _to_text,
    "nchar": _to_text,
    "varchar": _to_text,
    "nvarchar": _to_text,
    "lvarchar": _to_text,
}


class _TypeParser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self) -> DataError:
        return DataError(f"cannot read the type name {self.text!r} at {self.pos}")

    def word(self) -> str:
        self.skip()
        start = self.pos
        while self.pos < len(self.text) and (
            self.text[self.pos].isalnum() or self.text[self.pos] in "_."
        ):
            self.pos += 1
        return self.text[start : self.pos].lower()

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos : self.pos + 1]

    def expect(self, ch: str) -> None:
        if self.peek() != ch:
            raise self.fail()
        self.pos += 1

    def shape(self) -> TypeShape:
        name = self.word()
        if not name:
            raise self.fail()
        if name == "row":
            self.expect("(")
            fields = []
            while True:
                field = self.word()
                fields.append((field, self.shape()))
                self._skip_constraints()
                if self.peek() == ",":
                    self.pos += 1
                    continue
                self.expect(")")
                return TypeShape("ROW", fields)
        if name.upper() in COLLECTION_KINDS:
            self.expect("(")
            element = self.shape()
            self._skip_constraints()
            self.expect(")")
            return TypeShape(name.upper(), element=element)
        if name == "double" and self.text[self.pos :].lstrip().lower().startswith("precision"):
            self.word()
            name = "double precision"
        args: list[int] = []
        if self.peek() == "(":
            self.pos += 1
            while True:
                arg = self.word()
                if not arg.isdigit():
                    raise self.fail()
                args.append(int(arg))
                if self.peek() == ",":
                    self.pos += 1
                    continue
                self.expect(")")
                break
        if name in ("datetime", "interval"):  # qualifiers are not needed to read the literal
            while self.peek() not in ("", ",", ")"):
                if self.peek() == "(":
                    self.pos = self.text.index(")", self.pos) + 1
                else:
                    self.word() or self._advance()
        return TypeShape(name, args=args)

    def _advance(self) -> str:
        self.pos += 1
        return ""

    def _skip_constraints(self) -> None:
        while self.peek() not in ("", ",", ")"):
            if not self.word():
                raise self.fail()


def parse_type(text: str) -> TypeShape | None:
    """The shape of a ROW/collection type name, or None when it is not one we can read."""
    if not text:
        return None
    parser = _TypeParser(text)
    try:
        shape = parser.shape()
        parser.skip()
        if parser.pos != len(text):
            return None
    except (DataError, ValueError):
        return None
    return shape if shape.kind == "ROW" or shape.kind in COLLECTION_KINDS else None


# ---------------------------------------------------------------------------------------------
# Python -> literal text


def literal(value: Any) -> str:
    """The Informix literal text of a Python value inside a ROW or collection."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "'t'" if value else "'f'"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, dt.datetime):
        return f"'{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date | dt.time):
        return f"'{value.isoformat()}'"
    if isinstance(value, IntervalYM):
        return f"'{value}'"
    if isinstance(value, CollectionValue):
        return f"{value.kind}{{{','.join(literal(v) for v in value.items)}}}"
    if isinstance(value, tuple):
        return f"ROW({','.join(literal(v) for v in value)})"
    if isinstance(value, list):
        return f"LIST{{{','.join(literal(v) for v in value)}}}"
    if isinstance(value, set | frozenset):
        return f"SET{{{','.join(literal(v) for v in value)}}}"
    raise DataError(f"cannot write {type(value).__name__} inside a ROW or collection")
