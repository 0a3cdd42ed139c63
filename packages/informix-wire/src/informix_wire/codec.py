"""Big-endian SQLI primitives: a Reader over received bytes and a Writer that builds one request.

Forms (IBM JDBC ``com.informix.asf.IfxDataInputStream`` / ``IfxDataOutputStream``, decompiled):

- short, int, long: 2, 4, 8 bytes, big-endian, signed.
- ``char``: ``[short len][bytes][one 0x00 pad byte if len is odd]`` (readChar / writeChar); every
  message after login keeps the stream 2-byte aligned this way.
- ``padded``: raw bytes plus one 0x00 when their length is odd (writePadded).
- ``cstr``: ``[short len+1][bytes][0x00]`` with no alignment pad; only the login PDU uses it
  (``com.informix.asf.Connection`` EncodeAscBinary).

A Reader that runs out of bytes raises :class:`Incomplete`; a streaming parser catches it, waits for
more input and parses the message again from its start. Anywhere else it is a
:class:`ProtocolError`.
"""

from __future__ import annotations

import builtins
import struct
from typing import Any

from informix_wire.errors import DataError, ProtocolError

_S16 = struct.Struct(">h")
_U16 = struct.Struct(">H")
_S32 = struct.Struct(">i")
_U32 = struct.Struct(">I")
_S64 = struct.Struct(">q")
_F32 = struct.Struct(">f")
_F64 = struct.Struct(">d")
_INT8 = struct.Struct(">hII")

Buffer = bytes | bytearray | memoryview


def _out_of_range(value: object, form: struct.Struct) -> DataError:
    return DataError(f"{value!r} does not fit a {form.size}-byte field")


class Incomplete(ProtocolError):
    """The bytes end inside a message: more input is needed (or, on a complete capture,
    truncation)."""


class Reader:
    """Reads SQLI primitives from ``data`` starting at ``pos``; never copies more than it
    returns."""

    __slots__ = ("data", "end", "pos")

    def __init__(
        self, data: Buffer, pos: builtins.int = 0, end: builtins.int | None = None
    ) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    @property
    def remaining(self) -> builtins.int:
        return self.end - self.pos

    def _need(self, n: builtins.int) -> builtins.int:
        pos = self.pos
        if pos + n > self.end:
            raise Incomplete(
                f"message truncated: {n} bytes needed at offset {pos}, {self.end - pos} left"
            )
        self.pos = pos + n
        return pos

    def unpack(self, form: struct.Struct) -> tuple[Any, ...]:
        """Several fixed-width fields at once with a precompiled ``struct.Struct`` (hot paths)."""
        return form.unpack_from(self.data, self._need(form.size))

    def short(self) -> builtins.int:
        return int(_S16.unpack_from(self.data, self._need(2))[0])

    def ushort(self) -> builtins.int:
        return int(_U16.unpack_from(self.data, self._need(2))[0])

    def int(self) -> builtins.int:
        return int(_S32.unpack_from(self.data, self._need(4))[0])

    def uint(self) -> builtins.int:
        return int(_U32.unpack_from(self.data, self._need(4))[0])

    def long(self) -> builtins.int:
        return int(_S64.unpack_from(self.data, self._need(8))[0])

    def byte(self) -> builtins.int:
        return int(self.data[self._need(1)])

    def float32(self) -> float:
        return float(_F32.unpack_from(self.data, self._need(4))[0])

    def float64(self) -> float:
        return float(_F64.unpack_from(self.data, self._need(8))[0])

    def raw(self, n: builtins.int) -> bytes:
        if n < 0:
            raise ProtocolError(f"negative length {n} at offset {self.pos}")
        start = self._need(n)
        return bytes(self.data[start : start + n])

    def skip(self, n: builtins.int) -> None:
        if n < 0:
            raise ProtocolError(f"negative length {n} at offset {self.pos}")
        self._need(n)

    def pad(self, n: builtins.int) -> None:
        """Skip the alignment byte that follows ``n`` odd-length bytes."""
        if n & 1:
            self._need(1)

    def padded(self, n: builtins.int) -> bytes:
        """``n`` raw bytes and their alignment pad."""
        value = self.raw(n)
        self.pad(n)
        return value

    def char(self) -> bytes:
        """A ``[short len][bytes][pad]`` field."""
        n = self.short()
        if n < 0:
            raise ProtocolError(f"negative char length {n} at offset {self.pos - 2}")
        return self.padded(n)

    def char4(self, limit: builtins.int = 0x7FFFFFFF, what: str = "int-length string") -> bytes:
        """An ``[int len][bytes][pad]`` field (JDBC getJavaToIfx4BytesChar + writeChar), ``len <=
        limit``."""
        n = self.bounded(self.int(), limit, what)
        return self.padded(n)

    def int8(self) -> builtins.int | None:
        """A 10-byte INT8 (JDBC JavaToIfxLongInt): ``[short sign][u32 low][u32 high]``; sign 0 is
        NULL."""
        start = self._need(10)
        sign, low, high = _INT8.unpack_from(self.data, start)
        if sign == 0:
            return None
        magnitude: builtins.int = high << 32 | low
        return -magnitude if sign < 0 else magnitude

    def cstr(self) -> bytes:
        """A login-PDU ``[short len+1][bytes][0x00]`` field, returned without its NUL."""
        n = self.short()
        if n < 0:
            raise ProtocolError(f"negative cstr length {n} at offset {self.pos - 2}")
        value = self.raw(n)
        return value[:-1] if value.endswith(b"\0") else value

    def bounded(self, value: builtins.int, limit: builtins.int, what: str) -> builtins.int:
        """Check a length read from the peer against ``limit`` before anything is allocated for
        it."""
        if value < 0 or value > limit:
            raise ProtocolError(f"{what} of {value} bytes is out of bounds (0..{limit})")
        return value


