"""The binary login PDU of SQLI, both ways: the client's connection request and the server's reply.

Login is the one exchange that does not use tagged messages. The client sends an SL header
``[short total length][byte SL type 1 = CONREQ][byte 60 = SQLI 6.00][short 0]`` and an "ASF"
body; the server answers with the same header (type 2 accepted, 3 rejected, 13 redirected) and a
body that mirrors the request. Strings in both are ``cstr`` (``[short len+1][bytes][NUL]``, no
alignment pad), so the PDU may have odd length.

Sources: IBM JDBC 4.50.10.1 ``com.informix.asf.Connection`` (``encodeAscBinary``, ``encodeEnv``,
``encodeEnvPInfo``, ``EncodeSLheader`` for the request; ``recvConnectionResponse`` and
``DecodeAscBinary`` for the reply; ``IfxSqliConnect.SetPrimEVars`` for the environment JDBC sends),
decompiled with procyon; sqli-facts.md §2.1-2.2 and part B §1 (a JDBC capture and the reply JDBC
accepted). The database is never put in the request: a real server then fails the later SQ_DBOPEN
with -759 (sqli-facts §3), so the driver opens it with SQ_DBOPEN after login.
"""

from __future__ import annotations

import os
import socket
import struct
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from informix_wire.codec import Incomplete, Reader, Writer
from informix_wire.errors import InterfaceError, OperationalError, ProtocolError, message_for

# -- constants (com.informix.asf.Connection) ---------------------------------------------------

SLTYPE_CONREQ = 1
SLTYPE_CONACC = 2
SLTYPE_CONREJ = 3
SLTYPE_REDIRECT = 13
#: SL attribute byte: PF_PROT_SQLI_0600.
SL_PROT_SQLI_0600 = 60
SL_HEADER_SIZE = 6

SQ_ASSOC = 100
SQ_ASCBINARY = 101
SQ_ASCINITRESP = 102  # the error block of a reply
SQ_ASCDBLIST = 103  # the redirect block of a reply
SQ_ASCINITREQ = 104
SQ_ASCENV = 106
SQ_ASCPINFO = 107
SQ_ASCBPARMS = 108
SQ_ASCMISC_60 = 116
SQ_ASCEOT = 127

#: Cap_1 JDBC offers; only 316 makes it negotiate with SQ_PROTOCOLS afterwards
#: (``IfxSqliConnect``: ``IntVerToBeSent = 316``; sqli-facts part B §1).
CAP_1 = 316
#: Client version and serial JDBC sends (``encodeAscBinary`` constants).
CLIENT_VERSION = "9.280"
CLIENT_SERIAL = "RDS#R000000"

#: JDBC reads the reply body with one ``read`` into a 4096-byte array
#: (``recvConnectionResponse``), so no server reply is longer than this.
MAX_LOGIN_REPLY = 4096 + 2
#: The request length is a signed short (``EncodeSLheader``).
MAX_LOGIN_REQUEST = 0x7FFF

#: JDBC's sqlcode for a redirect (``recvConnectionResponse`` case 13).
REDIRECT_SQLCODE = -79998
#: JDBC's sqlcode for a reply it cannot walk: "Invalid message type received" (finderr -408).
BAD_REPLY_SQLCODE = -408

#: Rejection codes from IBM's "Informix Error Messages" (finderr) that a server sends at login.
#: -951: "Incorrect password or user is not known on the database server"; JDBC turns it into a
#: ``SQLInvalidAuthorizationSpecException`` (``IfxSqliConnect`` connect path).
UNKNOWN_USER = -951
#: -952: "User's password is not correct for the database server".
BAD_PASSWORD = -952
#: -761: "INFORMIXSERVER does not match either DBSERVERNAME or DBSERVERALIASES".
UNKNOWN_SERVER = -761
#: -908: "Attempt to connect to database server failed" (the server refuses the session).
CONNECT_FAILED = -908

#: The environment JDBC sends when the application sets none (``SetPrimEVars`` on Unix with an
#: English default locale; the capture in sqli-facts part B §1). CLNT_PAM_CAPABLE=1 is left out:
#: this project does not answer a PAM challenge (capability bit 44).
DEFAULT_ENV: Mapping[str, str] = {
    "DBPATH": ".",
    "CLIENT_LOCALE": "en_US.8859-1",
    "DBDATE": "Y4MD-",
    "IFX_UPDDESC": "1",
    "NODEFDAC": "no",
}

