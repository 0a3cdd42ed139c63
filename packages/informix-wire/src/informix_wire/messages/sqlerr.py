"""SQ_ERR (13): a server error or warning, parsed whole so that the stream stays in step.

Layout (JDBC ``IfxSqli.receiveError``; sqli-facts part B §2)::

    [short sqlcode][short isamcode][int offset if bit 62 else short][char near]
    then, only for sqlcode 0 (a warning, with USVER) and -937:
    [5 bytes SQLSTATE + 1 pad][char message]

Variants JDBC handles: -619 has the same fields but JDBC ignores all of them except the code; -368
has no ``near`` field at all. The same body, with zero fields, is what a client sends back inside an
SQ_FILE exchange (``IfxSqli.sendSQFILEError``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Reader, Writer
from informix_wire.errors import DatabaseError, class_for_sqlcode, message_for
from informix_wire.tags import Tag

#: sqlcodes whose SQ_ERR carries an SQLSTATE and message text (receiveError).
_WITH_SQLSTATE = (0, -937)
#: sqlcode whose SQ_ERR has no near-token field (receiveError).
_NO_NEAR = -368


@dataclass(slots=True)
class SqlErrorInfo:
    """The fields of one SQ_ERR; ``near``/``message`` are bytes in the database locale."""

    tag: ClassVar[Tag] = Tag.ERR
    sqlcode: int
    isamcode: int = 0
    offset: int = 0
    near: bytes = b""
    sqlstate: bytes = b""
    message: bytes = b""

    @property
    def is_warning(self) -> bool:
        """sqlcode 0 (a warning with SQLSTATE) or 100 (no data) is not an error."""
        return self.sqlcode in (0, 100)

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> SqlErrorInfo:
        sqlcode = r.short()
        isamcode = r.short()
        offset = r.int() if caps.remove_64k_limit else r.short()
        near = b"" if sqlcode == _NO_NEAR else r.char()
        info = cls(sqlcode, isamcode, offset, near)
        if sqlcode in _WITH_SQLSTATE and (sqlcode != 0 or caps.usver):
            info.sqlstate = r.padded(5)
            info.message = r.char()
        return info

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.sqlcode).short(self.isamcode)
        w.int(self.offset) if caps.remove_64k_limit else w.short(self.offset)
        if self.sqlcode != _NO_NEAR:
            w.char(self.near)
        if self.sqlcode in _WITH_SQLSTATE and (self.sqlcode != 0 or caps.usver):
            w.padded(self.sqlstate.ljust(5, b" ")[:5]).char(self.message)

    def to_exception(self, encoding: str = "utf-8", text: str | None = None) -> DatabaseError:
        """The PEP 249 exception for this error. The message is ``text`` if given, else the text
        the server sent (-937 and warnings), else ``errors.message_for(sqlcode)``."""
        near = self.near.decode(encoding, "replace").strip() or None
        sent = self.message.decode(encoding, "replace").strip()
        parts = [f"[{self.sqlcode}]", text or sent or message_for(self.sqlcode)]
        if near:
            parts.append(f"(near {near!r})")
        if self.isamcode:
            parts.append(f"[ISAM {self.isamcode}]")
        cls = class_for_sqlcode(self.sqlcode, self.isamcode or None)
        return cls(
            " ".join(parts),
            sqlcode=self.sqlcode,
            isamcode=self.isamcode or None,
            sqlstate=self.sqlstate.decode("ascii", "replace").strip() or None,
            near=near,
            offset=self.offset or None,
        )
