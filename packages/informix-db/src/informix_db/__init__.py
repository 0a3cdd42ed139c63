"""informix_db: a pure-Python PEP 249 driver for IBM Informix over the native SQLI protocol.

``informix_db.connect(host=, port=, user=, password=, database=, server=)`` (or a DSN) returns a
:class:`Connection`. ``informix_db.create_pool`` and ``from informix_db import aio`` resolve to the
``informix-db-pool`` and ``informix-db-aio`` distributions when they are installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from informix_db._core.config import ConnectParams, make_params
from informix_db._core.sqfile import BLOB_PLACEHOLDER
from informix_db._version import __version__
from informix_db.connection import Connection
from informix_db.cursor import Cursor
from informix_db.dbapi import (
    BINARY,
    DATETIME,
    NUMBER,
    ROWID,
    STRING,
    Binary,
    Date,
    DateFromTicks,
    Time,
    TimeFromTicks,
    Timestamp,
    TimestampFromTicks,
)
from informix_db.lob import Lob
from informix_db.rows import RowMaker, dict_row, namedtuple_row, tuple_row
from informix_db.scroll_cursor import ScrollCursor
from informix_types import (
    BlobDescriptor,
    BlobLocator,
    ClobLocator,
    CollectionValue,
    IntervalYM,
    RowValue,
)
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
#: Threads may share the module but not connections.
threadsafety = 1
#: ``?`` markers; ``:1`` numeric markers work too.
paramstyle = "qmark"


def connect(
    dsn: str | None = None,
    *,
    host: str | None = None,
    port: int | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    server: str | None = None,
    autocommit: bool | None = None,
    connect_timeout: float | None = None,
    read_timeout: float | None = None,
    client_locale: str | None = None,
    db_locale: str | None = None,
    env: Mapping[str, str] | None = None,
    tls: Any = None,
    tls_verify: bool | None = None,
    tls_cafile: str | None = None,
    row_factory: Callable[[Any], RowMaker | None] | None = None,
    statement_cache_size: int | None = None,
    fetch_buffer_size: int | None = None,
) -> Connection:
    """Open a connection. ``dsn`` may be an ``informix://user:pw@host:port/db?server=name`` URL
    or a JDBC-style ``host:port/db:INFORMIXSERVER=name;user=...`` string; keywords override it,
    and INFORMIXSERVER, CLIENT_LOCALE and DB_LOCALE from the environment fill what is missing.
    See docs/driver.md for every option."""
    params = make_params(
        dsn,
        host=host,
        port=port,
        user=user,
        password=password,
        database=database,
        server=server,
        autocommit=autocommit,
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        client_locale=client_locale,
        db_locale=db_locale,
        env=env,
        tls=tls,
        tls_verify=tls_verify,
        tls_cafile=tls_cafile,
        row_factory=row_factory,
        statement_cache_size=statement_cache_size,
        fetch_buffer_size=fetch_buffer_size,
    )
    return Connection(params)


#: Names resolved lazily from optional distributions (import-linter forbids static imports).
_OPTIONAL = {
    "create_pool": ("informix_db_pool", "create_pool", "informix-db-pool", "pool"),
    "aio": ("informix_db_aio", None, "informix-db-aio", "aio"),
}


def __getattr__(name: str) -> Any:
    entry = _OPTIONAL.get(name)
    if entry is None:
        raise AttributeError(f"module 'informix_db' has no attribute {name!r}")
    module_name, attribute, distribution, extra = entry
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise ImportError(
            f"informix_db.{name} needs the {distribution} package: "
            f'pip install "informix-db[{extra}]"',
            name=module_name,
        ) from None
    return module if attribute is None else getattr(module, attribute)


__all__ = [
    "BINARY", "BLOB_PLACEHOLDER", "DATETIME", "NUMBER", "ROWID", "STRING", "Binary",
    "BlobDescriptor", "BlobLocator", "ClobLocator", "CollectionValue", "ConnectParams",
    "Connection", "Cursor", "DataError", "DatabaseError", "Date", "DateFromTicks", "Error",
    "IntegrityError", "InterfaceError", "InternalError", "IntervalYM", "Lob", "NotSupportedError",
    "OperationalError", "ProgrammingError", "RowValue", "ScrollCursor", "Time", "TimeFromTicks",
    "Timestamp", "TimestampFromTicks", "Warning", "__version__", "apilevel", "connect",
    "dict_row", "namedtuple_row", "paramstyle", "threadsafety", "tuple_row",
]  # fmt: skip