class Writer:
    """Builds one request in memory so that it leaves in a single send."""

    __slots__ = ("buf",)

    def __init__(self) -> None:
        self.buf = bytearray()

    def __len__(self) -> builtins.int:
        return len(self.buf)

    def getvalue(self) -> bytes:
        return bytes(self.buf)

    def short(self, value: builtins.int) -> Writer:
        try:
            self.buf += _S16.pack(value)
        except struct.error:
            raise _out_of_range(value, _S16) from None
        return self

    def ushort(self, value: builtins.int) -> Writer:
        try:
            self.buf += _U16.pack(value)
        except struct.error:
            raise _out_of_range(value, _U16) from None
        return self

    def int(self, value: builtins.int) -> Writer:
        try:
            self.buf += _S32.pack(value)
        except struct.error:
            raise _out_of_range(value, _S32) from None
        return self

    def uint(self, value: builtins.int) -> Writer:
        try:
            self.buf += _U32.pack(value)
        except struct.error:
            raise _out_of_range(value, _U32) from None
        return self

    def long(self, value: builtins.int) -> Writer:
        try:
            self.buf += _S64.pack(value)
        except struct.error:
            raise _out_of_range(value, _S64) from None
        return self

    def byte(self, value: builtins.int) -> Writer:
        self.buf.append(value)
        return self

    def float32(self, value: float) -> Writer:
        self.buf += _F32.pack(value)
        return self

    def float64(self, value: float) -> Writer:
        self.buf += _F64.pack(value)
        return self

    def raw(self, data: Buffer) -> Writer:
        self.buf += data
        return self

    def padded(self, data: Buffer) -> Writer:
        """Raw bytes and one 0x00 if their length is odd (JDBC writePadded)."""
        self.buf += data
        if len(data) & 1:
            self.buf.append(0)
        return self

    def char(self, data: Buffer) -> Writer:
        """``[short len][bytes][pad]`` (JDBC writeChar)."""
        if len(data) > 0x7FFF:
            raise DataError(f"char field of {len(data)} bytes exceeds 32767")
        self.buf += _S16.pack(len(data))
        return self.padded(data)

    def char4(self, data: Buffer) -> Writer:
        """``[int len][bytes][pad]`` (JDBC getJavaToIfx4BytesChar + writeChar)."""
        self.buf += _S32.pack(len(data))
        return self.padded(data)

    def int8(self, value: builtins.int | None) -> Writer:
        """10-byte INT8 (JDBC JavaToIfxLongInt); ``None`` writes the NULL form (sign 0)."""
        if value is None:
            self.buf += bytes(10)
            return self
        magnitude = -value if value < 0 else value
        if magnitude > 0xFFFFFFFFFFFFFFFF:
            raise DataError(f"INT8 value {value} does not fit in 64 bits")
        self.buf += _INT8.pack(-1 if value < 0 else 1, magnitude & 0xFFFFFFFF, magnitude >> 32)
        return self

    def cstr(self, data: Buffer) -> Writer:
        """Login-PDU ``[short len+1][bytes][0x00]``, unpadded."""
        if len(data) >= 0x7FFF:
            raise DataError(f"login string of {len(data)} bytes is too long")
        self.buf += _S16.pack(len(data) + 1)
        self.buf += data
        self.buf.append(0)
        return self
