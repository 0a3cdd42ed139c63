"""Statement execution as a connection sees it: statement cache, implicit transactions, cursor
streaming and batches, on top of ``statement``'s wire sequences. The sync and asyncio drivers both
call these operations; only the waiting differs.

Round trips: a statement seen before (its SQL text is in the cache) costs one round trip, the
first batch of rows included; a new one costs two (PREPARE, then execute or open + first fetch).
SQ_BEGIN (autocommit off on a logged database) and the CLOSE / RELEASE of finished statements ride
along in the same writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from informix_db._core import statement as st
from informix_db._core.placeholders import ParsedSql
from informix_db._core.session import Session
from informix_db._core.sqfile import FileChannel
from informix_db._core.wire import Op
from informix_wire.errors import ProgrammingError
from informix_wire.messages.values import TypedValue


def statement_for(session: Session, parsed: ParsedSql) -> Op[st.Prepared]:
    """The cached statement for this SQL text, or a newly prepared one (marked in use)."""
    prepared = session.cache.take(parsed.sql)
    if prepared is None:
        prepared = yield from st.prepare(session.wire, parsed.sql, parsed.markers)
        prepared.in_use = True
    return prepared


def execute(
    session: Session,
    parsed: ParsedSql,
    values: list[TypedValue],
    files: FileChannel | None = None,
) -> Op[st.Result]:
    """Run one statement; a cursor comes back open with its first batch of rows. ``files``
    serves the client-file exchanges of filetoblob / lotofile (``sqfile``)."""
    prepared = yield from statement_for(session, parsed)
    kind = prepared.statement_type
    before = session.begin_pdus(kind)
    after = [] if prepared.returns_rows else session.commit_pdus(kind)
    try:
        outcome = yield from st.run(
            session.wire, prepared, values, session.fetch_size, before, after, files
        )
    except BaseException:
        prepared.in_use = False  # the connection is out of step and will be closed
        raise
    session.note_begin(outcome.before)
    session.note_statement(kind, outcome.error is None)
    if outcome.error is not None:
        session.cache.forget(prepared)
        raise outcome.error
    for reply in (*outcome.before, *outcome.after):
        reply.raise_error(session.encoding)
    result = outcome.result
    if not prepared.returns_rows:
        result.finished = True
        session.cache.give_back(prepared)
    elif result.ended:
        finish(session, result)
    return result


def fetch(session: Session, result: st.Result) -> Op[None]:
    """The next batch of an open cursor (finishing the cursor at the end of data)."""
    try:
        yield from st.fetch(session.wire, result, session.fetch_size)
    finally:
        if result.ended:
            finish(session, result)


def finish(session: Session, result: st.Result) -> None:
    """Close the cursor and hand its statement back to the cache; no I/O (deferred). Once only:
    by then the statement may serve another cursor."""
    if result.finished:
        return
    result.finished = True
    prepared = result.prepared
    if result.open:
        st.close(result)
        for pdu in session.commit_pdus(prepared.statement_type):
            session.wire.defer_pdu(pdu)
    if prepared.in_use:
        session.cache.give_back(prepared)


def reap(session: Session) -> None:
    """Finish the results of cursors that were dropped without ``close`` (queued by their
    finalizers, which cannot take the connection's lock); call it holding the lock."""
    abandoned = session.abandoned
    while abandoned:
        finish(session, abandoned.popleft())


def execute_many(
    session: Session, parsed: ParsedSql, rows: Iterable[Sequence[Any]]
) -> Op[st.BatchOutcome]:
    """Run a statement once per parameter row, pipelined (see ``statement.execute_many``)."""
    prepared = yield from statement_for(session, parsed)
    if prepared.returns_rows:
        session.cache.give_back(prepared)
        raise ProgrammingError("executemany cannot run a statement that returns rows")
    kind = prepared.statement_type
    encoding = session.encoding

    def convert(params: Sequence[Any]) -> list[TypedValue]:
        return st.bind_values(parsed.arrange(params), encoding)

    try:
        outcome = yield from st.execute_many(
            session.wire, prepared, rows, convert, session.begin_pdus(kind)
        )
    finally:
        session.cache.give_back(prepared)
    if outcome.began:
        session.in_transaction = True
    session.note_statement(kind, outcome.done > 0)
    if outcome.done and session.commit_pdus(kind):
        yield from session.commit_now()
    if outcome.error is not None:
        raise outcome.error
    return outcome
