"""Connection parameters: keywords, ``informix://`` URLs, JDBC-style strings and environment
defaults, merged into one :class:`ConnectParams` that the sync and asyncio drivers share.

Forms accepted (keywords always win over a DSN, a DSN over the environment):

- ``informix://user:password@host:9088/database?server=ol_informix&client_locale=en_US.utf8``
- JDBC's ``jdbc:informix-sqli://host:9088/database:INFORMIXSERVER=ol;user=u;password=p`` (the
  ``jdbc:informix-sqli://`` prefix is optional), the URL form of IBM's JDBC driver
  (``IfxDriver.connect`` documents ``host:port/database:property=value;...``).
- Environment: INFORMIXSERVER (the server name), CLIENT_LOCALE and DB_LOCALE, as the IBM clients
  read them; DBDATE, DBCENTURY, DBMONEY, GL_DATE, GL_DATETIME, DBTEMP and OPTCOMPIND are passed
  to the server in the login environment when set.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from informix_wire.errors import InterfaceError, ProgrammingError
from informix_wire.tls import tls_context

DEFAULT_PORT = 9088
DEFAULT_CLIENT_LOCALE = "en_US.utf8"
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 60.0
DEFAULT_STATEMENT_CACHE = 32
#: Bytes of rows per NFETCH: more rows per round trip than JDBC's 4096, still a bounded buffer.
DEFAULT_FETCH_BUFFER = 32 * 1024
#: How long an operation waits for another thread's or task's operation on the same connection
#: when no read timeout is set.
DEFAULT_LOCK_TIMEOUT = 300.0

#: Environment variables passed through to the server's session environment when set.
PASSED_ENV = ("DBDATE", "DBCENTURY", "DBMONEY", "GL_DATE", "GL_DATETIME", "DBTEMP", "OPTCOMPIND")

_INT_KEYS = {"port", "statement_cache_size", "fetch_buffer_size"}
_FLOAT_KEYS = {"connect_timeout", "read_timeout"}
_BOOL_KEYS = {"autocommit", "tls", "tls_verify"}
#: Aliases accepted in DSN query strings and JDBC property lists (case-insensitive).
_ALIASES = {
    "informixserver": "server",
    "server": "server",
    "user": "user",
    "password": "password",
    "database": "database",
    "client_locale": "client_locale",
    "db_locale": "db_locale",
    "connect_timeout": "connect_timeout",
    "logintimeout": "connect_timeout",
    "read_timeout": "read_timeout",
    "autocommit": "autocommit",
    "tls": "tls",
    "ssl": "tls",
    "encrypt": "tls",
    "tls_verify": "tls_verify",
    "tls_cafile": "tls_cafile",
    "statement_cache_size": "statement_cache_size",
    "fetch_buffer_size": "fetch_buffer_size",
    "fetchbuffsize": "fetch_buffer_size",
    "app_name": "app_name",
}


@dataclass(frozen=True)
class ConnectParams:
    """Everything ``connect`` needs, validated."""

    host: str
    port: int = DEFAULT_PORT
    user: str = ""
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    server: str = ""
    client_locale: str = DEFAULT_CLIENT_LOCALE
    db_locale: str | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float | None = DEFAULT_READ_TIMEOUT
    autocommit: bool = False
    #: An ``ssl.SSLContext``, True (verified TLS), or False (plain TCP).
    tls: ssl.SSLContext | bool = False
    #: With ``tls=True``: verify the certificate and host name (False only for test servers).
    tls_verify: bool = True
    #: With ``tls=True``: trust only this CA file (a private CA or a self-signed certificate).
    tls_cafile: str | None = None
    row_factory: Callable[[Any], Callable[[tuple[Any, ...]], Any]] | None = None
    statement_cache_size: int = DEFAULT_STATEMENT_CACHE
    fetch_buffer_size: int = DEFAULT_FETCH_BUFFER
    app_name: str = "informix-db"

    def login_env(self) -> dict[str, str]:
        """The session environment sent at login (locales first, then the caller's ``env``)."""
        env = {"CLIENT_LOCALE": self.client_locale}
        if self.db_locale:
            env["DB_LOCALE"] = self.db_locale
        env.update(self.env)
        return env

    def ssl_context(self) -> ssl.SSLContext | None:
        """The ``ssl.SSLContext`` the TLS settings ask for, or None for plain TCP."""
        try:
            return tls_context(
                self.tls or None,
                verify=self.tls_verify if self.tls is True else True,
                cafile=self.tls_cafile if self.tls is True else None,
            )
        except (ValueError, TypeError) as exc:
            raise InterfaceError(f"TLS settings: {exc}") from None

    @property
    def lock_timeout(self) -> float:
        """How long an operation waits for the connection's wire lock: twice the read timeout
        (one operation in front may take that long to answer and to be drained)."""
        return self.read_timeout * 2 if self.read_timeout is not None else DEFAULT_LOCK_TIMEOUT


def _coerce(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        if key in _INT_KEYS:
            return int(value)
        if key in _FLOAT_KEYS:
            return None if value.lower() in ("", "none") else float(value)
    except ValueError:
        raise ProgrammingError(f"connection parameter {key}={value!r} is not a number") from None
    if key in _BOOL_KEYS:
        lowered = value.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off", ""):
            return False
        raise ProgrammingError(f"connection parameter {key}={value!r} is not a boolean")
    return value


def _options(pairs: list[tuple[str, str]], env: dict[str, str]) -> dict[str, Any]:
    """DSN options by parameter name; unknown UPPER-case names go to the session environment."""
    out: dict[str, Any] = {}
    for name, value in pairs:
        key = _ALIASES.get(name.strip().lower())
        if key is not None:
            out[key] = _coerce(key, value)
        elif name.strip().isupper():
            env[name.strip()] = value
        else:
            raise ProgrammingError(f"unknown connection option {name!r} in the DSN")
    return out


def parse_dsn(dsn: str) -> dict[str, Any]:
    """The keywords an ``informix://`` URL or a JDBC-style string stands for."""
    text = dsn.strip()
    env: dict[str, str] = {}
    if text.lower().startswith("informix://"):
        url = urlsplit(text)
        out = _options(parse_qsl(url.query, keep_blank_values=True), env)
        if url.hostname:
            out["host"] = url.hostname
        try:
            port = url.port
        except ValueError:
            raise ProgrammingError(f"bad port in the DSN {dsn!r}") from None
        if port is not None:
            out["port"] = port
        if url.username is not None:
            out["user"] = unquote(url.username)
        if url.password is not None:
            out["password"] = unquote(url.password)
        database = unquote(url.path.lstrip("/"))
        if database:
            out["database"] = database
    else:
        out = _parse_jdbc(text, env)
    if env:
        out["env"] = env
    return out


def _parse_jdbc(text: str, env: dict[str, str]) -> dict[str, Any]:
    """``[jdbc:informix-sqli://]host[:port][/database][:PROP=value;...]``."""
    lowered = text.lower()
    for prefix in ("jdbc:informix-sqli://", "informix-sqli://"):
        if lowered.startswith(prefix):
            text = text[len(prefix) :]
            break
    location, slash, rest = text.partition("/")
    if slash:
        database, _, props = rest.partition(":")
    else:
        host_part, _, after = text.partition(":")
        port_part, _, props = after.partition(":")
        if "=" in port_part:  # host:PROP=... without a port
            port_part, props = "", after
        location = f"{host_part}:{port_part}" if port_part else host_part
        database = ""
    pairs: list[tuple[str, str]] = []
    for item in props.split(";"):
        if not item.strip():
            continue
        name, eq, value = item.partition("=")
        if not eq:
            raise ProgrammingError(f"JDBC-style property {item!r} has no '='")
        pairs.append((name, value))
    out = _options(pairs, env)
    host, colon, port = location.partition(":")
    if not host:
        raise ProgrammingError(f"no host in the connection string {text!r}")
    out["host"] = host
    if colon and port:
        out["port"] = _coerce("port", port)
    if database:
        out["database"] = database
    return out


def make_params(dsn: str | None = None, **kwargs: Any) -> ConnectParams:
    """Merge environment defaults, the DSN and keywords (in rising priority) and validate."""
    environ = os.environ
    merged: dict[str, Any] = {}
    if environ.get("INFORMIXSERVER"):
        merged["server"] = environ["INFORMIXSERVER"]
    if environ.get("CLIENT_LOCALE"):
        merged["client_locale"] = environ["CLIENT_LOCALE"]
    if environ.get("DB_LOCALE"):
        merged["db_locale"] = environ["DB_LOCALE"]
    env = {name: environ[name] for name in PASSED_ENV if environ.get(name)}
    if dsn is not None:
        if not isinstance(dsn, str):
            raise ProgrammingError("the DSN must be a string")
        parsed = parse_dsn(dsn)
        env.update(parsed.pop("env", {}))
        merged.update(parsed)
    given = {k: v for k, v in kwargs.items() if v is not None}
    env.update(given.pop("env", None) or {})
    merged.update(given)
    merged["env"] = env
    unknown = set(merged) - set(ConnectParams.__dataclass_fields__)
    if unknown:
        raise ProgrammingError(f"unknown connection parameter(s): {', '.join(sorted(unknown))}")
    if not merged.get("host"):
        raise ProgrammingError("connect needs a host (host=, or a DSN)")
    if not merged.get("user"):
        raise ProgrammingError("connect needs a user (user=, or a DSN)")
    if not merged.get("server"):
        raise ProgrammingError(
            "connect needs the database server name (server=, INFORMIXSERVER, or a DSN)"
        )
    params = ConnectParams(**merged)
    return _validated(params)


def _validated(params: ConnectParams) -> ConnectParams:
    if not 0 < params.port < 65536:
        raise ProgrammingError(f"port {params.port} is outside 1..65535")
    if params.connect_timeout is None or params.connect_timeout <= 0:
        raise ProgrammingError("connect_timeout must be a positive number of seconds")
    if params.read_timeout is not None and params.read_timeout <= 0:
        raise ProgrammingError("read_timeout must be positive (or None to wait forever)")
    if params.statement_cache_size < 0:
        raise ProgrammingError("statement_cache_size must be 0 or more")
    if params.fetch_buffer_size < 512:
        raise ProgrammingError("fetch_buffer_size must be at least 512 bytes")
    if not isinstance(params.tls, (bool, ssl.SSLContext)):
        raise InterfaceError("tls must be True, False or an ssl.SSLContext")
    for name, value in params.env.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise ProgrammingError("env must map strings to strings")
    return replace(params)
