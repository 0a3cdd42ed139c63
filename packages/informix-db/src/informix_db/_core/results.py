"""What one server reply said, gathered message by message (``Wire.read_reply``).

The messages a statement's reply may hold are those JDBC's ``IfxSqli.receiveMessage`` loop
dispatches for PREPARE, OPEN/NFETCH, EXECUTE and the transaction requests: DESCRIBE, TUPLE, DONE,
COST, XACTSTAT, INSERTDONE, TUPID, ERR, the server's CLOSE and PROTOCOLS. Anything else (SQ_FILE,
SQ_BLOB ...) needs an exchange this driver does not run here, so it is a ProtocolError rather than
a silent skip.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from informix_db._core.sqfile import FileChannel
from informix_wire import messages as m
from informix_wire.errors import ProtocolError
from informix_wire.errors import Warning as DbWarning
from informix_wire.tags import Tag

#: One warning as PEP 249's ``Cursor.messages`` holds it: (class, text).
Message = tuple[type[Warning], str]
_TUPLE = int(Tag.TUPLE)


class Reply:
    """The gathered content of one reply (or, for a cursor, of one fetch)."""

    __slots__ = (
        "blob",
        "decode",
        "describe",
        "done",
        "error",
        "fast_path",
        "files",
        "insert_done",
        "protocols",
        "routine_handle",
        "rows",
        "transaction_events",
        "tuple_id",
        "warnings",
    )

    def __init__(
        self,
        decode: Callable[[bytes | bytearray | memoryview], tuple[Any, ...]] | None = None,
        blob: bool = False,
    ) -> None:
        #: Decodes a TUPLE payload; None means tuples are unexpected here.
        self.decode = decode
        self.rows: list[tuple[Any, ...]] = []
        self.describe: m.Describe | None = None
        self.done: m.Done | None = None
        self.insert_done: m.InsertDone | None = None
        self.error: m.SqlErrorInfo | None = None
        self.protocols: bytes | None = None
        self.warnings: list[str] = []
        #: SQ_XACTSTAT events (JDBC receiveXactstat): the server's transaction level changed.
        self.transaction_events: list[m.XactStat] = []
        #: SQ_TUPID of a scroll fetch: the 1-based position of the batch's first row.
        self.tuple_id: int | None = None
        #: SQ_GETROUTINE's handle and SQ_FPROUTINE's values (fast-path calls).
        self.routine_handle: m.RoutineHandle | None = None
        self.fast_path: m.FastPathResult | None = None
        #: Serves SQ_FILE exchanges inside this reply (None: SQ_FILE is unexpected here).
        self.files: FileChannel | None = None
        #: SQ_BLOB chunks of an SQ_FETCHBLOB answer, joined (None: SQ_BLOB is unexpected here).
        self.blob = bytearray() if blob else None

    def add_tuple(self, tup: m.Tuple) -> None:
        """One row the general reader parsed: a row where no result set is open (the run of
        ``add_tuple_run`` takes every regular row of an open one)."""
        decode = self.decode
        if decode is None:
            raise ProtocolError("the server sent a row where no result set was open")
        start = tup.offset
        self.rows.append(decode(tup.data[start : start + tup.size]))
        if tup.warning:
            self.warnings.append(f"row warning flags 0x{tup.warning:04x}")

    def add_tuple_run(self, data: bytearray, pos: int, end: int, head: struct.Struct) -> int:
        """Decode the SQ_TUPLE messages that follow one another in ``data[pos:end]`` without
        making a message object per row; return where the first other message (or an incomplete
        tuple) starts. ``head`` is ``replies.TUPLE_MESSAGE_HEAD_LONG`` / ``_SHORT`` as the USVER
        capability says. Anything irregular (a negative size, a row cut by the end of the
        buffer) is left to the general reader, which reports it exactly as it would otherwise;
        only call this when ``decode`` is set."""
        decode = self.decode
        assert decode is not None
        append = self.rows.append
        unpack = head.unpack_from
        head_size = head.size
        while pos + head_size <= end:
            tag, warning, size = unpack(data, pos)
            start = pos + head_size
            stop = start + size
            following = stop + (size & 1)
            if tag != _TUPLE or size < 0 or following > end:
                break
            append(decode(data[start:stop]))
            if warning:
                self.warnings.append(f"row warning flags 0x{warning:04x}")
            pos = following
        return pos

    def add(self, msg: object) -> None:
        kind = type(msg)
        if kind is m.Done:
            assert isinstance(msg, m.Done)
            self.done = msg
        elif kind is m.Cost or kind is m.CloseAck:
            pass  # optimizer estimates, cursor-closed notices: nothing to keep
        elif kind is m.TupleId:
            assert isinstance(msg, m.TupleId)
            self.tuple_id = msg.position
        elif kind is m.Describe:
            assert isinstance(msg, m.Describe)
            self.describe = msg
        elif kind is m.SqlErrorInfo:
            assert isinstance(msg, m.SqlErrorInfo)
            if msg.is_warning:
                text = msg.message.decode("utf-8", "replace").strip()
                self.warnings.append(f"[{msg.sqlcode}] {text}".strip())
            elif self.error is None:
                self.error = msg
        elif kind is m.XactStat:
            assert isinstance(msg, m.XactStat)
            self.transaction_events.append(msg)
        elif kind is m.InsertDone:
            assert isinstance(msg, m.InsertDone)
            self.insert_done = msg
        elif kind is m.RoutineHandle:
            assert isinstance(msg, m.RoutineHandle)
            self.routine_handle = msg
        elif kind is m.FastPathResult:
            assert isinstance(msg, m.FastPathResult)
            self.fast_path = msg
        elif kind is m.Blob and self.blob is not None:
            assert isinstance(msg, m.Blob)
            self.blob += msg.data
        elif (kind is m.File or kind is m.FileWriteChunk) and self.files is not None:
            self.files.receive(msg)
        elif kind is m.Protocols:
            assert isinstance(msg, m.Protocols)
            self.protocols = msg.mask
        else:
            raise ProtocolError(f"unexpected {kind.__name__} message in a statement reply")

    @property
    def ended(self) -> bool:
        """SQ_DONE arrived: for a fetch, the result set is exhausted."""
        return self.done is not None

    @property
    def rowcount(self) -> int:
        return self.done.rows if self.done is not None else -1

    @property
    def serial(self) -> int | None:
        """The SERIAL, SERIAL8 or BIGSERIAL value an INSERT generated (SQ_DONE's serial field,
        SQ_INSERTDONE's serial8 / bigserial; JDBC receiveDone / receiveInsertDone)."""
        if self.done is not None and self.done.serial:
            return self.done.serial
        if self.insert_done is not None:
            if self.insert_done.bigserial:
                return self.insert_done.bigserial
            if self.insert_done.serial8:
                return self.insert_done.serial8
        return None

    def raise_error(self, encoding: str) -> None:
        """Raise the reply's SQ_ERR as its PEP 249 exception (the stream is in step by now)."""
        if self.error is not None:
            raise self.error.to_exception(encoding)

    def messages(self) -> list[Message]:
        """Warnings for ``Cursor.messages``: SQ_ERR warnings, row and statement warning flags."""
        flags = self.done.warnings if self.done is not None else 0
        if not flags and not self.warnings:
            return []  # the usual case, once per reply (per row in an executemany)
        out: list[Message] = [(DbWarning, text) for text in self.warnings]
        if flags:
            out.append((DbWarning, f"statement warning flags 0x{flags:04x}"))
        return out
