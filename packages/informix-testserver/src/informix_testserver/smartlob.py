"""Smart large objects: the LOBs BLOB and CLOB columns refer to, their open descriptors, and
SQ_LODATA. The ``ifx_lo_*`` routines the fast path runs on them are ``smartlob_routines``.

A BLOB/CLOB column stores a 72-byte locator (JDBC ``IfxLocator.IFX_LOCATOR_SIZE``), opaque to
clients; this server lays it out as ``[4s "TSLO"][int version][long LOB id][16 zero][16-byte
nonce][24 zero]``, so a forged or stale locator is refused. The content lives here, one
``bytearray`` per LOB, in a space per database shared by every session and kept across commits
(content changes are not transactional). A LOB is referenced once its locator is stored by an
INSERT or UPDATE; one created by a session that never stored it is transient and goes when the
session ends (IBM DataBlade API Programmer's Guide, "Reference counts for transient smart large
objects"). Stored LOBs stay until the server stops (deleting rows does not count references down).

Open descriptors (fds) belong to the session; JDBC sends an fd as a short, so they are the lowest
free numbers from 0. Failures are -9810 "Smart-large-object error" with the ISAM code naming the
cause (JDBC ``IfxErrMsg``, sblob messages -12000..); sqli-facts §3 pins -9810 for
``ifx_lo_close(-1)``.

SQ_LODATA (``informix_wire.messages.lodata``): a read answers the bytes from the fd's position (as
many as asked, fewer at the end), a write stores them there (at the end with LO_APPEND) and
answers the count; a write the fd may not do answers the negative ISAM code, which JDBC's
``receiveLODATA`` raises as -9810.
"""

from __future__ import annotations

import itertools
import os
import struct
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

from informix_wire import messages as m
from informix_wire.codec import Buffer, Writer
from informix_wire.messages.lodata import LoOp

LOCATOR_SIZE = 72
_LOCATOR = struct.Struct(">4sIq16x16s24x")
_MAGIC = b"TSLO"
_VERSION = 1

#: -9810 "Smart-large-object error"; -349 "Database not selected yet" (finderr).
LOB_ERROR = -9810
_NO_DATABASE = -349
#: ISAM codes (JDBC sblob messages): no such fd (-12014 "Cannot find entry in lofd table"), bad
#: locator (-12097 "Bad smart-large-object address"), not opened for read / write
#: (-12051 / -12052), bad seek position / whence (-12037 / -12039), bad truncate size (-12040),
#: bad open flags (-12086), fd table full (-12210).
BAD_FD = -12014
BAD_LOCATOR = -12097
NOT_FOR_READ = -12051
NOT_FOR_WRITE = -12052
BAD_SEEK = -12037
BAD_WHENCE = -12039
BAD_TRUNCATE = -12040
BAD_FLAGS = -12086
FDS_FULL = -12210

#: Open flags (JDBC ``IfxSmartBlob``): LO_APPEND 1, LO_WRONLY 2, LO_RDONLY 4, LO_RDWR 8; the rest
#: (dirty read, buffering, locking hints) change nothing here. No access bit means read only
#: (JDBC's ``IfxSmBlob.getSize`` opens with LO_DIRTY_READ alone).
LO_APPEND, LO_WRONLY, LO_RDONLY, LO_RDWR = 1, 2, 4, 8
_ACCESS = LO_WRONLY | LO_RDONLY | LO_RDWR
#: fds are shorts on the wire (``IfxSqli.sendLoData``).
MAX_FDS = 0x8000
#: Largest chunk of an SQ_LODATA reply.
_CHUNK = 32000


class LobFailure(Exception):
    """A smart-LOB error, answered with SQ_ERR (duck-typed like the engine's SQL errors)."""

    def __init__(self, isamcode: int, sqlcode: int = LOB_ERROR) -> None:
        super().__init__(f"{sqlcode} (ISAM {isamcode})")
        self.sqlcode = sqlcode
        self.isamcode = isamcode


@dataclass(eq=False)
class Lob:
    """One smart large object: its content and the storage spec it was created with."""

    ident: int
    nonce: bytes
    spec: bytes = b""
    data: bytearray = field(default_factory=bytearray)
    #: Stores of its locator by INSERT / UPDATE (never counted down here).
    references: int = 0
    created: int = 0
    modified: int = 0


class LobSpace:
    """The LOBs of one database, shared by its sessions."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.lobs: dict[int, Lob] = {}
        self._ids = itertools.count(1)

    def create(self, spec: bytes) -> bytes:
        """A new empty LOB; its locator."""
        nonce = os.urandom(16)
        with self.lock:
            lob_id = next(self._ids)
            now = _now()
            self.lobs[lob_id] = Lob(lob_id, nonce, spec, created=now, modified=now)
        return _LOCATOR.pack(_MAGIC, _VERSION, lob_id, nonce)

    def find(self, locator: bytes) -> Lob:
        lob_id = locator_id(locator)
        lob = self.lobs.get(lob_id) if lob_id is not None else None
        if lob is None or lob.nonce != locator[32:48]:
            raise LobFailure(BAD_LOCATOR)
        return lob

    def drop_transient(self, locator: bytes) -> None:
        """Delete the LOB if its locator was never stored."""
        lob_id = locator_id(locator)
        with self.lock:
            lob = self.lobs.get(lob_id) if lob_id is not None else None
            if lob is not None and lob.references == 0:
                del self.lobs[lob_id]  # type: ignore[arg-type]


def locator_id(locator: bytes) -> int | None:
    """The LOB id of a locator this server made, else None."""
    if len(locator) != LOCATOR_SIZE:
        return None
    magic, version, lob_id, _ = _LOCATOR.unpack(locator)
    return int(lob_id) if magic == _MAGIC and version == _VERSION else None


def _now() -> int:
    return int(time.time())


_spaces_lock = threading.Lock()
_spaces: weakref.WeakKeyDictionary[Any, dict[str, LobSpace]] = weakref.WeakKeyDictionary()


def space_of(session: Any) -> LobSpace:
    """The LOB space of the session's current database."""
    db = getattr(session.engine_session, "db", None)
    if db is None:
        raise LobFailure(0, _NO_DATABASE)
    with _spaces_lock:
        spaces = _spaces.setdefault(session.server.engine, {})
        space = spaces.get(db.name)
        if space is None:
            space = spaces[db.name] = LobSpace()
    return space


