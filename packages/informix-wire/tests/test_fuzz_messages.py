"""Property tests: any bytes given to the message readers either parse or raise an
``informix_wire.errors.Error`` (never struct.error, IndexError, MemoryError or a hang), and
generated messages survive an encode/decode round trip."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_messages_jdbc import VECTORS
from test_messages_replies import REPLIES

from informix_wire import (
    Capabilities,
    Error,
    Reader,
    Writer,
    read_reply_message,
    read_reply_pdu,
    read_request_message,
    read_request_pdu,
)
from informix_wire import messages as m
from informix_wire.messages.values import FIXED_WIDTH, SHORT_LENGTH
from informix_wire.tags import Tag

CAPS = [Capabilities.ids15(), Capabilities.none(), Capabilities(b"")]
READERS: list[Callable[[Reader, Capabilities], object]] = [
    read_reply_message,
    read_reply_pdu,
    read_request_message,
    read_request_pdu,
]
KNOWN_TAGS = sorted(int(t) for t in Tag)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_all(data: bytes) -> None:
    for caps in CAPS:
        for read in READERS:
            try:
                read(Reader(data), caps)
            except Error:
                pass


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_raise_only_pep249_errors(data: bytes) -> None:
    _parse_all(data)


@SETTINGS
@given(st.sampled_from(KNOWN_TAGS), st.binary(max_size=200))
def test_random_bodies_after_known_tags(tag: int, body: bytes) -> None:
    _parse_all(tag.to_bytes(2, "big") + body)


def _valid_messages() -> list[bytes]:
    out = [bytes.fromhex(v[1]) for v in VECTORS]
    for msg in REPLIES:
        w = Writer()
        msg.encode(w, CAPS[0])
        out.append(w.getvalue())
    return out


@SETTINGS
@given(st.sampled_from(_valid_messages()), st.data())
def test_mutated_valid_messages(data: bytes, draw: st.DataObject) -> None:
    mutated = bytearray(data)
    for _ in range(draw.draw(st.integers(1, 4))):
        i = draw.draw(st.integers(0, len(mutated) - 1))
        mutated[i] = draw.draw(st.integers(0, 255))
    _parse_all(bytes(mutated))


names = st.binary(max_size=40).map(lambda b: b.replace(b"\0", b"_"))
columns = st.builds(
    m.Column,
    name=names,
    type=st.integers(0, 0x7FFF),
    encoded_length=st.integers(-(2**31), 2**31 - 1),
    start=st.integers(-(2**31), 2**31 - 1),
    extended_id=st.integers(-(2**31), 2**31 - 1),
    owner=st.binary(max_size=20),
    extended_name=st.binary(max_size=20),
)


@SETTINGS
@given(
    st.integers(-(2**15), 2**15 - 1),
    st.integers(-(2**15), 2**15 - 1),
    st.integers(-(2**31), 2**31 - 1),
    st.lists(columns, max_size=8),
)
def test_describe_round_trip(stype: int, sid: int, cost: int, cols: list[m.Column]) -> None:
    caps = CAPS[0]
    msg = m.Describe(stype, sid, cost, 100, cols)
    w = Writer()
    msg.encode(w, caps)
    r = Reader(w.getvalue())
    assert read_reply_message(r, caps) == msg
    assert r.remaining == 0


@SETTINGS
@given(st.binary(max_size=300), st.integers(-(2**15), 2**15 - 1))
def test_tuple_round_trip(payload: bytes, warning: int) -> None:
    for caps in CAPS:
        w = Writer()
        m.Tuple(payload, warning=warning).encode(w, caps)
        back = read_reply_message(Reader(w.getvalue()), caps)
        assert back == m.Tuple(payload, warning=warning)


def _value_for(sqltype: int, raw: bytes) -> bytes:
    """Data of the right framing for ``sqltype`` (fixed width, short length or int length)."""
    if sqltype in FIXED_WIDTH:
        return raw.ljust(FIXED_WIDTH[sqltype], b"\0")[: FIXED_WIDTH[sqltype]]
    if sqltype in SHORT_LENGTH:
        return len(raw).to_bytes(2, "big") + raw
    return len(raw).to_bytes(4, "big") + raw


BINDABLE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 40, 41, 43, 45, 52, 53]
typed_values = st.builds(
    lambda t, raw, null, prec, owner, name: m.TypedValue(
        t,
        None if null else _value_for(t, raw),
        prec,
        owner if t > 18 and t not in (52, 53) else b"",
        name if t > 18 and t not in (52, 53) else b"",
        -1 if null else 0,
    ),
    st.sampled_from(BINDABLE),
    st.binary(max_size=60),
    st.booleans(),
    st.integers(-(2**15), 2**15 - 1),
    st.binary(max_size=10),
    st.binary(max_size=10),
)


@SETTINGS
@given(st.lists(typed_values, max_size=10))
def test_bind_round_trip(values: list[m.TypedValue]) -> None:
    caps = CAPS[0]
    pdu = m.encode_pdu(caps, [m.StatementId(1), m.Bind(values), m.Execute()])
    r = Reader(pdu)
    assert read_request_pdu(r, caps) == [m.StatementId(1), m.Bind(values), m.Execute()]
    assert r.remaining == 0
