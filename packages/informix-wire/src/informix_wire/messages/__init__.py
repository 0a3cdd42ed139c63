"""SQLI messages in both directions: dataclasses with ``decode(reader, caps)`` / ``encode(writer,
caps)``, and the dispatchers that read one message or one PDU."""

from informix_wire.messages.base import Bare, Message, encode_pdu
from informix_wire.messages.blobs import (
    Blob,
    BlobBind,
    FetchBlob,
    File,
    FileOp,
    FileReadChunk,
    FileReadTotal,
    FileWriteAck,
    FileWriteChunk,
)
from informix_wire.messages.dblist import DbList, GetDbList
from informix_wire.messages.describe import Column, Describe, InputDescribe
from informix_wire.messages.dispatch import (
    Reply,
    Request,
    read_reply_message,
    read_reply_pdu,
    read_request_message,
    read_request_pdu,
)
from informix_wire.messages.lodata import LoData, LoDataReply, LoOp
from informix_wire.messages.replies import (
    CloseAck,
    Cost,
    Done,
    Eot,
    Exit,
    InfoReply,
    InsertDone,
    Protocols,
    PutError,
    Tuple,
    TupleId,
    Version,
    XactStat,
)
from informix_wire.messages.requests import (
    IND_DEFAULT,
    IND_NULL,
    IND_VALUE,
    AutoFree,
    BatchEnd,
    BatchStart,
    Begin,
    Bind,
    Close,
    Command,
    CommitWork,
    CursorName,
    DbClose,
    DbOpen,
    DescribeInput,
    Execute,
    Hold,
    Info,
    NDescribe,
    NFetch,
    Open,
    Prepare,
    Release,
    ReleaseSavepoint,
    ReoptOpen,
    RetType,
    RollbackSavepoint,
    RollbackWork,
    Scroll,
    ScrollType,
    SetSavepoint,
    SFetch,
    StatementId,
    TypeColumn,
    WantDone,
)
from informix_wire.messages.routines import ExecRoutine, FastPathResult, GetRoutine, RoutineHandle
from informix_wire.messages.sqlerr import SqlErrorInfo
from informix_wire.messages.values import TypedValue, read_value, write_value

__all__ = [
    "IND_DEFAULT", "IND_NULL", "IND_VALUE", "AutoFree", "Bare", "BatchEnd", "BatchStart", "Begin",
    "Bind", "Blob", "BlobBind", "Close", "CloseAck", "Column", "Command", "CommitWork", "Cost",
    "CursorName", "DbClose", "DbList", "DbOpen", "Describe", "DescribeInput", "Done", "Eot",
    "ExecRoutine", "Execute", "Exit", "FastPathResult", "FetchBlob", "File", "FileOp",
    "FileReadChunk", "FileReadTotal", "FileWriteAck", "FileWriteChunk", "GetDbList", "GetRoutine",
    "Hold", "Info", "InfoReply", "InputDescribe", "InsertDone", "LoData", "LoDataReply", "LoOp",
    "Message", "NDescribe", "NFetch", "Open", "Prepare", "Protocols", "PutError", "Release",
    "ReleaseSavepoint", "ReoptOpen", "Reply", "Request", "RetType", "RollbackSavepoint",
    "RollbackWork", "RoutineHandle", "SFetch", "Scroll", "ScrollType", "SetSavepoint",
    "SqlErrorInfo", "StatementId", "Tuple", "TupleId", "TypeColumn", "TypedValue", "Version",
    "WantDone", "XactStat", "encode_pdu", "read_reply_message", "read_reply_pdu",
    "read_request_message", "read_request_pdu", "read_value", "write_value",
]  # fmt: skip
