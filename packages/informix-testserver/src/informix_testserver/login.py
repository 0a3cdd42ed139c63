"""The server half of the SQLI login, as the session uses it: a thin layer over
:mod:`informix_wire.login`, which holds the layouts and their sources (JDBC
``com.informix.asf.Connection`` ``encodeAscBinary`` / ``DecodeAscBinary``; sqli-facts part B §1).
"""

from __future__ import annotations

import struct

from informix_wire import login as wire_login
from informix_wire.login import LoginRequest

__all__ = ["BAD_LOGIN", "MAX_LOGIN", "LoginRequest", "accept_reply", "parse_login", "reject_reply"]

#: Largest login PDU accepted: the SL length is a signed short.
MAX_LOGIN = wire_login.MAX_LOGIN_REQUEST
#: -951: "Incorrect password or user is not known on the database server" (finderr); JDBC raises
#: it as SQLInvalidAuthorizationSpecException.
BAD_LOGIN = wire_login.UNKNOWN_USER
#: The version text: JDBC splits it at "Version" for product name and version.
VERSION_TEXT = wire_login.DEFAULT_VERSION_TEXT


def parse_login(body: bytes) -> LoginRequest:
    """Parse the connection request after its 2-byte length (the session has consumed it)."""
    return wire_login.parse_login_request(struct.pack(">h", len(body) + 2) + body)


def accept_reply(server_name: str) -> bytes:
    """SLTYPE_CONACC ending in SQ_ASCEOT (127)."""
    return wire_login.accept_reply(version_text=VERSION_TEXT, server_name=server_name)


def reject_reply(server_name: str, sqlcode: int, message: str = "") -> bytes:
    """SLTYPE_CONREJ with the 102 error block; JDBC raises ``sqlcode`` with ``message`` in its
    text."""
    return wire_login.reject_reply(sqlcode, message, server_name=server_name)
