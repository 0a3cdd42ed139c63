"""SQ_XACTSTAT: the transaction-state record IDS adds to a reply in a logged database.

What is known: IDS 12.10, 14.10 and 15 send one after each DML statement in a logged database
(and possibly before the SQ_EXIT answer) to a client with JDBC's capability mask (sqli-facts
§2.4, §2.6 and "Statements and transactions", recorded by the peer driver); its body is
``[short event][short new level][short old level]`` (JDBC 4.50.10.1 ``IfxSqli.receiveXactstat``,
which stores the three shorts and nothing reads them); JDBC names the levels
``IfxSqliConnect.NOXACT = 0``, ``SXACT = 1``, ``XACT = 2``.

What is our choice, since no source gives the values: the level is XACT while a transaction is
open (BEGIN WORK, or always in an ANSI database) and NOXACT otherwise; a DML statement run
outside a transaction ran in a single-statement transaction, reported as old level SXACT, new
NOXACT; the event is the statement type (``informix_wire.tags.StatementType``) of what changed
the state. The record is sent after each DML statement and after each BEGIN / COMMIT / ROLLBACK
(message or SQL) that succeeded, in logged databases only; never in unlogged ones.
"""

from __future__ import annotations

from typing import Any

from informix_wire import messages as m
from informix_wire.capabilities import Capabilities
from informix_wire.codec import Writer
from informix_wire.tags import StatementType as St

NOXACT, SXACT, XACT = 0, 1, 2
#: Statements that change data: each gets a record in a logged database.
DML = frozenset({int(St.INSERT), int(St.UPDATE), int(St.DELETE), int(St.UPDATE_ALL),
                 int(St.DELETE_ALL), int(St.UPDATE_CURRENT), int(St.DELETE_CURRENT),
                 int(St.MERGE), int(St.TRUNCATE)})  # fmt: skip
_CONTROL = frozenset({int(St.BEGIN_WORK), int(St.COMMIT_WORK), int(St.ROLLBACK_WORK)})


def level(engine_session: Any) -> int:
    """The session's transaction level now."""
    return XACT if getattr(engine_session, "in_transaction", False) else NOXACT


def _logged(engine_session: Any) -> bool:
    db = getattr(engine_session, "db", None)
    return bool(getattr(db, "logged", False))


def report(
    engine_session: Any, statement_type: int, before: int, out: Writer, caps: Capabilities
) -> None:
    """Add the SQ_XACTSTAT a statement of ``statement_type`` calls for, if any."""
    if not _logged(engine_session):
        return
    now = level(engine_session)
    dml = statement_type in DML
    if not dml and statement_type not in _CONTROL:
        return
    old = SXACT if dml and before == now == NOXACT else before
    m.XactStat(statement_type, now, old).encode(out, caps)
