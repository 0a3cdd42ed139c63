"""Smart large objects (BLOB / CLOB) through their locators, as sans-I/O operations: every LO
operation but the data itself is a fast-path call of an ``ifx_lo_*`` routine; the bytes travel
in SQ_LODATA requests of bounded size.

The calls and their order are JDBC 4.50.10.1's ``IfxSmartBlob`` (the signature strings below are
its constants, spaces included):

- create: ``ifx_lo_create(ifx_lo_spec, mode, blob)`` with the default spec of
  ``IfxLobDescriptor(conn)`` and a zero locator; it returns the new locator and an open fd.
- open / close: ``ifx_lo_open(blob, mode)`` -> fd; ``ifx_lo_close(fd)``.
- position: ``ifx_lo_seek(fd, int8 offset, whence, int8)`` -> int8; ``ifx_lo_tell(fd, int8)``.
- size: ``ifx_lo_stat(fd, ifx_lo_stat)`` with a zeroed stat of 644 bytes (212 without long
  identifiers, capability bit 10 or 18); the size is the int8 after the first int, low word
  first (``IfxSmartBlob.IfxLoSize``).
- ``ifx_lo_truncate(fd, int8 size)``.
- data: SQ_LODATA READ / WRITE (``IfxSqli.executeReadSmBlob`` / ``executeWriteSmBlob``).

Arguments are typed as JDBC types them: integers as INT, int8 as INT8 (``IfxInt8``), the
opaque ``blob`` / ``ifx_lo_spec`` / ``ifx_lo_stat`` as SENDRECV 44 with the type name and
``[int len][bytes]`` data (``IfxUDT``, owner left empty). A request reads or writes at most
``REQUEST_SIZE`` bytes, and a read reply is copied chunk by chunk straight into the caller's
buffer, so the client never holds more of a large object than one request.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from informix_db._core import fastpath
from informix_db._core.session import Session
from informix_db._core.wire import Op, Wire
from informix_types import BlobLocator, ClobLocator, bind_as, decode_typed
from informix_wire import messages as m
from informix_wire.codec import Incomplete
from informix_wire.errors import DatabaseError, InterfaceError, ProgrammingError, ProtocolError
from informix_wire.messages.dispatch import read_reply_message
from informix_wire.messages.lodata import BUFFER_SIZE, LoOp, read_chunk, read_reply_head
from informix_wire.messages.values import TypedValue
from informix_wire.tags import Tag
from informix_wire.typecodes import TypeCode

CREATE = "function informix.ifx_lo_create( ifx_lo_spec,integer,blob)"
OPEN = "function informix.ifx_lo_open(blob ,integer)"
CLOSE = "function informix.ifx_lo_close(integer)"
SEEK = "function informix.ifx_lo_seek(integer,int8,integer,int8)"
TELL = "function informix.ifx_lo_tell(int, int8)"
TRUNCATE = "function informix.ifx_lo_truncate(integer,int8)"
STAT = "function informix.ifx_lo_stat(int, ifx_lo_stat)"

#: Open modes (``IfxSmartBlob``): LO_APPEND, LO_WRONLY, LO_RDONLY, LO_RDWR.
LO_APPEND, LO_WRONLY, LO_RDONLY, LO_RDWR = 1, 2, 4, 8
#: Most bytes one SQ_LODATA request reads or writes.
REQUEST_SIZE = 1 << 20
LOCATOR_SIZE = 72
#: ``IfxSmartBlob.LO_STAT_SIZE`` / ``PRE_LONG_ID_LO_STAT_SIZE``.
_STAT_SIZE, _SHORT_STAT_SIZE = 644, 212
#: -9810 "Smart-large-object error" (what JDBC raises for a failed SQ_LODATA write).
_LOB_ERROR = -9810
_STAT_SIZE_FIELD = struct.Struct(">IIh")
_ENCODING = "latin-1"


class ClosedLobError(InterfaceError, ValueError):
    """An operation on a closed LOB: a PEP 249 ``InterfaceError``, and the ``ValueError`` the io
    module raises for closed files."""


#: Python file modes and the LO open flags they mean (``IfxSmartBlob.LO_*``); "w" modes also
#: truncate to 0 bytes, as ``open`` does.
MODES = {
    "r": LO_RDONLY,
    "r+": LO_RDWR,
    "w": LO_WRONLY,
    "w+": LO_RDWR,
    "a": LO_WRONLY | LO_APPEND,
    "a+": LO_RDWR | LO_APPEND,
}
#: ``create_lob`` kinds.
KINDS: dict[str, type[BlobLocator]] = {"blob": BlobLocator, "clob": ClobLocator}


def lob_flags(mode: str) -> int:
    """The LO open flags of a file mode (a "b" is accepted and changes nothing)."""
    flags = MODES.get(mode.replace("b", "")) if isinstance(mode, str) else None
    if flags is None or mode.count("b") > 1:
        raise ProgrammingError(f"invalid LOB mode {mode!r}: use one of {', '.join(MODES)}")
    return flags


def locator_type(kind: str) -> type[BlobLocator]:
    """The locator class of a ``create_lob`` kind."""
    found = KINDS.get(kind.lower()) if isinstance(kind, str) else None
    if found is None:
        raise ProgrammingError(f"a LOB is a 'blob' or a 'clob', not {kind!r}")
    return found


def check_locator(locator: object) -> BlobLocator:
    if not isinstance(locator, BlobLocator):
        raise ProgrammingError(
            f"open_lob takes the BlobLocator / ClobLocator of a BLOB / CLOB, not "
            f"{type(locator).__name__}"
        )
    return locator


def _lo_spec(long_identifiers: bool) -> bytes:
    """The default ``ifx_lo_spec`` JDBC sends (``IfxLobDescriptor(conn)``, then
    ``getRawLobDescriptor``): magic -623182099, no flags, estimated and maximum size -1 (int8s
    low word first), extent -1 and no sbspace name, unaligned; then the column part the
    constructor writes with ``IfxUDTOutput``'s alignment (shorts on 2, ints on 4 bytes): three
    ``[int 0][name]``, two shorts, ints 0, -1, -1, 0, 0, 0, 0. Names are 128 bytes with long
    identifiers (596 bytes in all), else 18."""
    ident = 128 if long_identifiers else 18
    head = struct.pack(">iii", -623182099, 0, 0) + _int8_le(-1) + bytes(2) + _int8_le(-1)
    head += bytes(2) + struct.pack(">i", -1) + bytes(ident)
    column = bytearray()

    def aligned(data: bytes, alignment: int) -> None:
        column.extend(bytes(-len(column) % alignment))
        column.extend(data)

    for _ in range(3):
        aligned(bytes(4), 4)
        column.extend(bytes(ident))
    aligned(bytes(4), 2)
    for value in (0, -1, -1, 0, 0, 0, 0):
        aligned(struct.pack(">i", value), 4)
    return head + bytes(column)


def _int8_le(value: int) -> bytes:
    """An int8 as ``IfxUDTOutput.writeLong`` writes it: low int, high int, sign short."""
    magnitude = abs(value)
    return struct.pack(">IIh", magnitude & 0xFFFFFFFF, magnitude >> 32, -1 if value < 0 else 1)


def _integer(n: int) -> TypedValue:
    return bind_as(n, TypeCode.INT, _ENCODING)


def _int8(n: int) -> TypedValue:
    return bind_as(n, TypeCode.INT8, _ENCODING)


def _udt(name: bytes, body: bytes) -> TypedValue:
    return TypedValue(TypeCode.SENDRECV, len(body).to_bytes(4, "big") + body, 0, b"", name)


def _int_result(values: list[TypedValue], what: str) -> int:
    number = decode_typed(values[0], _ENCODING) if values else None
    if not isinstance(number, int):
        raise ProtocolError(f"{what} returned {number!r}, not an integer")
    return number


def _udt_result(value: TypedValue, what: str) -> bytes:
    data = value.data
    if data is None or len(data) < 4 or int.from_bytes(data[:4], "big") != len(data) - 4:
        raise ProtocolError(f"{what} returned no opaque value")
    return data[4:]


def check_fd(fd: int) -> int:
    """An fd travels as a short in SQ_LODATA."""
    if not 0 <= fd <= 0x7FFF:
        raise ProtocolError(f"the server gave the smart-LOB fd {fd}, which no request can carry")
    return fd


def create(session: Session, mode: int) -> Op[tuple[bytes, int]]:
    """A new empty LOB opened with ``mode``: its locator and fd."""
    spec = _lo_spec(session.wire.caps.long_identifiers)
    args = [_udt(b"ifx_lo_spec", spec), _integer(mode), _udt(b"blob", bytes(LOCATOR_SIZE))]
    values = yield from fastpath.call_typed(session, CREATE, args)
    if len(values) != 2:
        raise ProtocolError(f"ifx_lo_create returned {len(values)} values, not 2")
    locator = _udt_result(values[0], "ifx_lo_create")
    if len(locator) != LOCATOR_SIZE:
        raise ProtocolError(f"ifx_lo_create returned a {len(locator)}-byte locator")
    return locator, check_fd(_int_result(values[1:], "ifx_lo_create"))


def open_fd(session: Session, locator: bytes, mode: int) -> Op[int]:
    values = yield from fastpath.call_typed(session, OPEN, [_udt(b"blob", locator), _integer(mode)])
    return check_fd(_int_result(values, "ifx_lo_open"))


def close(session: Session, fd: int) -> Op[None]:
    yield from fastpath.call_typed(session, CLOSE, [_integer(fd)])


def seek(session: Session, fd: int, offset: int, whence: int) -> Op[int]:
    args = [_integer(fd), _int8(offset), _integer(whence), _int8(0)]
    values = yield from fastpath.call_typed(session, SEEK, args)
    return _int_result(values, "ifx_lo_seek")


def tell(session: Session, fd: int) -> Op[int]:
    values = yield from fastpath.call_typed(session, TELL, [_integer(fd), _int8(0)])
    return _int_result(values, "ifx_lo_tell")


def truncate(session: Session, fd: int, size: int) -> Op[None]:
    yield from fastpath.call_typed(session, TRUNCATE, [_integer(fd), _int8(size)])


def size(session: Session, fd: int) -> Op[int]:
    """The LOB's length in bytes (``ifx_lo_stat``, read as ``IfxSmartBlob.IfxLoSize`` does)."""
    stat_size = _STAT_SIZE if session.wire.caps.long_identifiers else _SHORT_STAT_SIZE
    args = [_integer(fd), _udt(b"ifx_lo_stat", bytes(stat_size))]
    values = yield from fastpath.call_typed(session, STAT, args)
    if not values:
        raise ProtocolError("ifx_lo_stat returned nothing")
    stat = _udt_result(values[0], "ifx_lo_stat")
    if len(stat) < 4 + _STAT_SIZE_FIELD.size:
        raise ProtocolError(f"ifx_lo_stat returned {len(stat)} bytes")
    low, high, sign = _STAT_SIZE_FIELD.unpack_from(stat, 4)
    magnitude: int = (high << 32) | low
    return -magnitude if sign < 0 else magnitude


