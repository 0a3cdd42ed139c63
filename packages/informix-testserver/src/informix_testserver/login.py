"""The server half of the SQLI login: parse the client's connection request, build the accept or
reject reply.

The wire ``informix_wire`` package has no server-side login yet, so this module holds it (layouts
from JDBC ``com.informix.asf.Connection.encodeAscBinary`` for the request and
``recvConnectionResponse`` / ``DecodeAscBinary`` for the reply; sqli-facts part B §1).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from informix_wire.codec import Reader, Writer
from informix_wire.errors import ProtocolError

#: Largest login PDU accepted (JDBC's is ~400 bytes; an environment list can grow it).
MAX_LOGIN = 32 * 1024
#: Cap_1 = 316 is the one value that makes JDBC negotiate with SQ_PROTOCOLS
#: (IfxSqliConnect.enhancedProtocolMechanism; sqli-facts part B §1).
CAP_1 = 316
#: The version string: JDBC splits it at "Version" for product name and version
#: (sqli-facts part B §4.2).
PRODUCT = "IBM Informix Dynamic Server"
VERSION = "14.10.FC9"
#: -951: "Incorrect password or user is not known on the database server" (finderr).
BAD_LOGIN = -951

_SL_ACCEPT = 2  # SLTYPE_CONACC
_SL_REJECT = 3  # SLTYPE_CONREJ: the 102 block follows (Connection.recvConnectionResponse case 3)


@dataclass(slots=True)
class LoginRequest:
    """What the server needs from the client's connection request."""

    user: str
    password: str | None = field(repr=False)  # never in the PDU log
    server_name: str
    database: str | None
    env: dict[str, str]


def _cstr(r: Reader) -> str | None:
    """``[short len+1][bytes][NUL]``, no pad; a zero length is NULL (encodeAscBinary)."""
    n = r.short()
    if n <= 0:
        return None
    return r.raw(n).rstrip(b"\0").decode("latin-1")


def parse_login(body: bytes) -> LoginRequest:
    """Parse the PDU after its 2-byte length: SL header, SQ_ASSOC/ASCBINARY block, SQ_ASCINITREQ,
    then the environment (encodeAscBinary, encodeEnv)."""
    r = Reader(body)
    try:
        r.skip(4)  # SL type 1 (CONREQ), version byte, short 0
        if (r.short(), r.short()) != (100, 101):
            raise ProtocolError("login request without SQ_ASSOC / SQ_ASCBINARY")
        r.skip(4)
        _cstr(r)  # "IEEEM"
        if r.short() != 108:
            raise ProtocolError("login request without SQ_ASCBPARMS")
        r.skip(12)  # "sqlexec"
        _cstr(r), _cstr(r), _cstr(r)  # client version, serial, "sqli"
        r.skip(12)  # Cap_1..3
        r.skip(2)
        user = _cstr(r) or ""
        password = _cstr(r)
        r.skip(8 + 4 + 8 + 4)  # "ol", 61, "tlitcp", 1
        if r.short() != 104:
            raise ProtocolError("login request without SQ_ASCINITREQ")
        r.skip(2 + 4)
        server = _cstr(r) or ""
        database = _cstr(r)
        r.skip(8)
        env: dict[str, str] = {}
        if r.remaining >= 4 and r.short() == 106:
            for _ in range(max(0, r.short())):
                name, value = _cstr(r), _cstr(r)
                if name:
                    env[name] = value or ""
    except (ProtocolError, UnicodeDecodeError, struct.error) as exc:
        raise ProtocolError(f"malformed login request: {exc}") from exc
    return LoginRequest(user, password, server, database, env)


def _reply(sl_type: int, server_name: str, tail: bytes) -> bytes:
    """The reply JDBC ``DecodeAscBinary`` walks, field by field (sqli-facts part B §1)."""
    w = Writer()
    w.raw(bytes([sl_type, 60, 0, 0]))
    w.short(100).short(101).int(61)
    w.short(6).raw(b"IEEEI\0")
    w.short(108).raw(b"srvinfx".ljust(12, b"\0"))
    for text in (f"{PRODUCT} Version {VERSION}", "AAA#B000000", server_name):
        data = text.encode("latin-1") + b"\0"
        w.short(len(data)).raw(data)
    w.int(CAP_1).int(0).int(0)
    w.short(1).short(0).short(0)
    w.raw(b"ol".ljust(8, b"\0")).int(61).raw(b"tlitcp".ljust(8, b"\0")).int(1)
    w.raw(tail)
    body = w.getvalue()
    return struct.pack(">h", len(body) + 2) + body


def accept_reply(server_name: str) -> bytes:
    """SLTYPE_CONACC ending in 127 (success)."""
    return _reply(_SL_ACCEPT, server_name, struct.pack(">h", 127))


def reject_reply(server_name: str, sqlcode: int, message: str = "") -> bytes:
    """SLTYPE_CONREJ with the 102 error block: ``[6 skipped][short svcError][short osError]
    [short warnings][short n][short offset, char message]...``; JDBC raises svcError as the sqlcode
    (DecodeAscBinary case 102, IfxASFRemoteException)."""
    w = Writer()
    w.short(102).raw(b"\0" * 6).short(sqlcode).short(0).short(0)
    if message:
        w.short(1).short(0).char(message.encode("latin-1", "replace"))
    else:
        w.short(0)
    return _reply(_SL_REJECT, server_name, w.getvalue())
