"""What every message class shares: a ``tag``, ``decode(reader, caps)`` for the body after the tag,
and ``encode(writer, caps)`` for tag and body."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol, TypeVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Reader, Writer
from informix_wire.tags import Tag

_B = TypeVar("_B", bound="Bare")
_N = TypeVar("_N", bound="Named")


class Message(Protocol):
    """The shape of every message object of this package."""

    tag: ClassVar[Tag]

    def encode(self, w: Writer, caps: Capabilities) -> None: ...


@dataclass(slots=True)
class Bare:
    """A message that is its tag alone."""

    tag: ClassVar[Tag]

    @classmethod
    def decode(cls: type[_B], r: Reader, caps: Capabilities) -> _B:
        return cls()

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag)


@dataclass(slots=True)
class Named:
    """A message that is its tag and one ``[char name]`` (a cursor or savepoint name)."""

    tag: ClassVar[Tag]
    name: bytes

    @classmethod
    def decode(cls: type[_N], r: Reader, caps: Capabilities) -> _N:
        return cls(r.char())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).char(self.name)


_EOT = b"\x00\x0c"


def encode_pdu(caps: Capabilities, messages: Iterable[Message], *, eot: bool = True) -> bytes:
    """Encode ``messages`` into one PDU, ending it with SQ_EOT unless ``eot`` is false (SQ_EXIT
    goes alone, without EOT)."""
    w = Writer()
    for message in messages:
        message.encode(w, caps)
    if eot:
        w.raw(_EOT)
    return w.getvalue()
