"""The I/O-free cursor logic both drivers share (``_core.cursor_state``): parameter rows of
executemany, callproc's SQL, forward-only scroll steps, the blob read outcome."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from informix_db._core.cursor_state import (
    BlobRead,
    ParameterRows,
    UnreadableRow,
    blob_write_channel,
    forward_steps,
    parameter_sequence,
    procedure_call,
)
from informix_wire.errors import (
    DataError,
    InterfaceError,
    NotSupportedError,
    ProgrammingError,
)


def test_parameter_sequence_accepts_sequences_only() -> None:
    assert parameter_sequence(None) == ()
    assert parameter_sequence([1, 2]) == [1, 2]
    for bad in ("ab", b"ab", bytearray(b"x"), {1: 2}, 5, {1, 2}):
        with pytest.raises(ProgrammingError):
            parameter_sequence(bad)


def test_parameter_rows_turn_a_failing_source_into_an_unreadable_row() -> None:
    def source() -> Iterator[object]:
        yield (1,)
        yield [2, 3]
        raise KeyError("gone")

    rows = ParameterRows(source())
    assert next(rows) == (1,)
    assert next(rows) == [2, 3]
    bad = next(rows)
    assert isinstance(bad, UnreadableRow)
    with pytest.raises(ProgrammingError, match="could not be read") as info:
        len(bad)
    assert isinstance(info.value.__cause__, KeyError)
    with pytest.raises(ProgrammingError):
        bad[0]
    with pytest.raises(StopIteration):  # nothing is read after a failed row
        next(rows)


def test_parameter_rows_keep_driver_errors_and_refuse_non_sequences() -> None:
    error = DataError("bad value")

    def source() -> Iterator[object]:
        yield "not a row"
        raise error

    rows = ParameterRows(source())
    with pytest.raises(ProgrammingError, match="sequence"):
        len(next(rows))
    with pytest.raises(ProgrammingError, match="iterable"):
        ParameterRows(42)  # type: ignore[arg-type]
    failing = ParameterRows(_raising(error))
    with pytest.raises(DataError) as info:
        len(next(failing))
    assert info.value is error


def _raising(error: Exception) -> Iterator[object]:
    raise error
    yield  # a generator


def test_parameter_rows_stop_when_told() -> None:
    rows = ParameterRows([(1,), (2,), (3,)])
    assert next(rows) == (1,)
    rows.stopped = True
    assert list(rows) == []


def test_procedure_call_sql() -> None:
    assert procedure_call("add", (1, 2)) == ("EXECUTE PROCEDURE add(?, ?)", (1, 2))
    assert procedure_call("db:owner.p", []) == ("EXECUTE PROCEDURE db:owner.p()", [])
    for bad in ("x; DROP TABLE y", "", "a b", 7):
        with pytest.raises(ProgrammingError):
            procedure_call(bad, ())  # type: ignore[arg-type]


def test_forward_steps() -> None:
    assert forward_steps(3, "relative", 2) == 3
    assert forward_steps(5, "absolute", 2) == 3
    assert forward_steps(5, "absolute", None) == 5
    with pytest.raises(NotSupportedError):
        forward_steps(-1, "relative", 4)
    with pytest.raises(NotSupportedError):
        forward_steps(1, "absolute", 4)
    with pytest.raises(ProgrammingError):
        forward_steps(1, "sideways", 0)


def test_blob_read_outcome() -> None:
    reading = BlobRead(None)
    assert reading.channel.sink is not None
    reading.channel.sink.write(b"value")
    assert reading.outcome(("file",)) == b"value"
    assert reading.outcome((None,)) is None
    assert reading.outcome(None) is None
    target = io.BytesIO(b"head")
    target.seek(4)
    into = BlobRead(target)
    assert into.channel.sink is not None
    into.channel.sink.write(b"12345")
    assert into.outcome(("file",)) == 5
    into.stop()
    assert into.channel.sink is None
    assert target.getvalue() == b"head12345"


def test_blob_write_channel_refuses_a_bad_source() -> None:
    assert blob_write_channel(b"abc").source == b"abc"
    with pytest.raises(InterfaceError):
        blob_write_channel(object())  # type: ignore[arg-type]
