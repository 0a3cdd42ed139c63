"""SQ_LODATA (97): the bytes of a smart large object, read and written through an open LO
descriptor (the ``ifx_lo_open`` / ``ifx_lo_create`` fd; every other LO operation is a fast-path
call).

Source: JDBC 4.50.10.1 ``IfxSqli.sendLoData``, ``executeReadSmBlob``, ``executeWriteSmBlob`` and
``receiveLODATA``; the sub-command codes are ``IfxSmBlob.LO_READ`` / ``LO_READWITHSEEK`` /
``LO_WRITE``.

Request ``[short 97][short op][short fd][int length][short buffer size]``, then for
READWITHSEEK ``[int8 offset][short whence]`` (JDBC always sends whence 1, LO_SEEK_CUR), for WRITE
the data as ``[short n][n bytes padded]`` chunks of at most 32000 bytes adding up to ``length``.
JDBC sends 32000 as the buffer size. The client's SQ_EOT ends the request.

Reply ``[short 97][short op][int size]``. For WRITE that is all: ``size`` is the number of bytes
written, or a negative ISAM code (JDBC raises -9810 with it). For a read, ``size`` is the number
of bytes that follow as ``[short n][n bytes padded]`` chunks; a size below 1 is followed by a
single short instead (JDBC reads and ignores it). JDBC reads ``min(asked, size)`` bytes of
chunks, which is the same thing whenever the server sends no more than was asked, as this
package's server does; reading the chunks up to ``size`` lets a decoder work without the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Buffer, Reader, Writer
from informix_wire.errors import InterfaceError, ProtocolError
from informix_wire.tags import Tag


class LoOp:
    """SQ_LODATA sub-commands (JDBC ``IfxSmBlob.LO_READ`` 0, ``LO_READWITHSEEK`` 1,
    ``LO_WRITE`` 2)."""

    READ = 0
    READ_WITH_SEEK = 1
    WRITE = 2


#: The buffer size JDBC announces (``IfxSmBlob.R_W_BUFSIZE``) and its largest write chunk.
BUFFER_SIZE = 32000
#: Most bytes one chunk may carry (its length is a short).
MAX_CHUNK = 0x7FFF
#: JDBC's whence for READWITHSEEK: relative to the current position (``LO_SEEK_CUR``).
SEEK_CUR = 1
_OPS = (LoOp.READ, LoOp.READ_WITH_SEEK, LoOp.WRITE)


def read_chunk(r: Reader, left: int) -> tuple[int, int]:
    """One ``[short n][n bytes padded]`` chunk of at most ``left`` bytes: where its data starts in
    ``r.data`` and its length (no copy; the caller takes the bytes before the buffer moves)."""
    at = r.pos
    n = r.short()
    if n <= 0 or n > left:
        raise ProtocolError(f"SQ_LODATA chunk of {n} bytes at offset {at}, {left} still expected")
    start = r.pos
    r.skip(n)
    r.pad(n)
    return start, n


def _read_chunks(r: Reader, length: int) -> bytes:
    data = bytearray()
    while len(data) < length:
        start, n = read_chunk(r, length - len(data))
        data += r.data[start : start + n]
    return bytes(data)


def _write_chunks(w: Writer, data: Buffer, size: int) -> None:
    view = memoryview(data)
    for at in range(0, len(view), size):
        piece = view[at : at + size]
        w.short(len(piece)).padded(piece)


def _chunk_size(buffer_size: int) -> int:
    if not 0 < buffer_size <= MAX_CHUNK:
        raise InterfaceError(f"SQ_LODATA chunks of {buffer_size} bytes cannot be framed")
    return buffer_size


@dataclass(slots=True)
class LoData:
    """SQ_LODATA request (client to server): read ``length`` bytes, or write ``data``
    (``IfxSqli.sendLoData`` and the chunk loop of ``executeWriteSmBlob``)."""

    tag: ClassVar[Tag] = Tag.LODATA
    op: int
    fd: int
    length: int
    buffer_size: int = BUFFER_SIZE
    #: READ_WITH_SEEK: where to seek first (an int8), relative to ``whence``.
    offset: int = 0
    whence: int = SEEK_CUR
    #: WRITE: the bytes (``length`` of them; any buffer, e.g. a memoryview of the caller's).
    data: Buffer = b""

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> LoData:
        at = r.pos - 2
        op = r.short()
        if op not in _OPS:
            raise ProtocolError(f"unknown SQ_LODATA operation {op} at offset {at}")
        fd = r.short()
        length = r.int()
        if length < 0:
            raise ProtocolError(f"SQ_LODATA of {length} bytes at offset {at}")
        buffer_size = r.short()
        if op == LoOp.READ_WITH_SEEK:
            offset = r.int8()
            whence = r.short()
            return cls(op, fd, length, buffer_size, offset or 0, whence)
        if op == LoOp.WRITE:
            return cls(op, fd, length, buffer_size, data=_read_chunks(r, length))
        return cls(op, fd, length, buffer_size)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        if self.op == LoOp.WRITE and len(self.data) != self.length:
            raise InterfaceError(f"SQ_LODATA WRITE of {self.length} bytes with {len(self.data)}")
        w.short(self.tag).short(self.op).short(self.fd).int(self.length).short(self.buffer_size)
        if self.op == LoOp.READ_WITH_SEEK:
            w.int8(self.offset).short(self.whence)
        elif self.op == LoOp.WRITE:
            _write_chunks(w, self.data, min(_chunk_size(self.buffer_size), BUFFER_SIZE))


def read_reply_head(r: Reader) -> tuple[int, int]:
    """``[short op][int size]`` of an SQ_LODATA reply (after its tag)."""
    return r.short(), r.int()


@dataclass(slots=True)
class LoDataReply:
    """SQ_LODATA reply (server to client): the bytes read, or how many were written
    (``IfxSqli.receiveLODATA``). ``chunk`` is the chunk size ``encode`` uses."""

    tag: ClassVar[Tag] = Tag.LODATA
    op: int
    size: int
    data: bytes = b""
    chunk: int = BUFFER_SIZE

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> LoDataReply:
        op, size = read_reply_head(r)
        if op == LoOp.WRITE:
            return cls(op, size)
        if size < 1:
            r.short()
            return cls(op, size)
        return cls(op, size, _read_chunks(r, size))

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.op).int(self.size)
        if self.op == LoOp.WRITE:
            return
        if self.size < 1:
            if self.data:
                raise InterfaceError("SQ_LODATA reply with data but no size")
            w.short(0)
            return
        if len(self.data) != self.size:
            raise InterfaceError(f"SQ_LODATA reply of size {self.size} with {len(self.data)} bytes")
        _write_chunks(w, self.data, _chunk_size(self.chunk))
