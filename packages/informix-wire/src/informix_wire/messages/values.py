"""How long one typed value is on the wire, in SQ_BIND parameter blocks and SQ_FPROUTINE results.

The data of a non-NULL value is exactly the bytes JDBC's ``IfxXxx.toIfx()`` returns, followed by one
0x00 when their length is odd (``IfxSqli.sendBind`` writes it with ``writePadded``;
``receiveFastPath`` reads the same framing back). A parser must know the type to find where the
value ends:

===========================================  ===================================================
types                                        data (JDBC source)
===========================================  ===================================================
CHAR 0, VARCHAR 13, NCHAR 15, NVCHAR 16      ``[short len][bytes]`` (IfxChar/IfxVarChar.toIfx)
SMALLINT 1                                   2 bytes (IfxShort)
INT 2, SERIAL 6, DATE 7, SMALLFLOAT 4        4 bytes (IfxInteger, IfxDate, IfxSmallFloat)
FLOAT 3, BIGINT 52, BIGSERIAL 53             8 bytes (IfxFloat, IfxBigInt)
INT8 17, SERIAL8 18                          10 bytes (IfxInt8, JavaToIfxLongInt)
DECIMAL 5, MONEY 8, DATETIME 10, INTERVAL 14 ``[short len][bytes]`` (JavaToIfxDecimal/DateTime/
                                             Interval; IfxDataInputStream.readDecimal)
BYTE 11, TEXT 12                             a 56-byte blob descriptor (IfxBlob.toIfx)
UDTVAR 40, UDTFIXED 41, LVARCHAR 43,         ``[int len][bytes]`` (IfxBaseType.toIfx,
SENDRECV 44, BOOL 45, IMPEXP 46/47           IfxLvarchar.toIfx; receiveFastPath 40/41/44)
===========================================  ===================================================

ROW and collection parameters go as SENDRECV 44 holding the binary complex form (JDBC
IfxComplexOutput; built by informix_types.composite_binary). A value typed 19-23 itself is never
sent by JDBC, so its framing is not pinned: it raises NotSupportedError rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from informix_wire.codec import Reader, Writer
from informix_wire.errors import InterfaceError, NotSupportedError, ProtocolError


@dataclass(slots=True)
class TypedValue:
    """A typed value as BIND blocks and fast-path results carry it; ``data`` is None for NULL and
    otherwise the bytes ``values.read_value`` returns (length prefix included, pad excluded)."""

    type: int
    data: bytes | None
    precision: int = 0
    owner: bytes = b""
    type_name: bytes = b""
    indicator: int = 0


#: Fixed data widths by base type.
FIXED_WIDTH = {1: 2, 2: 4, 4: 4, 6: 4, 7: 4, 3: 8, 52: 8, 53: 8, 17: 10, 18: 10, 11: 56, 12: 56}
#: Types whose data starts with a short length.
SHORT_LENGTH = frozenset({0, 13, 15, 16, 5, 8, 10, 14})
#: Types whose data starts with an int length.
INT_LENGTH = frozenset({40, 41, 43, 44, 45, 46, 47})
#: Largest int-length value accepted from a peer (an LVARCHAR/UDT is at most 2 GB; we cap lower).
MAX_VALUE = 64 * 1024 * 1024


def read_value(r: Reader, sqltype: int) -> bytes:
    """The data of one non-NULL value of base type ``sqltype`` (length prefix included), pad
    skipped."""
    base = sqltype & 0xFF
    width = FIXED_WIDTH.get(base)
    if width is not None:
        return r.padded(width)
    start = r.pos
    if base in SHORT_LENGTH:
        n = r.short()
        if n < 0:
            raise ProtocolError(f"negative value length {n} at offset {start}")
        r.skip(n)
    elif base in INT_LENGTH:
        r.skip(r.bounded(r.int(), MAX_VALUE, "value"))
    else:
        raise NotSupportedError(f"no wire framing known for values of SQL type {base}")
    end = r.pos
    r.pad(end - start)
    return bytes(r.data[start:end])


def write_value(w: Writer, sqltype: int, data: bytes) -> None:
    """Write ``data`` (as ``read_value`` returns it) with its pad, checking it fits the type's
    framing."""
    base = sqltype & 0xFF
    width = FIXED_WIDTH.get(base)
    if width is not None:
        if len(data) != width:
            raise InterfaceError(f"SQL type {base} takes {width} data bytes, got {len(data)}")
    elif base in SHORT_LENGTH:
        if len(data) < 2 or int.from_bytes(data[:2], "big") != len(data) - 2:
            raise InterfaceError(f"SQL type {base} data must start with its short length")
    elif base in INT_LENGTH:
        if len(data) < 4 or int.from_bytes(data[:4], "big") != len(data) - 4:
            raise InterfaceError(f"SQL type {base} data must start with its int length")
    else:
        raise NotSupportedError(f"no wire framing known for values of SQL type {base}")
    w.padded(data)


def bind_has_type_name(sqltype: int) -> bool:
    """A BIND block of this type carries ``[char owner][char name]`` (with USVER): JDBC ``sendBind``
    checks base type > 18 except BIGINT 52 and BIGSERIAL 53."""
    base = sqltype & 0xFF
    return base > 18 and base not in (52, 53)


def result_has_type_name(sqltype: int) -> bool:
    """An SQ_FPROUTINE value of this type carries ``[char owner][char name]``: JDBC
    ``receiveFastPath`` checks base type >= 18 except 52/53, or the distinct flag 0x800."""
    base = sqltype & 0xFF
    return (base >= 18 and base not in (52, 53)) or bool(sqltype & 0x800)
