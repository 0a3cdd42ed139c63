"""The client's side of SQ_FILE (98): the server reads or writes a "client file" in the middle of
a reply, for ``filetoblob`` / ``filetoclob`` / ``lotofile(..., 'client')``. No file is touched:
a channel serves reads from the caller's bytes or binary file and writes into the caller's sink.

Exchange (JDBC 4.50.10.1 ``IfxSqli.receiveSQFILE``, ``flip``; sqli-facts §2.9): the server sends
``SQ_FILE op ...``, then for WRITE the ``107`` data chunks, then SQ_EOT, and waits for the
client's answer PDU: OPEN and CLOSE -> EOT; READ ``[short buffer][int amount]`` -> ``106 [int
total]``, ``106 [short n][data]``* (at most ``buffer`` bytes each), EOT; WRITE -> ``107 [int
bytes written]`` EOT. The answer to a READ is streamed from the source a chunk group at a time,
and WRITE chunks go to the sink as they arrive, so neither side of a transfer is held whole here.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from typing import IO, Any

from informix_wire import messages as m
from informix_wire.capabilities import Capabilities
from informix_wire.errors import InterfaceError, ProtocolError

_EOT = b"\x00\x0c"
#: The client file name the driver's SQL uses; no file of that name is ever touched.
FILE_NAME = "informix_db_lob"
#: Marks where ``write_blob_column`` puts the large object in its SQL (the seed README's API).
BLOB_PLACEHOLDER = "BLOB_PLACEHOLDER"
_SELECT_ONE = re.compile(r"^\s*SELECT\s+(.+?)\s+FROM\s", re.IGNORECASE | re.DOTALL)
#: READ chunks encoded per yielded piece (a piece is at most this many chunks).
_CHUNKS_PER_PIECE = 64
Source = bytes | bytearray | memoryview | IO[bytes]


def source_size(source: Source) -> int:
    """Bytes left in ``source`` (InterfaceError for anything but bytes or a seekable file)."""
    if isinstance(source, bytes | bytearray | memoryview):
        return len(source)
    try:
        here = source.tell()
        end = source.seek(0, os.SEEK_END)
        source.seek(here)
    except (AttributeError, OSError, io.UnsupportedOperation) as exc:
        raise InterfaceError(f"blob_data must be bytes or a seekable binary file: {exc}") from None
    return end - here


class FileChannel:
    """Serves the SQ_FILE operations of one request: reads come from ``source``, the first
    written file goes to ``sink`` (later ones are counted and dropped, as ``read_blob_column``
    reads one value)."""

    def __init__(self, source: Source | None = None, sink: IO[bytes] | None = None) -> None:
        self.source = source
        self.sink = sink
        #: An SQ_FILE message arrived: the next SQ_EOT is the client's turn, not the reply's end.
        self.active = False
        self.files_written = 0
        self.names: list[bytes] = []
        self._op = -1
        self._written = 0
        self._writing = False
        self._buffer = 0
        self._amount = -1

    def receive(self, msg: object) -> None:
        """An SQ_FILE or SQ_FILE_WRITE chunk of the reply being read."""
        if isinstance(msg, m.FileWriteChunk):
            if self._op != m.FileOp.WRITE:
                raise ProtocolError("SQ_FILE_WRITE data outside an SQ_FILE WRITE")
            self._written += len(msg.data)
            if self.sink is not None and self.files_written == 0:
                self.sink.write(msg.data)
            return
        assert isinstance(msg, m.File)
        self.active = True
        self._op = msg.op
        if msg.op == m.FileOp.OPEN:
            self.names.append(msg.name)
            self._written = 0
        elif msg.op == m.FileOp.WRITE:
            self._writing = True
        elif msg.op == m.FileOp.READ:
            self._buffer, self._amount = msg.buffer_size, msg.amount

    def answer(self, caps: Capabilities) -> Iterator[bytes]:
        """The client's answer PDU to the SQ_FILE just read, in pieces."""
        self.active = False
        op = self._op
        if op == m.FileOp.WRITE:
            yield m.encode_pdu(caps, [m.FileWriteAck(self._written)])
        elif op == m.FileOp.READ:
            yield from self._read_answer(caps)
        else:
            if op == m.FileOp.CLOSE and self._writing:
                self._writing = False
                self.files_written += 1
            yield _EOT

    def _read_answer(self, caps: Capabilities) -> Iterator[bytes]:
        source = self.source
        if source is None:
            raise ProtocolError("the server asked to read a client file, but none was given")
        if self._buffer <= 0:
            raise ProtocolError(f"SQ_FILE READ with a {self._buffer}-byte buffer")
        total = source_size(source)
        if self._amount >= 0:
            total = min(total, self._amount)
        yield m.encode_pdu(caps, [m.FileReadTotal(total)], eot=False)
        left = total
        view = memoryview(source) if isinstance(source, bytes | bytearray | memoryview) else None
        offset = 0
        while left > 0:
            chunks: list[Any] = []
            while left > 0 and len(chunks) < _CHUNKS_PER_PIECE:
                n = min(self._buffer, left)
                if view is not None:
                    data = bytes(view[offset : offset + n])
                else:
                    assert not isinstance(source, bytes | bytearray | memoryview)
                    data = source.read(n)
                    if not data:
                        raise InterfaceError("blob_data ended before its announced size")
                chunks.append(m.FileReadChunk(data))
                offset += len(data)
                left -= len(data)
            yield m.encode_pdu(caps, chunks, eot=False)
        yield _EOT


def lotofile_sql(sql: str) -> str:
    """``SELECT col FROM ...`` as ``SELECT lotofile(col, FILE_NAME, 'client') FROM ...``."""
    match = _SELECT_ONE.match(sql)
    if match is None or _top_level_comma(match[1]):
        raise InterfaceError("read_blob_column needs 'SELECT <one column> FROM ...'")
    call = f"lotofile({match[1]}, '{FILE_NAME}', 'client')"
    return sql[: match.start(1)] + call + sql[match.end(1) :]


def filetoblob_sql(sql: str, clob: bool) -> str:
    """The SQL with its one BLOB_PLACEHOLDER replaced by ``filetoblob(FILE_NAME, 'client')``
    (``filetoclob`` for a CLOB)."""
    if sql.count(BLOB_PLACEHOLDER) != 1:
        raise InterfaceError(f"write_blob_column needs exactly one {BLOB_PLACEHOLDER} in its SQL")
    function = "filetoclob" if clob else "filetoblob"
    return sql.replace(BLOB_PLACEHOLDER, f"{function}('{FILE_NAME}', 'client')")


def _top_level_comma(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            return True
    return False
