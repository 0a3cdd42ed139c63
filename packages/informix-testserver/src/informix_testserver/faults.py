"""Fault injection: make sessions misbehave on purpose so drivers' failure handling can be tested.

Set attributes on ``TestServer.faults`` (shared by every session; a new value applies to the next
event); ``clear()`` restores normal service.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Faults:
    """What to break. Message names are SQLI tag names without ``SQ_``, e.g. ``"NFETCH"``."""

    #: Close a session once this many reply bytes have gone out (the reply is cut mid-way).
    drop_after_bytes: int | None = None
    #: Close a session, without a reply, when a request PDU holds this message.
    drop_at_message: str | None = None
    #: Answer a request PDU holding this message with garbage instead of the reply.
    garbage_at_message: str | None = None
    #: Seconds to wait before every reply.
    delay: float = 0.0
    #: Refuse logins outright (the listener stays up).
    refuse_logins: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def clear(self) -> None:
        """Back to normal service."""
        with self._lock:
            self.drop_after_bytes = None
            self.drop_at_message = None
            self.garbage_at_message = None
            self.delay = 0.0
            self.refuse_logins = False

    def hits(self, name: str | None, names: list[str]) -> bool:
        """Whether ``name`` (a configured fault) names one of ``names``."""
        return name is not None and name.upper().removeprefix("SQ_") in names