def deferred_close(session: Session, fd: int) -> bool:
    """Queue ``ifx_lo_close(fd)`` to go out with the next request (for a LOB dropped unclosed:
    no I/O, safe from a finalizer). False when its routine handle is not known yet."""
    handle = session.routines.get(CLOSE)
    if handle is None:
        return False
    session.wire.defer([m.ExecRoutine(handle, 1), m.Bind([_integer(fd)])])
    return True


# -- SQ_LODATA ----------------------------------------------------------------------------------


def read_into(session: Session, fd: int, view: memoryview) -> Op[int]:
    """Read up to ``len(view)`` bytes (at most ``REQUEST_SIZE``) at the fd's position into
    ``view``; how many came (0 at the end)."""
    wanted = min(len(view), REQUEST_SIZE)
    wire = session.wire
    yield from wire.send(wire.encode([m.LoData(LoOp.READ, fd, wanted, BUFFER_SIZE)]))
    filled = 0

    def sink(data: memoryview) -> None:
        nonlocal filled
        if filled + len(data) > wanted:
            raise ProtocolError(f"SQ_LODATA brought more than the {wanted} bytes asked for")
        view[filled : filled + len(data)] = data
        filled += len(data)

    yield from _reply(wire, sink)
    return filled


def write(session: Session, fd: int, data: memoryview) -> Op[int]:
    """Write ``data`` (at most ``REQUEST_SIZE`` bytes) at the fd's position; how many the server
    took."""
    if len(data) > REQUEST_SIZE:
        raise InterfaceError(f"one SQ_LODATA write takes at most {REQUEST_SIZE} bytes")
    wire = session.wire
    request = m.LoData(LoOp.WRITE, fd, len(data), BUFFER_SIZE, data=data)
    yield from wire.send(wire.encode([request]))
    written = yield from _reply(wire, None)
    if written < 0:
        info = m.SqlErrorInfo(_LOB_ERROR, written, 0, b"")
        error: DatabaseError = info.to_exception(session.encoding)
        raise error
    return written


