"""Python value classes for the Informix types that have no natural Python counterpart.

They are plain immutable values: comparable, hashable (when their contents are), with a readable
``repr``. The wire forms they come from are documented where they are decoded (``temporal``,
``lobs``, ``composite``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import total_ordering
from typing import Any, overload


@total_ordering
class IntervalYM:
    """An INTERVAL YEAR TO MONTH (or YEAR, or MONTH) value: a signed whole number of months.

    ``timedelta`` cannot hold it (a month has no fixed length), so it gets its own type, like
    JDBC's ``com.informix.lang.IntervalYM``. ``years`` and ``months`` carry the same sign.
    """

    __slots__ = ("_months",)

    def __init__(self, years: int = 0, months: int = 0) -> None:
        if not isinstance(years, int) or not isinstance(months, int):
            raise TypeError("IntervalYM takes whole years and months")
        self._months = years * 12 + months

    @classmethod
    def from_months(cls, total: int) -> IntervalYM:
        value = cls()
        value._months = total
        return value

    @property
    def total_months(self) -> int:
        return self._months

    @property
    def years(self) -> int:
        sign = -1 if self._months < 0 else 1
        return sign * (abs(self._months) // 12)

    @property
    def months(self) -> int:
        sign = -1 if self._months < 0 else 1
        return sign * (abs(self._months) % 12)

    def __neg__(self) -> IntervalYM:
        return IntervalYM.from_months(-self._months)

    def __add__(self, other: object) -> IntervalYM:
        if not isinstance(other, IntervalYM):
            return NotImplemented
        return IntervalYM.from_months(self._months + other._months)

    def __sub__(self, other: object) -> IntervalYM:
        if not isinstance(other, IntervalYM):
            return NotImplemented
        return IntervalYM.from_months(self._months - other._months)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IntervalYM):
            return NotImplemented
        return self._months == other._months

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, IntervalYM):
            return NotImplemented
        return self._months < other._months

    def __hash__(self) -> int:
        return hash(("IntervalYM", self._months))

    def __bool__(self) -> bool:
        return self._months != 0

    def __repr__(self) -> str:
        return f"IntervalYM(years={self.years}, months={self.months})"

    def __str__(self) -> str:
        sign = "-" if self._months < 0 else ""
        return f"{sign}{abs(self.years)}-{abs(self.months):02d}"


class RowValue(tuple[Any, ...]):
    """A ROW value: a tuple of field values that also answers to its field names.

    ``row[0]``, ``row.name`` and ``row["name"]`` all work; unnamed fields (an anonymous
    ``ROW(1, 'a')`` literal) are reachable by position only. ``type_name`` is the named ROW type
    ("" for unnamed rows).
    """

    names: tuple[str, ...]
    type_name: str

    def __new__(
        cls, values: Iterable[Any], names: Iterable[str] = (), type_name: str = ""
    ) -> RowValue:
        self = super().__new__(cls, values)
        self.names = tuple(names)
        if self.names and len(self.names) != len(self):
            raise ValueError(f"{len(self)} ROW values but {len(self.names)} field names")
        self.type_name = type_name
        return self

    def __getattr__(self, name: str) -> Any:
        try:
            return tuple.__getitem__(self, self.names.index(name))
        except ValueError:
            raise AttributeError(name) from None

    @overload  # type: ignore[override]
    def __getitem__(self, key: int | str) -> Any: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[Any, ...]: ...
    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self.names.index(key))
            except ValueError:
                raise KeyError(key) from None
        return tuple.__getitem__(self, key)

    def as_dict(self) -> dict[str, Any]:
        """Field name to value (positions stand in for missing names)."""
        names = self.names or tuple(f"field{i + 1}" for i in range(len(self)))
        return dict(zip(names, self, strict=True))

    def __reduce__(self) -> tuple[Any, ...]:
        return (RowValue, (tuple(self), self.names, self.type_name))

    def __repr__(self) -> str:
        if self.names:
            inner = ", ".join(f"{n}={v!r}" for n, v in zip(self.names, self, strict=True))
        else:
            inner = ", ".join(repr(v) for v in self)
        return f"RowValue({inner})"


COLLECTION_KINDS = ("SET", "MULTISET", "LIST")


@dataclass(frozen=True, slots=True)
class CollectionValue:
    """A SET, MULTISET or LIST value. ``items`` keeps the server's order (a LIST's order is part of
    its value; SET and MULTISET compare as unordered)."""

    kind: str
    items: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        kind = self.kind.upper()
        if kind not in COLLECTION_KINDS:
            raise ValueError(
                f"collection kind must be one of {COLLECTION_KINDS}, not {self.kind!r}"
            )
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "items", tuple(self.items))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CollectionValue):
            return NotImplemented
        if self.kind != other.kind or len(self.items) != len(other.items):
            return False
        if self.kind == "LIST":
            return self.items == other.items
        remaining = list(other.items)
        for item in self.items:
            try:
                remaining.remove(item)
            except ValueError:
                return False
        return True

    def __hash__(self) -> int:
        if self.kind == "LIST":
            return hash((self.kind, self.items))
        return hash((self.kind, len(self.items)))


def collection_value(kind: str, items: Iterable[Any]) -> Any:
    """The Python value of a fetched collection: a SET is a ``frozenset`` (unordered, no
    duplicates, and hashable so SETs nest), a LIST a ``list``, a MULTISET a
    ``CollectionValue("MULTISET", ...)`` (Python has no multiset; it compares unordered). A SET
    whose elements Python cannot hash (a SET of LISTs) stays a ``CollectionValue("SET", ...)``."""
    kind = kind.upper()
    if kind == "LIST":
        return list(items)
    values = tuple(items)
    if kind == "SET":
        try:
            return frozenset(values)
        except TypeError:
            pass
    return CollectionValue(kind, values)


@dataclass(frozen=True, slots=True)
class BlobDescriptor:
    """The 56-byte descriptor a BYTE or TEXT column carries inside a tuple.

    The content is not in the row: the driver fetches it with SQ_FETCHBLOB while the cursor is open
    (sqli-facts §2.8). ``text`` tells TEXT from BYTE. Layout per IBM JDBC ``IfxBlob`` /
    sqli-facts §2.8: the content size is the int at bytes 16..20, byte 39 is 1 for NULL.
    """

    data: bytes
    text: bool = False

    @property
    def size(self) -> int:
        return int.from_bytes(self.data[16:20], "big", signed=True)

    @property
    def is_null(self) -> bool:
        return self.data[39] == 1


@dataclass(frozen=True, slots=True)
class BlobLocator:
    """A smart-LOB locator of a BLOB column: the 72 opaque bytes (JDBC ``IfxLocator``) that name
    the large object on the server. A fetched BLOB column holds one; ``conn.open_lob(locator)``
    opens the content as a file, and binding a locator stores a reference to that LOB."""

    data: bytes

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.data[:16].hex()}…)"


@dataclass(frozen=True, slots=True, repr=False)
class ClobLocator(BlobLocator):
    """A smart-LOB locator of a CLOB column."""
