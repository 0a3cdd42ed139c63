"""informix_db_aio: native asyncio for IBM Informix, on the sans-I/O core of ``informix_db``.

``await connect(...)`` takes the arguments of ``informix_db.connect`` and returns a
:class:`Connection` whose methods are coroutines; ``from informix_db import aio`` resolves to this
module. No threads and no executors: the core's generators are driven over an asyncio stream.
``await create_pool(...)`` makes an asyncio pool (the ``informix-db-pool`` distribution, loaded by
name when called).
"""

from __future__ import annotations

import importlib
from typing import Any

from informix_db._core.sqfile import BLOB_PLACEHOLDER
from informix_db.rows import dict_row, namedtuple_row, tuple_row
from informix_db_aio._version import __version__
from informix_db_aio.connection import Connection, connect
from informix_db_aio.cursor import Cursor
from informix_db_aio.lob import AsyncLob
from informix_db_aio.scroll_cursor import ScrollCursor
from informix_wire.errors import (
    DatabaseError,
    DataError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    Warning,
)

apilevel = "2.0"
threadsafety = 1
paramstyle = "qmark"


async def create_pool(dsn: str | None = None, **kwargs: Any) -> Any:
    """An opened ``informix_db_pool.AsyncConnectionPool``: pool keywords (``min_size``,
    ``max_size``, ``acquire_timeout`` ...; see docs/pool.md) and ``connect`` keywords mixed, as
    the seed README shows. The pool package is imported here, by name: it builds on this one."""
    try:
        pool = importlib.import_module("informix_db_pool")
    except ModuleNotFoundError as exc:
        if exc.name != "informix_db_pool":
            raise
        raise ImportError(
            'aio.create_pool needs the informix-db-pool package: pip install "informix-db[pool]"',
            name="informix_db_pool",
        ) from None
    return await pool.create_async_pool(dsn, **kwargs)


__all__ = [
    "BLOB_PLACEHOLDER", "AsyncLob", "Connection", "Cursor", "DataError", "DatabaseError", "Error",
    "IntegrityError", "InterfaceError", "InternalError", "NotSupportedError",
    "OperationalError", "ProgrammingError", "ScrollCursor", "Warning", "__version__", "apilevel",
    "connect", "create_pool", "dict_row", "namedtuple_row", "paramstyle", "threadsafety",
    "tuple_row",
]  # fmt: skip
