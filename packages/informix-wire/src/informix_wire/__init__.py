"""informix_wire: the SQLI protocol of IBM Informix, sans I/O (messages, capabilities, errors) plus
the transports and login that carry it.

Message classes live in :mod:`informix_wire.messages`; the most used names are re-exported here.
"""

from typing import TYPE_CHECKING, Any

from informix_wire._version import __version__
from informix_wire.buffer import ReadBuffer
from informix_wire.capabilities import CLIENT_OFFER, Capabilities
from informix_wire.codec import Incomplete, Reader, Writer
from informix_wire.errors import (
    ConnectionLost,
    DatabaseError,
    DataError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    ProtocolError,
    Warning,
    WireTimeout,
    class_for_sqlcode,
    message_for,
)
from informix_wire.login import (
    LoginAccepted,
    LoginParams,
    LoginRedirected,
    LoginRequest,
    accept_reply,
    build_login_request,
    login_reply_size,
    parse_login_reply,
    parse_login_request,
    reject_reply,
)
from informix_wire.messages import (
    Column,
    Describe,
    SqlErrorInfo,
    encode_pdu,
    read_reply_message,
    read_reply_pdu,
    read_request_message,
    read_request_pdu,
)
from informix_wire.tags import InfoType, StatementType, Tag
from informix_wire.tls import tls_context
from informix_wire.transport import SocketTransport, connect_tcp
from informix_wire.typecodes import TypeCode

if TYPE_CHECKING:
    from informix_wire.aio_transport import AsyncTransport, open_tcp

__all__ = [
    "CLIENT_OFFER", "Capabilities", "Column", "ConnectionLost", "DataError", "DatabaseError",
    "Describe", "Error", "Incomplete", "InfoType", "IntegrityError", "InterfaceError",
    "InternalError", "NotSupportedError", "OperationalError", "ProgrammingError", "ProtocolError",
    "ReadBuffer", "Reader", "SqlErrorInfo", "StatementType", "Tag", "TypeCode", "Warning",
    "WireTimeout", "Writer", "__version__", "class_for_sqlcode", "encode_pdu", "message_for",
    "read_reply_message", "read_reply_pdu", "read_request_message", "read_request_pdu",
    "LoginAccepted", "LoginParams", "LoginRedirected", "LoginRequest", "accept_reply",
    "build_login_request", "login_reply_size", "parse_login_reply", "parse_login_request",
    "reject_reply", "SocketTransport", "connect_tcp", "tls_context", "AsyncTransport", "open_tcp",
]  # fmt: skip

#: Names imported on first use: they pull in asyncio, which a sync program does not need.
_LAZY = {"AsyncTransport", "open_tcp"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from informix_wire import aio_transport

        return getattr(aio_transport, name)
    raise AttributeError(f"module 'informix_wire' has no attribute {name!r}")
