"""informix_wire: the SQLI protocol of IBM Informix, sans I/O (messages, capabilities, errors) plus
the transports and login that carry it.

Message classes live in :mod:`informix_wire.messages`; the most used names are re-exported here.
"""

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
from informix_wire.typecodes import TypeCode

__all__ = [
    "CLIENT_OFFER", "Capabilities", "Column", "ConnectionLost", "DataError", "DatabaseError",
    "Describe", "Error", "Incomplete", "InfoType", "IntegrityError", "InterfaceError",
    "InternalError", "NotSupportedError", "OperationalError", "ProgrammingError", "ProtocolError",
    "ReadBuffer", "Reader", "SqlErrorInfo", "StatementType", "Tag", "TypeCode", "Warning",
    "WireTimeout", "Writer", "__version__", "class_for_sqlcode", "encode_pdu", "message_for",
    "read_reply_message", "read_reply_pdu", "read_request_message", "read_request_pdu",
    # login / transports (added by the transport helper)
]  # fmt: skip
