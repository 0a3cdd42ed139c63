"""Capabilities: the MSB-first bit numbering and the framing bits, checked against the masks
recorded from IDS 15 (sqli-facts §2.3) and JDBC's accessors in IfxSqliConnect (bit numbers quoted
there)."""

from __future__ import annotations

import pytest

from informix_wire import CLIENT_OFFER, Capabilities, ProtocolError
from informix_wire.capabilities import IDS15_REPLY, MAX_FETCH_INT, MAX_FETCH_SHORT


def test_bit_numbering_is_msb_first() -> None:
    caps = Capabilities(bytes([0x80]) + bytes(6) + bytes([0x01]), presets=False)
    assert caps.set_bits() == [0, 63]
    assert caps.bit(0)
    assert caps.bit(63)
    assert not caps.bit(1)


def test_ninth_byte_is_ignored_like_jdbc() -> None:
    a = Capabilities(IDS15_REPLY)
    b = Capabilities(IDS15_REPLY[:8] + b"\x00")
    assert a == b
    assert hash(a) == hash(b)
    assert a.mask == IDS15_REPLY


def test_presets_are_jdbcs() -> None:
    assert Capabilities(b"").set_bits() == [0, 2, 3, 4, 49, 51]
    assert Capabilities.none().set_bits() == []


def test_ids15_framing_bits() -> None:
    caps = Capabilities.ids15()
    assert caps.usver
    assert caps.int_fetch_buffer
    assert caps.fetch_array
    assert caps.remove_64k_limit
    assert caps.int_describe_offsets
    assert caps.varchar_1byte_length
    assert caps.bigint
    assert caps.savepoints
    assert caps.sq_batch
    assert caps.lvarchar_over_2k
    assert caps.named_parameters
    assert caps.describe_input
    # The two bits that would start an exchange we do not speak are clear (sqli-facts B §4.5).
    assert not caps.pam
    assert not caps.private_server
    assert caps.max_fetch_buffer == MAX_FETCH_INT


def test_legacy_framing() -> None:
    caps = Capabilities.none()
    assert not (caps.usver)
    assert not (caps.int_fetch_buffer)
    assert not (caps.fetch_array)
    assert not (caps.remove_64k_limit)
    assert caps.max_fetch_buffer == MAX_FETCH_SHORT


def test_client_offer_is_jdbcs() -> None:
    assert CLIENT_OFFER.hex() == "fffc7ffc3c8caa97"


def test_bad_inputs() -> None:
    with pytest.raises(ValueError, match="outside"):
        Capabilities.ids15().bit(64)
    with pytest.raises(ProtocolError):
        Capabilities(bytes(65))
    assert "bdbe9ffe7fb7ffef" in repr(Capabilities.ids15())
