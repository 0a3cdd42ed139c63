"""Large-object traffic in both directions: BYTE/TEXT streams (SQ_BLOB, SQ_BBIND, SQ_FETCHBLOB) and
the SQ_FILE exchange a server starts for lotofile/filetoblob (client-side files).

Sources: JDBC ``IfxSqli.receiveBlob``, ``sendBlob``/``sendStreamBlob``, ``sendFetchBlob`` and
``receiveSQFILE`` (its four cases), cited per class; sqli-facts §2.8-2.9.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Reader, Writer
from informix_wire.errors import InterfaceError, ProtocolError
from informix_wire.tags import Tag


class FileOp:
    """SQ_FILE (98) sub-operation codes (IfxSqli.receiveSQFILE)."""

    OPEN = 0
    CLOSE = 1
    READ = 2
    WRITE = 3


@dataclass(slots=True)
class File:
    """SQ_FILE (98): the server asks the client to work on a client-side file (lotofile/filetoblob).

    ``[short op]`` then: OPEN ``[char name][int mode][int flags][int offset]``; READ ``[short buffer
    size][int amount, -1 = all]``; CLOSE and WRITE nothing. An EOT follows each (JDBC checks it);
    after WRITE the server streams :class:`FileWriteChunk` messages (IfxSqli.receiveSQFILE).
    """

    tag: ClassVar[Tag] = Tag.FILE
    op: int
    name: bytes = b""
    mode: int = 0
    flags: int = 0
    offset: int = 0
    buffer_size: int = 0
    amount: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> File:
        op = r.short()
        if op == FileOp.OPEN:
            return cls(op, r.char(), r.int(), r.int(), r.int())
        if op == FileOp.READ:
            return cls(op, buffer_size=r.short(), amount=r.int())
        if op in (FileOp.CLOSE, FileOp.WRITE):
            return cls(op)
        raise ProtocolError(f"unknown SQ_FILE operation {op} at offset {r.pos - 2}")

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.op)
        if self.op == FileOp.OPEN:
            w.char(self.name).int(self.mode).int(self.flags).int(self.offset)
        elif self.op == FileOp.READ:
            w.short(self.buffer_size).int(self.amount)


@dataclass(slots=True)
class FileWriteChunk:
    """SQ_FILE_WRITE (107) from the server after SQ_FILE WRITE: ``[short len][data padded]``
    (IfxSqli.receiveSQFILE case 3 loops on tag 107)."""

    tag: ClassVar[Tag] = Tag.FILE_WRITE
    data: bytes = b""

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> FileWriteChunk:
        return cls(r.char())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).char(self.data)


@dataclass(slots=True)
class Blob:
    """SQ_BLOB (39), both directions: ``[short len][data padded]``; a zero length ends the stream
    (IfxSqli.receiveBlob; sqli-facts §2.8 for the client's BBIND stream)."""

    tag: ClassVar[Tag] = Tag.BLOB
    data: bytes = b""

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Blob:
        return cls(r.char())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).char(self.data)


@dataclass(slots=True)
class BlobBind:
    """SQ_BBIND (41): ``[short n blobs]``; each BYTE/TEXT parameter's content follows as SQ_BLOB
    chunks ending in a zero-length SQ_BLOB (IfxSqli.sendBlob, sendStreamBlob)."""

    tag: ClassVar[Tag] = Tag.BBIND
    count: int

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> BlobBind:
        return cls(r.short())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.count)


@dataclass(slots=True)
class FetchBlob:
    """SQ_FETCHBLOB (38): the 56-byte BYTE/TEXT descriptor from the tuple (IfxSqli.sendFetchBlob);
    the server answers with SQ_BLOB chunks ending in a zero-length one."""

    tag: ClassVar[Tag] = Tag.FETCHBLOB
    descriptor: bytes

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> FetchBlob:
        return cls(r.raw(56))

    def encode(self, w: Writer, caps: Capabilities) -> None:
        if len(self.descriptor) != 56:
            raise InterfaceError(f"a blob descriptor is 56 bytes, not {len(self.descriptor)}")
        w.short(self.tag).raw(self.descriptor)


@dataclass(slots=True)
class FileReadTotal:
    """SQ_FILE_READ (106) header the client sends for SQ_FILE READ: ``[int total bytes]``; chunks
    follow as :class:`FileReadChunk` (IfxSqli.receiveSQFILE case 2)."""

    tag: ClassVar[Tag] = Tag.FILE_READ
    total: int

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> FileReadTotal:
        return cls(r.int())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).int(self.total)


@dataclass(slots=True)
class FileReadChunk:
    """SQ_FILE_READ (106) chunk: ``[short len][data padded]`` (IfxSqli.receiveSQFILE case 2)."""

    tag: ClassVar[Tag] = Tag.FILE_READ
    data: bytes

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> FileReadChunk:
        return cls(r.char())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).char(self.data)


@dataclass(slots=True)
class FileWriteAck:
    """SQ_FILE_WRITE (107) reply after the server's write chunks: ``[int total written]``
    (IfxSqli.receiveSQFILE case 3)."""

    tag: ClassVar[Tag] = Tag.FILE_WRITE
    total: int

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> FileWriteAck:
        return cls(r.int())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).int(self.total)