_SL_HEADER = struct.Struct(">hBBh")
_SHORT = struct.Struct(">h")
_CODESET_RECEIVED = b"IEEEM"  # float format the client announces (encodeAscBinary)
_CODESET_SENT = b"IEEEI"  # what the JDBC-accepted reply carries (sqli-facts part B §1)
_APPL_TYPE = b"sqlexec".ljust(12, b"\0")
_SERVER_APPL_TYPE = b"srvinfx".ljust(12, b"\0")
_PROTOCOL = b"ol".ljust(8, b"\0")  # PROT_SQLIOL
_NETWORK = b"tlitcp".ljust(8, b"\0")  # NET_TLITCP
_UTYPE_INTERNET = 1
_ASF_XCONNECT = 11
_ASF_AMBIG_SEOL = 3
_ASSOC_VERSION = 61  # the int after SQ_ASCBINARY, and after PROT_SQLIOL


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:  # the directory was removed: JDBC sends "" when user.dir is unavailable
        return ""


def login_encoding(env: Mapping[str, str]) -> str:
    """The codec for user, password and environment text: UTF-8 when CLIENT_LOCALE names it
    (``utf8`` or code set 57372), else Latin-1, the code set of JDBC's default ``en_US.8859-1``."""
    locale = env.get("CLIENT_LOCALE", "").lower().replace("-", "")
    return "utf-8" if "utf8" in locale or "57372" in locale else "latin-1"


@dataclass(frozen=True, slots=True)
class LoginParams:
    """What the client tells the server at login.

    ``env`` is merged over :data:`DEFAULT_ENV` (CLIENT_LOCALE, DB_LOCALE, DBDATE, ... as JDBC
    sends them); the process fields default to this process, as JDBC's ``encodeEnvPInfo`` does.
    """

    user: str
    password: str | None = field(repr=False)
    server: str
    env: Mapping[str, str] = field(default_factory=dict)
    app_name: str = "informix-py"
    pid: int = field(default_factory=os.getpid)
    thread_id: int = field(default_factory=threading.get_native_id)
    hostname: str = field(default_factory=socket.gethostname)
    cwd: str = field(default_factory=_cwd)

    def full_env(self) -> dict[str, str]:
        """The environment as sent: the defaults, overridden and extended by ``env``."""
        return {**DEFAULT_ENV, **self.env}


