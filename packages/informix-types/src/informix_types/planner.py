"""Row decoders and encoders, planned once per result shape (one DESCRIBE).

``row_decoder`` compiles a function for the column list: runs of fixed-width columns are read with
one precompiled ``struct.Struct`` each, variable-width columns inline, and every cell is turned into
its Python value by an expression chosen at planning time, so no code asks "what type is this
column?" per row. A shape whose columns are all plain integers/floats returns the unpacked tuple
itself unless a NULL sentinel is present.

The generated source is built from fixed templates and column positions only; no text that came
over the wire reaches it (converters are passed in as objects).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import Any

from informix_types.codecs import ENVELOPE, FIXED, SELF, ColumnCodec, codec_for
from informix_wire.errors import DataError, ProtocolError
from informix_wire.messages.describe import Column

RowDecoder = Callable[[bytes | bytearray | memoryview], tuple[Any, ...]]
RowEncoder = Callable[[Sequence[object]], bytes]

_ENVELOPE_HEAD = struct.Struct(">Bi")
#: Errors a converter or a malformed payload can raise while a row is decoded.
_DECODE_ERRORS = (
    struct.error,
    IndexError,
    ValueError,
    UnicodeDecodeError,
    OverflowError,
    TypeError,
)


def row_decoder(columns: Sequence[Column], encoding: str) -> RowDecoder:
    """A function from one SQ_TUPLE payload to a tuple of Python values (None for NULL).

    It raises ProtocolError when the payload is shorter or longer than the columns need and
    DataError when a value is malformed.
    """
    codecs = [codec_for(column, encoding) for column in columns]
    return _compile(codecs, _shape_text(columns))


def row_encoder(columns: Sequence[Column], encoding: str) -> RowEncoder:
    """A function from one row of Python values to its SQ_TUPLE payload, laid out as a server
    does (the test server's side of ``row_decoder``)."""
    encoders = [codec_for(column, encoding).encode for column in columns]
    count = len(encoders)

    def encode_row(values: Sequence[object]) -> bytes:
        if len(values) != count:
            raise DataError(f"row of {len(values)} values for {count} columns")
        return b"".join([enc(v) for enc, v in zip(encoders, values, strict=True)])

    return encode_row


def _shape_text(columns: Sequence[Column]) -> str:
    return ", ".join(f"{c.name.decode('latin-1')}:{c.type}/{c.encoded_length}" for c in columns)


def _compile(codecs: list[ColumnCodec], shape: str) -> RowDecoder:
    names: dict[str, Any] = {
        "DataError": DataError,
        "ProtocolError": ProtocolError,
        "_ERRORS": _DECODE_ERRORS,
        "_ENV": _ENVELOPE_HEAD.unpack_from,
        "_SHAPE": shape,
    }
    fast = _all_plain_numbers(codecs)
    if fast is not None:
        return fast
    body: list[str] = []
    static = 0  # offset while it is still known at planning time
    dynamic = False  # after the first variable-width column, the offset lives in ``o``
    run: list[int] = []

    def offset_expr() -> str:
        return "o" if dynamic else str(static)

    def flush() -> None:
        nonlocal static
        if not run:
            return
        form = struct.Struct(">" + "".join(codecs[i].fmt for i in run))
        names[f"_S{run[0]}"] = form.unpack_from
        targets = ", ".join(f"c{i}" for i in run) + ","
        body.append(f"{targets} = _S{run[0]}(p, {offset_expr()})")
        if dynamic:
            body.append(f"o += {form.size}")
        else:
            static += form.size
        run.clear()

    for i, codec in enumerate(codecs):
        if codec.layout == FIXED:
            run.append(i)
            continue
        flush()
        if not dynamic:
            body.append(f"o = {static}")
            dynamic = True
        if codec.layout == SELF:
            names[f"_R{i}"] = codec.read
            body.append(f"c{i}, o = _R{i}(p, o)")
        elif codec.layout == ENVELOPE:
            body.append(f"f{i}, n{i} = _ENV(p, o)")
            body.append(f"c{i} = p[o + 5:o + 5 + n{i}]")
            body.append(f"o += 5 + n{i}")
        else:
            body.append(f"n{i} = p[o]")
            body.append(f"c{i} = p[o + 1:o + 1 + n{i}]")
            body.append(f"o += 1 + n{i}")
    flush()
    end = "o" if dynamic else str(static)
    cells = []
    for i, codec in enumerate(codecs):
        names[f"_C{i}"] = codec.convert
        if codec.layout == SELF:
            cells.append(f"c{i}")
        elif codec.layout == ENVELOPE:
            cells.append(f"None if f{i} else _C{i}(c{i})")
        elif codec.layout != FIXED:
            cells.append(f"None if n{i} == 1 and c{i}[0] == 0 else _C{i}(c{i})")
        elif codec.convert is not None:
            cells.append(f"_C{i}(c{i})")
        elif codec.sentinel is not None:
            cells.append(f"None if c{i} == {codec.sentinel!r} else c{i}")
        else:
            cells.append(f"c{i}")
    lines = ["def decode_row(p):"]
    if not dynamic:
        lines.append(f"    if len(p) != {static}:")
        lines.append("        raise ProtocolError(_length_message(len(p), " + f"{static}, _SHAPE))")
    lines.append("    try:")
    lines += [f"        {line}" for line in body]
    if dynamic:
        lines.append(f"        if {end} != len(p):")
        lines.append(f"            raise ProtocolError(_length_message(len(p), {end}, _SHAPE))")
    lines.append(f"        return ({', '.join(cells)}{',' if len(cells) == 1 else ''})")
    lines.append("    except _ERRORS as exc:")
    lines.append("        raise DataError(f'malformed row for ({_SHAPE}): {exc}') from None")
    names["_length_message"] = _length_message
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), f"<row decoder {shape[:60]}>", "exec"), names, namespace)
    decoder: RowDecoder = namespace["decode_row"]
    return decoder


def _length_message(got: int, expected: int, shape: str) -> str:
    return f"SQ_TUPLE payload of {got} bytes where the columns ({shape}) take {expected}"


def _all_plain_numbers(codecs: list[ColumnCodec]) -> RowDecoder | None:
    """For rows of SMALLINT/INT/BIGINT only: unpack the whole payload in one call and only fix NULL
    sentinels when one is present."""
    if not codecs or any(
        c.layout != FIXED or c.fmt not in ("h", "i", "q") or c.convert is not None for c in codecs
    ):
        return None
    form = struct.Struct(">" + "".join(c.fmt for c in codecs))
    unpack = form.unpack
    sentinels = tuple(sorted({c.sentinel for c in codecs}, key=repr))
    per_column = [c.sentinel for c in codecs]
    size = form.size
    shape = ", ".join(c.kind.value for c in codecs)

    def fix(values: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(None if v == s else v for v, s in zip(values, per_column, strict=True))

    if len(sentinels) == 1:
        only = sentinels[0]

        def decode_row(p: bytes | bytearray | memoryview) -> tuple[Any, ...]:
            try:
                values: tuple[Any, ...] = unpack(p)
            except struct.error:
                raise ProtocolError(_length_message(len(p), size, shape)) from None
            if only in values:
                return fix(values)
            return values

        return decode_row

    def decode_mixed(p: bytes | bytearray | memoryview) -> tuple[Any, ...]:
        try:
            values: tuple[Any, ...] = unpack(p)
        except struct.error:
            raise ProtocolError(_length_message(len(p), size, shape)) from None
        for s in sentinels:
            if s in values:
                return fix(values)
        return values

    return decode_mixed
