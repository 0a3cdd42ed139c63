"""The smart-LOB routines of the fast path, as JDBC 4.50.10.1 ``IfxSmartBlob`` calls them (its
signature constants; ``IfxLocator`` for ifx_lo_release's caller ``IfxLobInputStream.close``):

=====================================================  ======================================
routine (arguments)                                    results
=====================================================  ======================================
ifx_lo_create(ifx_lo_spec, integer mode, blob)         blob locator, integer fd (IfxLoCreate)
ifx_lo_open(blob, integer mode)                        integer fd
ifx_lo_close(integer fd)                               integer 0
ifx_lo_seek(integer fd, int8 offset, integer whence,   int8 new position
int8)
ifx_lo_tell(int fd, int8)                              int8 position
ifx_lo_truncate(integer fd, int8 size)                 integer 0 (a larger size extends the LOB:
                                                       IBM ESQL/C manual, ifx_lo_truncate)
ifx_lo_stat(int fd, ifx_lo_stat)                       ifx_lo_stat, the size of the one given
ifx_lo_release(blob)                                   integer 0 (a stored LOB stays)
ifx_lo_col_sbinfo(lvarchar column, ifx_lo_spec)        the ifx_lo_spec given (no sbspaces here)
=====================================================  ======================================

Results travel as JDBC's ``receiveFastPath`` reads them: integers as INT, int8 as the 10-byte
INT8, the opaque types as UDTFIXED (41) named ``blob`` / ``ifx_lo_stat`` / ``ifx_lo_spec``
(JDBC makes an ``IfxUDT`` of them). ``ifx_lo_stat`` is laid out as ``IfxLoStat`` reads it
(``IfxUDTInput`` without alignment): ``[int][int8 size as int low, int high, short sign][short]
[int uid][int access time][int modify time s][int modify time µs][int status time][int
reference count]``, then the LO's create spec (the 596-byte ``IfxLobDescriptor`` with long
identifiers, 164 without) and zeros to the end; ``IfxSmartBlob.IfxLoSize`` reads the size there.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Callable
from typing import Any

from informix_testserver import smartlob
from informix_testserver.smartlob import (
    BAD_FD,
    BAD_LOCATOR,
    BAD_TRUNCATE,
    NOT_FOR_WRITE,
    LobFailure,
)
from informix_types import bind_as, decode_typed
from informix_wire.messages.values import TypedValue
from informix_wire.typecodes import TypeCode

#: A routine: (session, arguments as bound) -> its result values.
Native = Callable[[Any, list[TypedValue]], list[TypedValue]]

_STAT_HEAD = struct.Struct(">iIIhhiiiiii")
#: ``IfxSmartBlob.LO_STAT_SIZE`` (with long identifiers), used when the caller's is too short.
_STAT_SIZE = 644
_OWNER = b"informix"
_UDT_TYPES = (TypeCode.UDTVAR, TypeCode.UDTFIXED, TypeCode.SENDRECV)


def _int(value: TypedValue, isam: int) -> int:
    number = decode_typed(value, "latin-1") if value.type & 0xFF not in _UDT_TYPES else None
    if not isinstance(number, int) or isinstance(number, bool):
        raise LobFailure(isam)
    return number


def _body(value: TypedValue) -> bytes:
    """The bytes of an opaque-type argument (``[int len][bytes]``), empty for NULL."""
    data = value.data
    if data is None or value.type & 0xFF not in _UDT_TYPES or len(data) < 4:
        return b""
    return data[4:]


def _locator(value: TypedValue) -> bytes:
    body = _body(value)
    if len(body) != smartlob.LOCATOR_SIZE:
        raise LobFailure(BAD_LOCATOR)
    return body


def _integer(n: int) -> TypedValue:
    return bind_as(n, TypeCode.INT, "latin-1")


def _int8(n: int) -> TypedValue:
    return bind_as(n, TypeCode.INT8, "latin-1")


def _udt(name: bytes, body: bytes) -> TypedValue:
    data = len(body).to_bytes(4, "big") + body
    return TypedValue(TypeCode.UDTFIXED, data, min(len(body), 0x7FFF), _OWNER, name)


def _create(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    flags = smartlob.check_flags(_int(args[1], smartlob.BAD_FLAGS))
    locator = smartlob.create(session, _body(args[0]))
    space = smartlob.space_of(session)
    fd = session.lobs.open(space, space.find(locator), flags)
    return [_udt(b"blob", locator), _integer(fd)]


def _open(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    space = smartlob.space_of(session)
    lob = space.find(_locator(args[0]))
    return [_integer(session.lobs.open(space, lob, _int(args[1], smartlob.BAD_FLAGS)))]


def _close(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    session.lobs.close(_int(args[0], BAD_FD))
    return [_integer(0)]


def _seek(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    handle = session.lobs.get(_int(args[0], BAD_FD))
    offset = _int(args[1], smartlob.BAD_SEEK)
    whence = _int(args[2], smartlob.BAD_WHENCE)
    with handle.space.lock:
        handle.position = smartlob.seek(handle, offset, whence)
    return [_int8(handle.position)]


def _tell(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    return [_int8(session.lobs.get(_int(args[0], BAD_FD)).position)]


def _truncate(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    handle = session.lobs.get(_int(args[0], BAD_FD))
    size = _int(args[1], BAD_TRUNCATE)
    if not handle.writable:
        raise LobFailure(NOT_FOR_WRITE)
    if size < 0:
        raise LobFailure(BAD_TRUNCATE)
    with handle.space.lock:
        content = handle.lob.data
        if size < len(content):
            del content[size:]
        else:
            content.extend(bytes(size - len(content)))
        handle.lob.modified = int(time.time())
    return [_integer(0)]


def _stat(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    handle = session.lobs.get(_int(args[0], BAD_FD))
    given = len(_body(args[1]))
    size = given if given >= _STAT_HEAD.size else _STAT_SIZE
    lob = handle.lob
    with handle.space.lock:
        length = len(lob.data)
    head = _STAT_HEAD.pack(
        0, length & 0xFFFFFFFF, length >> 32, 1, 0, lob.ident & 0x7FFFFFFF,
        int(time.time()), lob.modified, 0, lob.created, lob.references,
    )  # fmt: skip
    body = (head + lob.spec)[:size]
    return [_udt(b"ifx_lo_stat", body + bytes(size - len(body)))]


def _release(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    smartlob.space_of(session).find(_locator(args[0]))
    return [_integer(0)]


def _col_sbinfo(session: Any, args: list[TypedValue]) -> list[TypedValue]:
    return [_udt(b"ifx_lo_spec", _body(args[1]))]


#: Routine name -> (argument count, implementation); ``fastpath`` resolves signatures here first.
ROUTINES: dict[str, tuple[int, Native]] = {
    "ifx_lo_create": (3, _create),
    "ifx_lo_open": (2, _open),
    "ifx_lo_close": (1, _close),
    "ifx_lo_seek": (4, _seek),
    "ifx_lo_tell": (2, _tell),
    "ifx_lo_truncate": (2, _truncate),
    "ifx_lo_stat": (2, _stat),
    "ifx_lo_release": (1, _release),
    "ifx_lo_col_sbinfo": (2, _col_sbinfo),
}