def _reply(wire: Wire, sink: Callable[[memoryview], None] | None) -> Op[int]:
    """Read an SQ_LODATA reply to its SQ_EOT, handing each data chunk to ``sink`` as it arrives
    (the read buffer never holds more than a chunk of it); the reply's size. An SQ_ERR is raised
    after the EOT."""
    buffer = wire.buffer
    error: m.SqlErrorInfo | None = None
    size: int | None = None
    left = 0
    while True:
        r = buffer.reader()
        try:
            if left:
                start, n = read_chunk(r, left)
                if sink is not None:
                    with memoryview(buffer.data) as whole:
                        sink(whole[start : start + n])
                left -= n
            elif r.remaining >= 2 and r.data[r.pos : r.pos + 2] == _LODATA_TAG:
                r.pos += 2
                op, size = read_reply_head(r)
                if op != LoOp.WRITE and size < 1:
                    r.short()
                elif op != LoOp.WRITE:
                    if sink is None:
                        raise ProtocolError("SQ_LODATA data in the answer to a write")
                    left = size
            else:
                msg = read_reply_message(r, wire.caps)
                if type(msg) is m.Eot:
                    buffer.consume(r.pos)
                    break
                if type(msg) is m.SqlErrorInfo:
                    assert isinstance(msg, m.SqlErrorInfo)
                    error = error or (None if msg.is_warning else msg)
                elif type(msg) not in (m.Done, m.Cost, m.XactStat):
                    raise ProtocolError(f"unexpected {type(msg).__name__} in an SQ_LODATA reply")
            buffer.consume(r.pos)
        except Incomplete:
            yield None
    wire.pending -= 1
    if error is not None:
        raise error.to_exception(wire.encoding)
    if size is None:
        raise ProtocolError("the server answered SQ_LODATA without SQ_LODATA")
    return size


_LODATA_TAG = int(Tag.LODATA).to_bytes(2, "big")
