"""Row factories: how ``Cursor`` builds each row from the decoded tuple.

A row factory takes the cursor (after ``execute``, so ``description`` is known) and returns a
callable from the tuple to the row, as in psycopg 3. ``tuple_row`` is the default.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Callable
from typing import Any, Protocol

RowMaker = Callable[[tuple[Any, ...]], Any]


class _Described(Protocol):
    @property
    def description(self) -> Any: ...


def _names(cursor: _Described) -> list[str]:
    return [d[0] for d in cursor.description or ()]


def tuple_row(cursor: _Described) -> RowMaker | None:
    """Rows as plain tuples (None: the cursor skips the call altogether)."""
    return None


def namedtuple_row(cursor: _Described) -> RowMaker:
    """Rows as named tuples; names that are not identifiers become ``_0``, ``_1`` ..."""
    make: RowMaker = _row_class(tuple(_names(cursor)))._make
    return make


@functools.lru_cache(maxsize=128)
def _row_class(names: tuple[str, ...]) -> Any:
    return collections.namedtuple("Row", names, rename=True)


def dict_row(cursor: _Described) -> RowMaker:
    """Rows as dicts from column name to value."""
    names = _names(cursor)

    def make(values: tuple[Any, ...]) -> dict[str, Any]:
        return dict(zip(names, values, strict=True))

    return make