# -- a session's descriptors ------------------------------------------------------------------


@dataclass(eq=False)
class OpenLob:
    """An fd: which LOB, how it was opened, where it stands."""

    space: LobSpace
    lob: Lob
    flags: int
    position: int = 0

    @property
    def readable(self) -> bool:
        return not self.flags & LO_WRONLY

    @property
    def writable(self) -> bool:
        return bool(self.flags & (LO_WRONLY | LO_RDWR))


def check_flags(flags: int) -> int:
    """Open flags with one access mode at most (none means read only)."""
    access = flags & _ACCESS
    if access & (access - 1) or (flags & LO_APPEND and not access & (LO_WRONLY | LO_RDWR)):
        raise LobFailure(BAD_FLAGS)
    return flags


class SessionLobs:
    """One session's open descriptors and the LOBs it created."""

    def __init__(self) -> None:
        self.fds: dict[int, OpenLob] = {}
        #: Locators this session created and has not stored yet, with their space.
        self.created: dict[bytes, LobSpace] = {}

    def open(self, space: LobSpace, lob: Lob, flags: int) -> int:
        fd = next((n for n in range(MAX_FDS) if n not in self.fds), None)
        if fd is None:
            raise LobFailure(FDS_FULL)
        self.fds[fd] = OpenLob(space, lob, check_flags(flags))
        return fd

    def get(self, fd: int) -> OpenLob:
        found = self.fds.get(fd)
        if found is None:
            raise LobFailure(BAD_FD)
        return found

    def close(self, fd: int) -> None:
        if self.fds.pop(fd, None) is None:
            raise LobFailure(BAD_FD)

    def end(self) -> None:
        """The session is over: close its fds, delete its transient LOBs."""
        self.fds.clear()
        for locator, space in self.created.items():
            space.drop_transient(locator)
        self.created.clear()


def create(session: Any, spec: bytes, content: bytes = b"") -> bytes:
    """A new LOB in the session's database holding ``content``; its locator. It is the
    session's, transient until stored."""
    space = space_of(session)
    locator = space.create(spec)
    if content:
        with space.lock:
            space.find(locator).data += content
    session.lobs.created[locator] = space
    return locator


def note_stored(session: Any, locator: bytes) -> None:
    """An INSERT / UPDATE stores ``locator`` in a column: the LOB is referenced."""
    space = space_of(session)
    with space.lock:
        space.find(locator).references += 1
    session.lobs.created.pop(locator, None)


def content(session: Any, locator: bytes) -> bytes:
    """All of a LOB's bytes (for lotofile)."""
    space = space_of(session)
    with space.lock:
        return bytes(space.find(locator).data)


# -- SQ_LODATA ----------------------------------------------------------------------------------


def on_lodata(session: Any, msg: m.LoData, out: Writer) -> None:
    """SQ_LODATA: read from or write to an open fd (``IfxSqli.sendLoData`` / ``receiveLODATA``)."""
    handle: OpenLob = session.lobs.get(msg.fd)
    space = handle.space
    if msg.op == LoOp.WRITE:
        m.LoDataReply(LoOp.WRITE, _write(handle, msg.data)).encode(out, session.caps)
        return
    if not handle.readable:
        raise LobFailure(NOT_FOR_READ)
    with space.lock:
        if msg.op == LoOp.READ_WITH_SEEK:
            handle.position = seek(handle, msg.offset, msg.whence)
        start = handle.position
        data = bytes(memoryview(handle.lob.data)[start : start + msg.length])
        handle.position = start + len(data)
    chunk = max(1, min(msg.buffer_size, _CHUNK))
    m.LoDataReply(msg.op, len(data), data, chunk).encode(out, session.caps)


def _write(handle: OpenLob, data: Buffer) -> int:
    """Store ``data`` at the fd's position; the count, or the negative ISAM code."""
    if not handle.writable:
        return NOT_FOR_WRITE
    with handle.space.lock:
        content = handle.lob.data
        start = len(content) if handle.flags & LO_APPEND else handle.position
        if start > len(content):
            content.extend(bytes(start - len(content)))
        content[start : start + len(data)] = data
        handle.position = start + len(data)
        handle.lob.modified = _now()
    return len(data)


def seek(handle: OpenLob, offset: int, whence: int) -> int:
    """The position ``offset`` from ``whence`` (0 start, 1 current, 2 end) names; past the end is
    allowed (a later write fills the gap with zeros)."""
    if whence == 0:
        base = 0
    elif whence == 1:
        base = handle.position
    elif whence == 2:
        base = len(handle.lob.data)
    else:
        raise LobFailure(BAD_WHENCE)
    target = base + offset
    if target < 0:
        raise LobFailure(BAD_SEEK)
    return target
