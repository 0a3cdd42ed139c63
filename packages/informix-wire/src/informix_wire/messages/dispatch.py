"""Read one message (or one whole PDU) in either direction, dispatching on its tag.

An unknown tag is a :class:`ProtocolError` naming the tag and its offset: client and server messages
have no length framing, so skipping by guesswork would desynchronise the stream silently.
Running out of bytes raises :class:`~informix_wire.codec.Incomplete`; nothing is consumed, so the
caller feeds more and starts again at the same place.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import TypeAlias

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Incomplete, Reader
from informix_wire.errors import ProtocolError
from informix_wire.messages import blobs, lodata, routines
from informix_wire.messages import replies as rep
from informix_wire.messages import requests as req
from informix_wire.messages.dblist import DbList, GetDbList
from informix_wire.messages.describe import Describe, InputDescribe
from informix_wire.messages.sqlerr import SqlErrorInfo
from informix_wire.tags import Tag

_TAG = struct.Struct(">h")
_TUPLE = int(Tag.TUPLE)
decode_tuple = rep.Tuple.decode

Reply: TypeAlias = (
    Describe
    | InputDescribe
    | SqlErrorInfo
    | rep.Tuple
    | rep.Done
    | rep.Cost
    | rep.XactStat
    | rep.InsertDone
    | rep.TupleId
    | rep.Eot
    | rep.Exit
    | rep.CloseAck
    | rep.Protocols
    | blobs.Blob
    | rep.Version
    | rep.InfoReply
    | blobs.File
    | blobs.FileWriteChunk
    | routines.RoutineHandle
    | routines.FastPathResult
    | rep.PutError
    | DbList
    | lodata.LoDataReply
)

Request: TypeAlias = (
    req.Command
    | req.Prepare
    | req.CursorName
    | req.StatementId
    | req.Bind
    | blobs.BlobBind
    | req.NFetch
    | req.SFetch
    | req.RollbackWork
    | req.DbOpen
    | req.Info
    | blobs.FetchBlob
    | req.RetType
    | req.SetSavepoint
    | req.ReleaseSavepoint
    | req.RollbackSavepoint
    | routines.GetRoutine
    | routines.ExecRoutine
    | blobs.FileReadTotal
    | blobs.FileReadChunk
    | blobs.FileWriteAck
    | req.NDescribe
    | req.WantDone
    | req.Open
    | req.ReoptOpen
    | req.Execute
    | req.Close
    | req.Release
    | req.Hold
    | req.Scroll
    | req.AutoFree
    | req.Begin
    | req.CommitWork
    | req.DbClose
    | req.BatchStart
    | req.BatchEnd
    | req.DescribeInput
    | GetDbList
    | lodata.LoData
    | rep.Eot
    | rep.Exit
    | rep.Protocols
    | blobs.Blob
    | SqlErrorInfo
)

_REPLIES: dict[int, Callable[[Reader, Capabilities], Reply]] = {
    cls.tag: cls.decode
    for cls in (
        Describe,
        InputDescribe,
        SqlErrorInfo,
        rep.Tuple,
        rep.Done,
        rep.Cost,
        rep.XactStat,
        rep.InsertDone,
        rep.TupleId,
        rep.Eot,
        rep.Exit,
        rep.CloseAck,
        rep.Protocols,
        blobs.Blob,
        rep.Version,
        rep.InfoReply,
        blobs.File,
        blobs.FileWriteChunk,
        routines.RoutineHandle,
        routines.FastPathResult,
        rep.PutError,
        DbList,
        lodata.LoDataReply,
    )
}

_REQUESTS: dict[int, Callable[[Reader, Capabilities], Request]] = {
    cls.tag: cls.decode
    for cls in (
        req.Command,
        req.Prepare,
        req.CursorName,
        req.StatementId,
        req.Bind,
        blobs.BlobBind,
        req.NFetch,
        req.SFetch,
        req.RollbackWork,
        req.DbOpen,
        req.Info,
        blobs.FetchBlob,
        req.RetType,
        req.SetSavepoint,
        req.ReleaseSavepoint,
        req.RollbackSavepoint,
        routines.GetRoutine,
        routines.ExecRoutine,
        blobs.FileReadTotal,  # a lone 106 is the header; read_request_pdu tells chunks apart
        blobs.FileWriteAck,
        req.NDescribe,
        req.WantDone,
        req.Open,
        req.ReoptOpen,
        req.Execute,
        req.Close,
        req.Release,
        req.Hold,
        req.Scroll,
        req.AutoFree,
        req.Begin,
        req.CommitWork,
        req.DbClose,
        req.BatchStart,
        req.BatchEnd,
        req.DescribeInput,
        GetDbList,
        lodata.LoData,
        rep.Eot,
        rep.Exit,
        rep.Protocols,
        blobs.Blob,
        SqlErrorInfo,  # the client's error answer inside an SQ_FILE exchange (sendSQFILEError)
    )
}

#: Most messages one request PDU may hold (JDBC's largest, a batch of binds, stays far below).
MAX_PDU_MESSAGES = 1_000_000


def _tag_name(tag: int) -> str:
    try:
        return f"{tag} (SQ_{Tag(tag).name})"
    except ValueError:
        return str(tag)


def read_reply_message(r: Reader, caps: Capabilities) -> Reply:
    """Decode the server message at ``r.pos`` and advance past it (TUPLE takes a short cut)."""
    pos = r.pos
    if pos + 2 > r.end:
        raise Incomplete(f"message tag truncated at offset {pos}")
    tag = _TAG.unpack_from(r.data, pos)[0]
    r.pos = pos + 2
    if tag == _TUPLE:
        return decode_tuple(r, caps)
    decode = _REPLIES.get(tag)
    if decode is None:
        raise ProtocolError(f"unexpected server message tag {_tag_name(tag)} at offset {pos}")
    return decode(r, caps)


def read_request_message(r: Reader, caps: Capabilities) -> Request:
    """Decode the client message at ``r.pos`` and advance past it."""
    pos = r.pos
    tag = r.short()
    decode = _REQUESTS.get(tag)
    if decode is None:
        raise ProtocolError(f"unexpected client message tag {_tag_name(tag)} at offset {pos}")
    return decode(r, caps)


def read_request_pdu(r: Reader, caps: Capabilities) -> list[Request]:
    """Decode one whole client PDU: messages up to and excluding SQ_EOT, or a lone SQ_EXIT.

    Within a PDU the first SQ_FILE_READ is the total and the following ones are data chunks
    (IfxSqli.receiveSQFILE case 2).
    """
    messages: list[Request] = []
    file_read_seen = False
    while len(messages) < MAX_PDU_MESSAGES:
        if file_read_seen and r.remaining >= 2 and r.data[r.pos : r.pos + 2] == b"\x00\x6a":
            r.pos += 2
            messages.append(blobs.FileReadChunk.decode(r, caps))
            continue
        message = read_request_message(r, caps)
        if isinstance(message, rep.Eot):
            return messages
        messages.append(message)
        if isinstance(message, rep.Exit) and len(messages) == 1:
            return messages
        file_read_seen = file_read_seen or isinstance(message, blobs.FileReadTotal)
    raise ProtocolError(f"client PDU of more than {MAX_PDU_MESSAGES} messages")


def read_reply_pdu(r: Reader, caps: Capabilities) -> list[Reply]:
    """Decode server messages up to and excluding SQ_EOT (or through a lone SQ_EXIT)."""
    messages: list[Reply] = []
    while len(messages) < MAX_PDU_MESSAGES:
        message = read_reply_message(r, caps)
        if isinstance(message, rep.Eot):
            return messages
        messages.append(message)
        if isinstance(message, rep.Exit):
            return messages
    raise ProtocolError(f"server reply of more than {MAX_PDU_MESSAGES} messages")