def _encode(text: str, encoding: str, what: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InterfaceError(f"the login {what} cannot be encoded as {encoding}: {exc}") from None


def build_login_request(params: LoginParams) -> bytes:
    """The whole connection request (SL header included), laid out as JDBC's ``encodeAscBinary``.

    JDBC sends the thread id only when it fits an int; so do we (0 otherwise).
    """
    env = params.full_env()
    enc = login_encoding(env)
    w = Writer()
    w.short(SQ_ASSOC).short(SQ_ASCBINARY).int(_ASSOC_VERSION).cstr(_CODESET_RECEIVED)
    w.short(SQ_ASCBPARMS).raw(_APPL_TYPE)
    w.cstr(CLIENT_VERSION.encode()).cstr(CLIENT_SERIAL.encode()).cstr(b"sqli")
    w.int(CAP_1).int(0).int(0).short(1)
    w.cstr(_encode(params.user, enc, "user name"))
    if params.password is None:
        w.short(0)
    else:
        w.cstr(_encode(params.password, enc, "password"))
    w.raw(_PROTOCOL).int(_ASSOC_VERSION).raw(_NETWORK).int(_UTYPE_INTERNET)
    w.short(SQ_ASCINITREQ).short(_ASF_XCONNECT).int(_ASF_AMBIG_SEOL)
    w.cstr(_encode(params.server, enc, "server name"))
    w.short(0)  # the database slot: always empty (see the module docstring)
    w.short(0).short(0).short(0).short(0)
    w.short(SQ_ASCENV).short(len(env))
    for name, value in env.items():
        w.cstr(_encode(name, enc, "environment name")).cstr(_encode(value, enc, f"{name} value"))
    thread_id = params.thread_id if 0 <= params.thread_id <= 0x7FFFFFFF else 0
    w.short(SQ_ASCPINFO).int(0).int(params.pid & 0x7FFFFFFF).int(thread_id)
    w.cstr(_encode(params.hostname, enc, "host name")).short(0)
    w.cstr(_encode(params.cwd, enc, "working directory"))
    app = _encode(params.app_name, enc, "application name")
    w.short(SQ_ASCMISC_60).short(len(app) + 11).int(0).int(0).cstr(app)
    w.short(SQ_ASCEOT)
    body = w.getvalue()
    if len(body) + SL_HEADER_SIZE > MAX_LOGIN_REQUEST:
        raise InterfaceError(
            f"login request of {len(body) + SL_HEADER_SIZE} bytes exceeds {MAX_LOGIN_REQUEST}: "
            "the environment is too large"
        )
    header = _SL_HEADER.pack(len(body) + SL_HEADER_SIZE, SLTYPE_CONREQ, SL_PROT_SQLI_0600, 0)
    return header + body


# -- client side: the reply ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoginAccepted:
    """The server's CONACC reply as JDBC reads it (``DecodeAscBinary``).

    ``product`` and ``version`` split ``version_text`` at "Version" as ``IfxSqliConnect`` does;
    Cap_1 is the client's 316 echoed (sqli-facts §3), and a non-zero Cap_1 is what makes JDBC
    preset capability bits and negotiate with SQ_PROTOCOLS.
    """

    version_text: str
    product: str
    version: str
    serial: str
    applid: str
    cap1: int
    cap2: int
    cap3: int
    warnings: int = 0


class LoginRedirected(OperationalError):
    """The server (a connection manager) sent the client elsewhere (SLTYPE_REDIRECT, sqlcode
    -79998). ``detail`` is the text as sent; JDBC splits it at ``:``, ``=`` and ``|`` into server
    name, host and port (``IfxSqliConnect`` -79998 handler)."""

    def __init__(self, detail: str) -> None:
        parts = [p.strip() for p in _split_any(detail, ":=|") if p.strip()]
        self.detail = detail
        self.server: str | None = parts[0] if parts else None
        self.host: str | None = parts[1] if len(parts) > 1 else None
        self.port: int | None = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else None
        where = f"{self.server}@{self.host}:{self.port}" if self.host else repr(detail)
        super().__init__(f"login redirected to {where}", sqlcode=REDIRECT_SQLCODE)


def _split_any(text: str, separators: str) -> list[str]:
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return text.split(separators[0])


def login_reply_size(head: bytes | bytearray) -> int:
    """The total size of the login reply (its first 2 bytes count themselves), bounded as JDBC
    bounds it."""
    if len(head) < 2:
        raise Incomplete("login reply length needs 2 bytes")
    size = int(_SHORT.unpack_from(head)[0])
    if not SL_HEADER_SIZE <= size <= MAX_LOGIN_REPLY:
        raise ProtocolError(
            f"login reply length {size} is outside {SL_HEADER_SIZE}..{MAX_LOGIN_REPLY}: "
            "not an Informix server, or not an SQLI listener",
            sqlcode=BAD_REPLY_SQLCODE,
        )
    return size


@dataclass(slots=True)
class _ReplyBody:
    version_text: str = ""
    serial: str = ""
    applid: str = ""
    caps: tuple[int, int, int] = (0, 0, 0)
    block: int = 0
    sqlcode: int = 0
    os_error: int = 0
    warnings: int = 0
    message: str = ""
    redirect: str | None = None


def _reply_text(r: Reader) -> str:
    """A ``[short len][bytes]`` reply string (no pad); JDBC cuts it at the first NUL."""
    n = r.short()
    return r.raw(n).split(b"\0", 1)[0].decode("latin-1") if n > 0 else ""


def _walk_reply_body(r: Reader) -> _ReplyBody:
    """``DecodeAscBinary`` field by field, after SQ_ASSOC / SQ_ASCBINARY."""
    body = _ReplyBody()
    r.skip(4)
    r.skip(r.short())  # the codeset
    if r.short() != SQ_ASCBPARMS:
        raise ProtocolError(
            "login reply has no SQ_ASCBPARMS (108) after its codeset", sqlcode=BAD_REPLY_SQLCODE
        )
    r.skip(12)
    body.version_text, body.serial, body.applid = _reply_text(r), _reply_text(r), _reply_text(r)
    body.caps = (r.int(), r.int(), r.int())
    r.skip(2)
    for _ in range(2):  # user and password slots
        n = r.short()
        if n > 0:
            r.skip(n)
    r.skip(24)  # protocol, version, network, user type
    body.block = r.short()
    if body.block == SQ_ASCINITRESP:
        r.skip(6)
        body.sqlcode, body.os_error, body.warnings = r.short(), r.short(), r.short()
        for _ in range(max(0, r.short())):
            if r.short() < 0:
                break
            body.message = r.char().decode("latin-1")
    elif body.block == SQ_ASCDBLIST:
        r.skip(2)
        body.redirect = r.char().decode("latin-1")
    elif body.block != SQ_ASCEOT:
        raise ProtocolError(
            f"login reply ends with block {body.block}, not 127, 102 or 103",
            sqlcode=BAD_REPLY_SQLCODE,
        )
    return body


def parse_login_reply(data: bytes | bytearray) -> LoginAccepted:
    """The accepted login, or the server's refusal raised as JDBC raises it.

    A rejection (SLTYPE 3 with a 102 block) raises :class:`OperationalError` carrying the
    server's sqlcode (svcError) and ISAM/OS code; a redirect raises :class:`LoginRedirected`;
    anything JDBC could not walk raises :class:`ProtocolError` (JDBC's -408).
    """
    size = login_reply_size(data)
    if len(data) != size:
        raise ProtocolError(f"login reply is {len(data)} bytes but its length field says {size}")
    r = Reader(data, 2)
    try:
        sl_type = r.byte()
        r.skip(3)
        if (r.short(), r.short()) != (SQ_ASSOC, SQ_ASCBINARY):
            raise ProtocolError(
                f"login reply (SL type {sl_type}) does not start with SQ_ASSOC, SQ_ASCBINARY",
                sqlcode=BAD_REPLY_SQLCODE,
            )
        body = _walk_reply_body(r)
    except Incomplete as exc:
        raise ProtocolError(f"login reply truncated: {exc}", sqlcode=BAD_REPLY_SQLCODE) from None
    except UnicodeDecodeError as exc:  # latin-1 cannot fail; kept for a changed codec
        raise ProtocolError(f"login reply text: {exc}", sqlcode=BAD_REPLY_SQLCODE) from None
    if sl_type == SLTYPE_CONACC:
        # JDBC accepts a CONACC whatever block ends it (recvConnectionResponse case 2).
        product, _, version = body.version_text.partition("Version")
        return LoginAccepted(
            body.version_text, product.strip(), version.strip(), body.serial, body.applid,
            *body.caps, warnings=body.warnings,
        )  # fmt: skip
    if sl_type == SLTYPE_CONREJ and body.block == SQ_ASCINITRESP and body.sqlcode != 0:
        reason = message_for(body.sqlcode)
        text = f": {body.message}" if body.message else ""
        raise OperationalError(
            f"login refused by the server: {reason} (sqlcode {body.sqlcode}){text}",
            sqlcode=body.sqlcode,
            isamcode=body.os_error or None,
        )
    if sl_type == SLTYPE_REDIRECT and body.redirect is not None:
        raise LoginRedirected(body.redirect)
    raise ProtocolError(
        f"login reply of SL type {sl_type} with block {body.block} is neither an acceptance, a "
        "rejection with an error code, nor a redirect",
        sqlcode=BAD_REPLY_SQLCODE,
    )


# -- server side ---------------------------------------------------------------------------------


@dataclass(slots=True)
class LoginRequest:
    """The client's connection request as a server reads it."""

    user: str
    password: str | None = field(repr=False)  # never in a log
    server: str
    database: str | None
    env: dict[str, str]
    app_name: str = ""
    pid: int = 0
    thread_id: int = 0
    hostname: str = ""
    cwd: str = ""
    client_version: str = ""
    cap1: int = 0


def login_request_size(head: bytes | bytearray) -> int:
    """The total size of a connection request from its first 2 bytes (a server's framing)."""
    if len(head) < 2:
        raise Incomplete("login request length needs 2 bytes")
    size = int(_SHORT.unpack_from(head)[0])
    if not SL_HEADER_SIZE < size <= MAX_LOGIN_REQUEST:
        raise ProtocolError(f"login request length {size} is out of bounds")
    return size


def _request_text(r: Reader, encoding: str) -> str | None:
    """A request ``cstr``; length 0 is NULL (the password and database slots)."""
    n = r.short()
    if n < 0:
        raise ProtocolError(f"negative login string length {n} at offset {r.pos - 2}")
    return r.raw(n).split(b"\0", 1)[0].decode(encoding) if n else None


def parse_login_request(data: bytes | bytearray) -> LoginRequest:
    """Read a whole connection request (SL header included) as ``encodeAscBinary`` wrote it.

    The optional blocks after SQ_ASCINITREQ (106 environment, 107 process info, 116 application
    name) may come in any order and end at SQ_ASCEOT; text is decoded with the codec
    CLIENT_LOCALE names, read before the user name is decoded.
    """
    size = login_request_size(data)
    if len(data) != size:
        raise ProtocolError(f"login request is {len(data)} bytes but its length field says {size}")
    try:
        return _read_request(data)
    except Incomplete as exc:
        raise ProtocolError(f"login request truncated: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ProtocolError(f"login request text is not valid in its locale: {exc}") from None


def _read_request(data: bytes | bytearray) -> LoginRequest:
    r = Reader(data, 2)
    if r.byte() != SLTYPE_CONREQ:
        raise ProtocolError("login request is not an SL connection request (type 1)")
    r.skip(3)
    if (r.short(), r.short()) != (SQ_ASSOC, SQ_ASCBINARY):
        raise ProtocolError("login request without SQ_ASSOC / SQ_ASCBINARY")
    r.skip(4)
    r.cstr()  # float format
    if r.short() != SQ_ASCBPARMS:
        raise ProtocolError("login request without SQ_ASCBPARMS")
    r.skip(12)
    client_version = r.cstr().decode("latin-1")
    r.cstr(), r.cstr()  # serial, "sqli"
    cap1 = r.int()
    r.skip(4 + 4 + 2)
    user_at = r.pos
    r.cstr()
    password_at = r.pos
    _request_text(r, "latin-1")
    r.skip(8 + 4 + 8 + 4)
    if r.short() != SQ_ASCINITREQ:
        raise ProtocolError("login request without SQ_ASCINITREQ")
    r.skip(2 + 4)
    names_at = r.pos
    r.cstr(), _request_text(r, "latin-1")  # server, database: decoded below
    r.skip(8)
    raw_env: list[tuple[bytes, bytes]] = []
    info: dict[str, object] = {}
    while (block := r.short()) != SQ_ASCEOT:
        if block == SQ_ASCENV:
            raw_env = [(r.cstr(), r.cstr()) for _ in range(r.bounded(r.short(), 4096, "env"))]
        elif block == SQ_ASCPINFO:
            r.skip(4)
            info["pid"], info["thread_id"] = r.int(), r.int()
            info["hostname"] = r.cstr()
            r.skip(2)
            info["cwd"] = r.cstr()
        elif block == SQ_ASCMISC_60:
            r.skip(2 + 4 + 4)
            info["app_name"] = r.cstr()
        else:
            raise ProtocolError(f"unknown login request block {block} at offset {r.pos - 2}")
    latin = {n.decode("latin-1"): v.decode("latin-1") for n, v in raw_env}
    enc = login_encoding(latin)
    env = {n.decode(enc): v.decode(enc) for n, v in raw_env}

    def text(key: str) -> str:
        value = info.get(key, b"")
        return value.decode(enc) if isinstance(value, bytes) else ""

    def number(key: str) -> int:
        value = info.get(key, 0)
        return value if isinstance(value, int) else 0

    user = Reader(data, user_at).cstr().decode(enc)
    password = _request_text(Reader(data, password_at), enc)
    names = Reader(data, names_at)
    server = names.cstr().decode(enc)
    database = _request_text(names, enc)
    return LoginRequest(
        user, password, server, database, env, text("app_name"), number("pid"),
        number("thread_id"), text("hostname"), text("cwd"), client_version, cap1,
    )  # fmt: skip


#: The version text of the reply JDBC accepted; JDBC splits it at "Version" (sqli-facts B §4.2).
DEFAULT_VERSION_TEXT = "IBM Informix Dynamic Server Version 14.10.FC9"
DEFAULT_SERIAL = "AAA#B000000"


def _reply(sl_type: int, version_text: str, server_name: str, tail: bytes) -> bytes:
    """The reply body ``DecodeAscBinary`` walks (layout of the reply JDBC accepted, sqli-facts
    part B §1); ``server_name`` fills the applid slot as our test server always has (what a real
    server puts there is unverified, sqli-facts §5)."""
    w = Writer()
    w.raw(bytes([sl_type, SL_PROT_SQLI_0600, 0, 0]))
    w.short(SQ_ASSOC).short(SQ_ASCBINARY).int(_ASSOC_VERSION).cstr(_CODESET_SENT)
    w.short(SQ_ASCBPARMS).raw(_SERVER_APPL_TYPE)
    for text in (version_text, DEFAULT_SERIAL, server_name):
        w.cstr(_encode(text, "latin-1", "reply text"))
    w.int(CAP_1).int(0).int(0)
    w.short(1).short(0).short(0)  # skipped short, empty user and password slots
    w.raw(_PROTOCOL).int(_ASSOC_VERSION).raw(_NETWORK).int(_UTYPE_INTERNET)
    w.raw(tail)
    body = w.getvalue()
    if len(body) + 2 > MAX_LOGIN_REPLY:
        raise InterfaceError(f"login reply of {len(body) + 2} bytes exceeds JDBC's 4096-byte read")
    return _SHORT.pack(len(body) + 2) + body


def accept_reply(
    *, version_text: str = DEFAULT_VERSION_TEXT, server_name: str = "informix"
) -> bytes:
    """SLTYPE_CONACC ending in SQ_ASCEOT: what JDBC's parser demands (sqli-facts part B §1, §4.1).

    ``version_text`` must contain "Version": JDBC takes product and version from either side of
    it, and ``getDatabaseProductVersion`` fails without it (sqli-facts part B §4.2).
    """
    if "Version" not in version_text:
        raise ValueError(f"version text {version_text!r} lacks 'Version', which JDBC splits at")
    return _reply(SLTYPE_CONACC, version_text, server_name, _SHORT.pack(SQ_ASCEOT))


def reject_reply(sqlcode: int, text: str = "", *, server_name: str = "informix") -> bytes:
    """SLTYPE_CONREJ with the 102 block JDBC decodes into its SQLException:
    ``[short 102][6 skipped][short svcError][short osError][short warnings][short n]`` then per
    message ``[short offset][char text]``. JDBC raises ``svcError`` as the SQLException's error
    code (``IfxASFRemoteException`` -> ``IfxSqliConnect``); ``text`` fills the parameter of IBM's
    message for that code: the user name for -951 and -952, the database for -329 (-761 has
    none). -951 becomes ``SQLInvalidAuthorizationSpecException``. ``sqlcode`` must be non-zero:
    JDBC reports a rejection with code 0 as -408. (Pinned by tests/test_wire_login_jdbc.py.)
    """
    if sqlcode == 0:
        raise ValueError("a login rejection needs a non-zero sqlcode")
    w = Writer()
    w.short(SQ_ASCINITRESP).raw(bytes(6)).short(sqlcode).short(0).short(0)
    if text:
        w.short(1).short(0).char(_encode(text, "latin-1", "rejection text")[:1024])
    else:
        w.short(0)
    return _reply(SLTYPE_CONREJ, DEFAULT_VERSION_TEXT, server_name, w.getvalue())


def redirect_reply(detail: str, *, server_name: str = "informix") -> bytes:
    """SLTYPE_REDIRECT with the 103 block ``[short 0][char detail]`` (``DecodeAscBinary`` case
    103); JDBC expects ``detail`` as ``server|host|port`` (any of ``:=|`` separates)."""
    w = Writer()
    w.short(SQ_ASCDBLIST).short(0).char(_encode(detail, "latin-1", "redirect detail"))
    return _reply(SLTYPE_REDIRECT, DEFAULT_VERSION_TEXT, server_name, w.getvalue())
