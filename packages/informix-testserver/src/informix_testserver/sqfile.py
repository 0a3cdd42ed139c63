"""Smart large objects through client-side files: ``filetoblob`` / ``filetoclob`` read a file from
the client and ``lotofile`` writes one to it, over the SQ_FILE (98) exchange.

The exchange (JDBC 4.50.10.1 ``IfxSqli.receiveSQFILE`` and ``sendSQFILEError``; sqli-facts §2.9):
in the middle of a reply the server sends ``SQ_FILE op ... SQ_EOT`` and waits; the client does
the operation on its file and answers with a PDU:

- OPEN ``[char name][int mode][int flags][int offset]`` -> EOT
- READ ``[short buffer][int amount, -1 = all]`` -> ``106 [int total]``, ``106 [short n][data]``*,
  EOT (chunks of at most ``buffer`` bytes)
- WRITE, then ``107 [short n][data]``* and EOT -> ``107 [int file size]`` EOT
- CLOSE -> EOT
- any failure -> ``13 [short errno][short 0][short 0][short 0 if bit 62][short 0]`` EOT

How this server gets there: a statement naming ``filetoblob('name', 'client')`` (or
``filetoclob``) is prepared with a ``?`` in its place; when it runs, the session reads the file
from the client (OPEN, READ, CLOSE) into a new smart LOB (``smartlob``) and binds its locator
there. ``lotofile(column, 'name', 'client')`` is prepared as the bare column, described as the
VARCHAR file name it returns; each row's LOB content goes to the client (OPEN, WRITE, CLOSE) as
the row is encoded, under the name
``name.<suffix>`` (the peer driver recorded IDS naming the file ``<name>.<generated suffix>``,
sqli-facts §2.9). Only client files are supported ('server' is left to the engine, which fails).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from informix_testserver import smartlob, smartlob_params
from informix_types import BlobLocator
from informix_wire import messages as m
from informix_wire.codec import Incomplete, Writer
from informix_wire.errors import ProtocolError
from informix_wire.tags import Tag

#: Chunk size the server asks for and writes (IDS writes 4096-byte chunks, sqli-facts §2.9).
CHUNK = 4096
#: OPEN flags: 0x10 "the file must exist, read only" (what JDBC checks for reads).
_MUST_EXIST = 0x10
#: -9810 "Smart-large-object error" (finderr): the client could not do a file operation.
LOB_FILE_ERROR = -9810
_VARCHAR = 13
_FILE_NAME_LENGTH = 255
_TO_LOB = re.compile(
    r"\bfileto(blob|clob)\s*\(\s*'((?:[^']|'')*)'\s*,\s*'client'\s*(?:,[^()]*)?\)", re.IGNORECASE
)
_TO_FILE = re.compile(
    r"\blotofile\s*\(\s*([\w.]+)\s*,\s*'((?:[^']|'')*)'\s*,\s*'client'\s*\)", re.IGNORECASE
)
_suffixes = itertools.count(1)


class FileFailure(Exception):
    """The client's file operation failed: the statement fails (duck-typed SQL error)."""

    def __init__(self, errno: int) -> None:
        super().__init__(f"client file error {errno}")
        self.sqlcode = LOB_FILE_ERROR
        self.isamcode = errno


@dataclass
class LobPlan:
    """What a statement's SQL asked of client files."""

    #: (marker index, file name, CLOB) for each filetoblob/filetoclob replaced by a marker.
    reads: list[tuple[int, str, bool]] = field(default_factory=list)
    #: (column name, file name) for each lotofile replaced by its column.
    writes: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.reads or self.writes)


def _markers_before(sql: str, end: int) -> int:
    """``?`` markers in ``sql[:end]`` outside quoted literals."""
    count = 0
    quote = ""
    for ch in sql[:end]:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            count += 1
    return count


def plan_sql(sql: str) -> tuple[str, LobPlan]:
    """The SQL the engine prepares, and the client-file work it leaves to the session."""
    plan = LobPlan()
    if "fileto" not in sql.lower() and "lotofile" not in sql.lower():
        return sql, plan
    while (match := _TO_LOB.search(sql)) is not None:
        index = _markers_before(sql, match.start())
        plan.reads.append((index, match[2].replace("''", "'"), match[1].lower() == "clob"))
        sql = sql[: match.start()] + "?" + sql[match.end() :]
    for match in _TO_FILE.finditer(sql):
        plan.writes.append((match[1].rsplit(".", 1)[-1].lower(), match[2].replace("''", "'")))
    sql = _TO_FILE.sub(lambda match: match[1], sql)
    return sql, plan


def described(specs: list[Any], plan: LobPlan) -> list[Any]:
    """The result columns as the client sees them: lotofile columns are the VARCHAR file name."""
    names = {column for column, _ in plan.writes}
    return [_file_name_spec(spec) if str(spec.name).lower() in names else spec for spec in specs]


