"""Golden vectors from IBM's own codec classes (JDBC 4.50.10.1): our encoders produce the bytes
IBM's classes produce, and IBM's decoders read our bytes as the values we mean.

``java/TypeVectors.java`` answers one request per line (see its header). Formats IBM's classes
cannot produce this way are pinned elsewhere: VARCHAR/CHAR/LVARCHAR tuple framing, BOOLEAN,
BLOB/CLOB envelopes and ROW/collection text come from sqli-facts §2.8 and §3 (test_tuples.py).
The test skips only when Java or the jar is unavailable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from informix_types import IntervalYM, bind_as, bind_value, decimals, temporal
from informix_types.packed import tuple_width
from informix_wire.messages.values import TypedValue
from informix_wire.typecodes import TypeCode

ifxjdbc = pytest.importorskip("ifxjdbc")

JAVA = Path(__file__).parent / "java" / "TypeVectors.java"


Jdbc = Callable[[list[str]], list[str]]


@pytest.fixture(scope="module")
def jdbc() -> Jdbc:
    """Send every request in one JVM run; returns a function from requests to answers."""
    try:
        classes = ifxjdbc.compile_java([JAVA])
    except ifxjdbc.JdbcUnavailable as exc:
        pytest.skip(f"Java/JDBC unavailable: {exc}")

    def ask(requests: list[str]) -> list[str]:
        done = ifxjdbc.run_java(classes, "TypeVectors", input_text="\n".join(requests) + "\n")
        lines = done.stdout.splitlines()
        assert len(lines) == len(requests), done.stderr[-2000:]
        answers = []
        for request, line in zip(requests, lines, strict=True):
            assert line.startswith("ok "), f"{request}: {line}"
            answers.append(line[3:])
        return answers

    return ask


def _hex(data: bytes | None) -> str:
    assert data is not None
    return data.hex()


DECIMALS = [
    "0",
    "0.00",
    "1",
    "-1",
    "1.50",
    "1.500",
    "-0.50",
    "12345.67",
    "-12345.67",
    "100",
    "-100",
    "0.001",
    "-0.001",
    "99999999999999999999999999999999",
    "-99999999999999999999999999999999",
    "1.2345678901234567890123456789012",
    "1E-31",
    "-7E-31",
    "123456789012345678.9",
]
# one value per scale 0..31, both signs
DECIMALS += [str(Decimal(123456789).scaleb(-s)) for s in range(32)]
DECIMALS += [str(-Decimal(98765).scaleb(-s)) for s in range(32)]


def test_decimal_bind_bytes_and_scale_match_jdbc(jdbc: Jdbc) -> None:
    answers = jdbc([f"dec_bind {v}" for v in DECIMALS])
    for text, answer in zip(DECIMALS, answers, strict=True):
        expected_hex, expected_scale = answer.split()
        bound = bind_value(Decimal(text), "utf-8")
        assert bound.type == TypeCode.DECIMAL
        assert (_hex(bound.data), bound.precision) == (expected_hex, int(expected_scale)), text


COLUMNS = [(10, 2), (12, 2), (16, 0), (32, 31), (31, 1), (5, 5), (8, 3), (32, 0), (16, 255)]


def _scale(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


def _column_cases() -> list[tuple[int, str]]:
    cases = []
    for precision, scale in COLUMNS:
        word = precision << 8 | scale
        integer_digits = precision - (0 if scale == 255 else scale)
        for text in ("0", "1.5", "-1.5", "0.01", "-0.07", "9" * min(integer_digits, 10)):
            if not text or (scale != 255 and _scale(Decimal(text)) > scale):
                continue
            if integer_digits <= 0 and abs(Decimal(text)) >= 1:
                continue
            cases.append((word, text))
    return cases


def test_decimal_column_tuples_match_jdbc(jdbc: Jdbc) -> None:
    cases = [(w, t) for w, t in _column_cases() if w & 0xFF != 255]
    answers = jdbc([f"dec_tuple {w} {t}" for w, t in cases])
    for (word, text), answer in zip(cases, answers, strict=True):
        assert decimals.to_tuple(Decimal(text), word).hex() == answer, (hex(word), text)


def test_jdbc_reads_our_decimal_tuples(jdbc: Jdbc) -> None:
    cases = _column_cases()
    tuples = [decimals.to_tuple(Decimal(t), w) for w, t in cases]
    answers = jdbc(
        [f"dec_read {w} {data.hex()}" for (w, _), data in zip(cases, tuples, strict=True)]
    )
    for (word, text), data, answer in zip(cases, tuples, answers, strict=True):
        ours = decimals.decode(data, word & 0xFF)
        assert ours == Decimal(text) == Decimal(answer), (hex(word), text)
        if word & 0xFF != 255:
            assert ours is not None
            assert _scale(ours) == word & 0xFF  # keeps its scale


def test_decimals_from_jdbc_decode_to_their_values(jdbc: Jdbc) -> None:
    # JDBC's legacy com.informix.lang.Decimal(String) misreads exponents and values below
    # 1E-30 (0.0000000000000000000000000000001 comes back as 10000), so those are left out;
    # IfxDecimal, the class binds use, handles them (test_decimal_bind_bytes_and_scale...).
    values = [v for v in DECIMALS if Decimal(v).adjusted() > -30]
    answers = jdbc([f"dec_lang {Decimal(v):f}" for v in values])
    for text, answer in zip(values, answers, strict=True):
        data = bytes.fromhex(answer)
        assert decimals.decode(data[2:]) == Decimal(text)


DATES = [
    "1899-12-31",
    "1900-01-01",
    "1970-01-01",
    "2000-02-29",
    "2024-01-02",
    "9999-12-31",
    "1600-03-01",
    "1899-01-01",
]


def test_dates_match_jdbc(jdbc: Jdbc) -> None:
    answers = jdbc([f"date {d}" for d in DATES])
    ours = [bind_value(dt.date.fromisoformat(d), "utf-8") for d in DATES]
    assert [_hex(v.data) for v in ours] == answers
    back = jdbc([f"date_read {_hex(v.data)}" for v in ours])
    assert back == DATES


TIMESTAMPS = [
    dt.datetime(2024, 1, 2, 3, 4, 5, 123450),
    dt.datetime(1999, 12, 31, 23, 59, 59, 999990),
    dt.datetime(2000, 1, 1),
    dt.datetime(1900, 1, 1, 0, 0, 1),
    dt.datetime(2024, 2, 29, 12, 0, 0, 500000),
]


def test_datetime_binds_match_jdbc_timestamps(jdbc: Jdbc) -> None:
    answers = jdbc([f"ts {t.isoformat(sep=' ')}" for t in TIMESTAMPS])
    for value, answer in zip(TIMESTAMPS, answers, strict=True):
        bound = bind_value(value, "utf-8")
        assert (bound.type, bound.precision) == (TypeCode.DATETIME, 0x130F)
        assert _hex(bound.data) == answer, value


def test_time_binds_match_jdbc_times(jdbc: Jdbc) -> None:
    times = [dt.time(1, 2, 3), dt.time(0, 0, 0), dt.time(23, 59, 59), dt.time(0, 4, 5)]
    answers = jdbc([f"time {t.isoformat()}" for t in times])
    assert [_hex(bind_value(t, "utf-8").data) for t in times] == answers


UNITS = [
    temporal.YEAR,
    temporal.MONTH,
    temporal.DAY,
    temporal.HOUR,
    temporal.MINUTE,
    temporal.SECOND,
]
ENDS = [*UNITS, 11, 12, 13, 14, 15]
SAMPLE = dt.datetime(2024, 7, 8, 9, 0, 5, 123450)
LEADING_ZERO = dt.datetime(2024, 1, 2, 0, 0, 5, 60)


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _expected_fields(value: dt.datetime, start: int, end: int) -> list[int]:
    parts = {
        temporal.YEAR: value.year,
        temporal.MONTH: value.month,
        temporal.DAY: value.day,
        temporal.HOUR: value.hour,
        temporal.MINUTE: value.minute,
        temporal.SECOND: value.second,
    }
    fields = [parts[u] for u in UNITS if start <= u <= min(end, temporal.SECOND)]
    if end > temporal.SECOND:
        fields.append(value.microsecond // 10 ** (6 - (end - temporal.SECOND)))
    return fields


def test_jdbc_reads_our_datetimes_for_every_qualifier(jdbc: Jdbc) -> None:
    cases = []
    for start in UNITS:
        for end in ENDS:
            if end < start:
                continue
            word = temporal.datetime_qualifier(start, end)
            for value in (SAMPLE, LEADING_ZERO):
                for normalize in (False, True):
                    data = temporal.encode_datetime(value, word, normalize=normalize)
                    data += bytes(tuple_width(word) - len(data))
                    cases.append((word, value, data))
    answers = jdbc([f"dt_read {w} {d.hex()}" for w, _, d in cases])
    for (word, value, data), answer in zip(cases, answers, strict=True):
        q = temporal.Qualifier.of(word)
        expected = _expected_fields(value, q.start, q.end)
        assert _numbers(answer) == expected, (temporal.qualifier_text(word, False), answer)
        ours = temporal.decode_datetime(data, word)
        assert _fields_of(ours, q) == expected


def _fields_of(value: object, q: temporal.Qualifier) -> list[int]:
    as_dt = value
    if isinstance(value, dt.time):
        as_dt = dt.datetime.combine(dt.date(2000, 1, 1), value)
    elif not isinstance(value, dt.datetime):
        assert isinstance(value, dt.date)
        as_dt = dt.datetime.combine(value, dt.time())
    assert isinstance(as_dt, dt.datetime)
    return _expected_fields(as_dt, q.start, q.end)


DF_STARTS = [temporal.DAY, temporal.HOUR, temporal.MINUTE, temporal.SECOND]
DF_VALUES = [
    dt.timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=780000),
    -dt.timedelta(days=1, seconds=5),
    dt.timedelta(seconds=59, microseconds=10),
    dt.timedelta(0),
]


def _leading_fits(value: dt.timedelta, start: int, leading: int) -> bool:
    unit = {temporal.DAY: 86400, temporal.HOUR: 3600, temporal.MINUTE: 60}.get(start, 1)
    return bool(abs(value.total_seconds()) // unit < 10**leading)


def _df_cases() -> list[tuple[int, dt.timedelta]]:
    cases = []
    for start in DF_STARTS:
        for end in [e for e in ENDS if e >= start]:
            for leading in (2, 5, 9):
                word = temporal.interval_qualifier(start, end, leading)
                cases += [(word, v) for v in DF_VALUES if _leading_fits(v, start, leading)]
    return cases


def test_day_to_fraction_intervals_match_jdbc(jdbc: Jdbc) -> None:
    cases = _df_cases()
    requests = []
    for word, value in cases:
        total_us = (value.days * 86400 + value.seconds) * 10**6 + value.microseconds
        seconds = int(total_us / 10**6)  # JDBC keeps seconds and nanos with the same sign
        nanos = (total_us - seconds * 10**6) * 1000
        requests.append(f"idf {seconds} {nanos} {word}")
    answers = jdbc(requests)
    for (word, value), answer in zip(cases, answers, strict=True):
        bound = bind_as(value, TypeCode.INTERVAL, "utf-8", word)
        assert _hex(bound.data) == answer, (temporal.qualifier_text(word, True), value)


def test_jdbc_reads_our_intervals(jdbc: Jdbc) -> None:
    cases: list[tuple[int, object]] = list(_df_cases())
    for leading in (1, 4, 9):
        for start, end in (
            (temporal.YEAR, temporal.MONTH),
            (temporal.YEAR, temporal.YEAR),
            (temporal.MONTH, temporal.MONTH),
        ):
            word = temporal.interval_qualifier(start, end, leading)
            for months in (27, -27, 0, 12 * 7, -1):
                if abs(months) // (12 if start == temporal.YEAR else 1) >= 10**leading:
                    continue
                if end == temporal.YEAR:
                    months -= months % 12 if months >= 0 else -(-months % 12)
                cases.append((word, IntervalYM.from_months(months)))
    tuples = []
    for word, value in cases:
        data = temporal.encode_interval(value, word, normalize=True)
        tuples.append(data + bytes(tuple_width(word) - len(data)))
    answers = jdbc([f"iv_read {w} {d.hex()}" for (w, _), d in zip(cases, tuples, strict=True)])
    for (word, value), data, answer in zip(cases, tuples, answers, strict=True):
        decoded = temporal.decode_interval(data, word)
        if isinstance(value, IntervalYM):
            assert answer == f"ym {value.total_months}"
            assert decoded == value
            continue
        assert isinstance(value, dt.timedelta)
        assert isinstance(decoded, dt.timedelta)
        q = temporal.Qualifier.of(word)
        seconds_step = {temporal.DAY: 86400, temporal.HOUR: 3600, temporal.MINUTE: 60}.get(q.end, 1)
        kept = _truncate(value, seconds_step if q.end <= temporal.SECOND else 0, q)
        kind, seconds, nanos = answer.split()
        assert kind == "df"
        assert dt.timedelta(seconds=int(seconds), microseconds=int(nanos) // 1000) == kept
        assert decoded == kept


def _truncate(value: dt.timedelta, step: int, q: temporal.Qualifier) -> dt.timedelta:
    """``value`` with the units below the qualifier's end dropped (toward zero)."""
    total = (value.days * 86400 + value.seconds) * 10**6 + value.microseconds
    unit = step * 10**6 if step else 10 ** (6 - q.fraction_digits)
    sign = -1 if total < 0 else 1
    return dt.timedelta(microseconds=sign * (abs(total) // unit * unit))


def test_year_month_intervals_match_jdbc(jdbc: Jdbc) -> None:
    cases = []
    for leading in (1, 4, 9):
        for start, end in ((temporal.YEAR, temporal.MONTH), (temporal.MONTH, temporal.MONTH)):
            for months in (27, -27, 0, 5, -1):
                if abs(months) // (12 if start == temporal.YEAR else 1) >= 10**leading:
                    continue
                cases.append((temporal.interval_qualifier(start, end, leading), months))
    answers = jdbc([f"iym {m} {w}" for w, m in cases])
    for (word, months), answer in zip(cases, answers, strict=True):
        bound = bind_as(IntervalYM.from_months(months), TypeCode.INTERVAL, "utf-8", word)
        assert _hex(bound.data) == answer, (temporal.qualifier_text(word, True), months)
    default = bind_value(IntervalYM(2, 3), "utf-8")
    assert _hex(default.data) == jdbc([f"iym 27 {temporal.INTERVAL_YM_FULL}"])[0]


INTS = [0, 1, -1, 2**31 - 1, -(2**31) + 1, 2**63 - 1, -(2**63) + 1, 4294967296, -4294967297]


def test_int8_matches_jdbc(jdbc: Jdbc) -> None:
    answers = jdbc([f"int8 {v}" for v in INTS])
    for value, answer in zip(INTS, answers, strict=True):
        assert _hex(bind_as(value, TypeCode.INT8, "utf-8").data) == answer
    back = jdbc([f"int8_read {a}" for a in answers])
    assert [int(b) for b in back] == INTS


def test_fixed_numbers_match_jdbc(jdbc: Jdbc) -> None:
    requests = [f"bigint {v}" for v in INTS] + [f"int {v}" for v in INTS[:5]]
    requests += [f"smallint {v}" for v in (0, 1, -1, 32767, -32767)]
    requests += [f"float {v!r}" for v in (0.0, 1.5, -2.25e300, 5e-324)]
    requests += [f"real {v!r}" for v in (0.0, 1.5, -3.25e38)]
    answers = jdbc(requests)
    ours: list[TypedValue] = [bind_as(v, TypeCode.BIGINT, "utf-8") for v in INTS]
    ours += [bind_value(v, "utf-8") for v in INTS[:5]]
    ours += [bind_as(v, TypeCode.SMALLINT, "utf-8") for v in (0, 1, -1, 32767, -32767)]
    ours += [bind_value(v, "utf-8") for v in (0.0, 1.5, -2.25e300, 5e-324)]
    ours += [bind_as(v, TypeCode.SMALLFLOAT, "utf-8") for v in (0.0, 1.5, -3.25e38)]
    assert [_hex(v.data) for v in ours] == answers
