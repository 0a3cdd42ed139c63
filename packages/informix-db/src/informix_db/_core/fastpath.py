"""Fast-path routine calls (``conn.fast_path_call``): a UDR or built-in runs without PREPARE,
cursor or fetch.

Wire sequence (JDBC 4.50.10.1 ``IfxSqli.executeFastPath`` / ``getHandle`` / ``sendFastPath`` /
``receiveFastPath``; sqli-facts §2.10):

- lookup: ``GETROUTINE(signature)`` -> ``SQ_GETROUTINE [database][handle]``; one round trip, the
  first time a signature is used on the connection (JDBC caches handles per connection too:
  ``IfxSqliConnect.getFPCacheRoutineId``).
- call: ``[SQ_BEGIN] EXFPROUTINE(handle, n) [BIND args]`` -> ``FPROUTINE values DONE COST``; with
  autocommit off JDBC opens a transaction first (``initiateTransaction``), as here.

A failed call whose handle the server no longer knows drops it from the cache, so the next call
looks the routine up again. Every error is read to the end of its reply first: the connection
stays in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import informix_types
from informix_db._core import statement as st
from informix_db._core.results import Reply
from informix_db._core.session import Session
from informix_db._core.wire import Op
from informix_wire import messages as m
from informix_wire.errors import DatabaseError, InterfaceError, NotSupportedError, ProtocolError
from informix_wire.messages.values import TypedValue
from informix_wire.tags import StatementType

#: BYTE/TEXT arguments would need SQ_BBIND blocks after the call, which JDBC never sends there.
_BLOB_TYPES = (11, 12)


def _handle(session: Session, signature: str) -> Op[int]:
    handle = session.routines.get(signature)
    if handle is None:
        text = st.encode_sql(signature, session.encoding)
        reply = yield from session.wire.request([m.GetRoutine(text)], Reply())
        if reply.routine_handle is None:
            raise ProtocolError("the server answered SQ_GETROUTINE without a routine handle")
        handle = session.routines[signature] = reply.routine_handle.handle
    return handle


def call(session: Session, signature: str, args: Sequence[Any]) -> Op[list[Any]]:
    """Run the routine ``signature`` names (``function owner.name(type, ...)``) with ``args``;
    its return values as Python values (an empty list for a procedure)."""
    if not isinstance(signature, str) or not signature.strip():
        raise InterfaceError("a fast-path signature is a non-empty str")
    values = st.bind_values(args, session.encoding)
    if any(v.type in _BLOB_TYPES for v in values):
        raise NotSupportedError("BYTE/TEXT values cannot be fast-path arguments")
    results = yield from call_typed(session, signature, values)
    return [informix_types.decode_typed(v, session.encoding) for v in results]


def call_typed(
    session: Session, signature: str, values: Sequence[TypedValue]
) -> Op[list[TypedValue]]:
    """``call`` with the arguments already typed and the results as they came (for callers that
    bind or read opaque types themselves, such as the smart-LOB routines)."""
    handle = yield from _handle(session, signature)
    wire = session.wire
    kind = StatementType.EXECUTE_PROCEDURE
    before = session.begin_pdus(kind)
    after = session.commit_pdus(kind)
    call_messages: list[Any] = [m.ExecRoutine(handle, len(values))]
    if values:
        call_messages.append(m.Bind(list(values)))
    yield from wire.send(*before, wire.encode(call_messages), *after)
    began = []
    for _ in before:
        began.append((yield from wire.read_reply(Reply())))
    reply = yield from wire.read_reply(Reply())
    for _ in after:
        yield from wire.read_reply(Reply())
    session.note_begin(began)
    session.note_statement(kind, reply.error is None)
    for r in began:
        r.raise_error(session.encoding)
    if reply.error is not None:
        session.routines.pop(signature, None)
        error: DatabaseError = reply.error.to_exception(session.encoding)
        raise error
    if reply.fast_path is None:
        raise ProtocolError("the server answered SQ_EXFPROUTINE without SQ_FPROUTINE")
    return reply.fast_path.values
