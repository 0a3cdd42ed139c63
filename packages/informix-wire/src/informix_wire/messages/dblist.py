"""SQ_DBLIST (26), the list of databases behind ``DatabaseMetaData.getCatalogs``: the client sends
the bare tag (JDBC 4.50.10.1 IfxSqli.sendGetDBList), the server answers with the same tag, each
database name as a ``[short len][bytes][pad]`` field and an empty name to end the list
(IfxSqli.receiveDBList, which reads names with readChar until one is empty)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Reader, Writer
from informix_wire.errors import DataError, ProtocolError
from informix_wire.messages.base import Bare
from informix_wire.tags import Tag

#: More names than any server has databases: a longer list is a corrupt stream, not a reply.
MAX_DATABASES = 65536


@dataclass(slots=True)
class GetDbList(Bare):
    """The request: SQ_DBLIST alone (IfxSqli.sendGetDBList)."""

    tag: ClassVar[Tag] = Tag.DBLIST


@dataclass(slots=True)
class DbList:
    """The reply: the database names, in the order the server sends them (JDBC sorts them)."""

    tag: ClassVar[Tag] = Tag.DBLIST
    names: list[bytes] = field(default_factory=list)

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> DbList:
        names: list[bytes] = []
        while name := r.char():
            if len(names) >= MAX_DATABASES:
                raise ProtocolError(f"SQ_DBLIST of more than {MAX_DATABASES} names")
            names.append(name)
        return cls(names)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        if any(not name for name in self.names):
            raise DataError("an SQ_DBLIST name cannot be empty: the empty name ends the list")
        w.short(self.tag)
        for name in self.names:
            w.char(name)
        w.short(0)