def _file_name_spec(spec: Any) -> Any:
    return dataclasses.replace(
        spec,
        type_code=_VARCHAR,
        length=_FILE_NAME_LENGTH,
        extended_id=0,
        extended_name="",
        extended_owner="",
    )


def written_columns(specs: list[Any], plan: LobPlan) -> dict[int, str]:
    """Result column index -> client file name, for the lotofile columns."""
    names = dict(plan.writes)
    return {
        i: names[str(spec.name).lower()]
        for i, spec in enumerate(specs)
        if str(spec.name).lower() in names
    }


# -- the exchange -------------------------------------------------------------------------------


def _turn(
    session: Any, messages: list[Any], data: Iterable[bytes] = (), content: Any = None
) -> int:
    """Send ``messages``, the raw ``data`` pieces and SQ_EOT, then read the client's answer up to
    its EOT; READ chunks go into ``content`` (a bytearray). Returns the int the answer carried
    (READ total or WRITE size; 0 for a bare EOT)."""
    session._send(m.encode_pdu(session.caps, messages, eot=False))
    for piece in data:
        session._send(piece)
    session._send(b"\x00\x0c")
    return _read_answer(session, content)


def _read_answer(session: Any, content: Any) -> int:
    """The client's answer PDU up to SQ_EOT, read message by message (bounded memory)."""
    buffer = session.buffer
    number = 0
    seen_total = False
    while True:
        r = buffer.reader()
        try:
            tag = r.short()
            if tag == Tag.EOT:
                buffer.consume(r.pos)
                return number
            if tag == Tag.ERR:
                errno = r.short()
                r.short(), r.short()
                if session.caps.remove_64k_limit:
                    r.short()
                r.short()
                buffer.consume(r.pos)
                _drain_to_eot(session)
                raise FileFailure(errno)
            # Parse the whole message before keeping any of it: Incomplete restarts it.
            if tag == Tag.FILE_READ and seen_total:
                data = r.char()
                if content is None:
                    raise ProtocolError("SQ_FILE_READ data where none was asked for")
                content += data
            elif tag in (Tag.FILE_READ, Tag.FILE_WRITE):
                number = r.int()
                seen_total = True
            else:
                raise ProtocolError(f"tag {tag} in the answer to SQ_FILE")
            buffer.consume(r.pos)
        except Incomplete:
            session._recv()


def _drain_to_eot(session: Any) -> None:
    buffer = session.buffer
    while True:
        r = buffer.reader()
        try:
            tag = r.short()
            buffer.consume(r.pos)
            if tag == Tag.EOT:
                return
        except Incomplete:
            session._recv()


def read_client_file(session: Any, name: str) -> bytes:
    """OPEN, READ (all of it), CLOSE: the content of the client's file ``name``."""
    encoded = name.encode(session.encoding)
    _turn(session, [m.File(m.FileOp.OPEN, encoded, 0, _MUST_EXIST, 0)])
    content = bytearray()
    total = _turn(session, [m.File(m.FileOp.READ, buffer_size=CHUNK, amount=-1)], (), content)
    _turn(session, [m.File(m.FileOp.CLOSE)])
    if len(content) != total:
        raise FileFailure(5)  # EIO: fewer bytes than announced
    return bytes(content)


def _write_chunks(session: Any, content: bytes) -> Iterator[bytes]:
    """SQ_FILE_WRITE chunks, a group at a time."""
    view = memoryview(content)
    group = 64 * CHUNK
    for start in range(0, len(content), group):
        w = Writer()
        for at in range(start, min(start + group, len(content)), CHUNK):
            m.FileWriteChunk(bytes(view[at : at + CHUNK])).encode(w, session.caps)
        yield w.getvalue()


def write_client_file(session: Any, name: str, content: bytes) -> str:
    """OPEN ``name.<suffix>``, WRITE the content in chunks, CLOSE; the file name."""
    file_name = f"{name}.{next(_suffixes):06x}"
    _turn(session, [m.File(m.FileOp.OPEN, file_name.encode(session.encoding), 0o644, 0, 0)])
    written = _turn(session, [m.File(m.FileOp.WRITE)], _write_chunks(session, content))
    _turn(session, [m.File(m.FileOp.CLOSE)])
    if written < len(content):
        raise FileFailure(28)  # ENOSPC: the client kept less than was sent
    return file_name


def parameters(session: Any, stmt: Any) -> list[object]:
    """The statement's parameters as the engine takes them (``smartlob_params.bind``), each
    filetoblob/filetoclob replaced by a new smart LOB holding the client file's content."""
    entry = session.blobs.plans.get(id(stmt.prepared))
    params = list(stmt.params)
    if entry is not None and entry[0] is stmt.prepared:
        for index, name, _clob in entry[1].reads:
            locator = smartlob.create(session, b"", read_client_file(session, name))
            params.insert(index, BlobLocator(locator))
    return smartlob_params.bind(session, stmt, params)
