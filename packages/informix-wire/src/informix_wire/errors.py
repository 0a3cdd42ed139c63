"""The PEP 249 exception hierarchy, shared by every package of the project.

It lives in the bottom package so that the wire, the type layer and the drivers raise the same classes:
``informix_db.Error`` *is* ``informix_wire.errors.Error``. Server errors carry the Informix ``sqlcode``,
``isamcode``, ``sqlstate``, the offending token (``near``) and its ``offset`` in the SQL text.
"""

from __future__ import annotations

import builtins


class Warning(builtins.Warning):  # noqa: A001 - the name PEP 249 prescribes
    """Important warnings, such as data truncation (PEP 249)."""


class Error(Exception):
    """Base of every error this project raises (PEP 249)."""

    sqlcode: int | None = None
    isamcode: int | None = None
    sqlstate: str | None = None
    near: str | None = None
    offset: int | None = None

    def __init__(
        self,
        message: str,
        *,
        sqlcode: int | None = None,
        isamcode: int | None = None,
        sqlstate: str | None = None,
        near: str | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__(message)
        self.sqlcode = sqlcode
        self.isamcode = isamcode
        self.sqlstate = sqlstate
        self.near = near
        self.offset = offset


class InterfaceError(Error):
    """The driver, not the database, failed: misuse, or bytes that break the protocol."""


class DatabaseError(Error):
    """An error reported by the database."""


class DataError(DatabaseError):
    """A value could not be converted, was out of range, or was malformed."""


class OperationalError(DatabaseError):
    """The connection or the server failed: lost link, timeout, login refused, lock conflict."""


class IntegrityError(DatabaseError):
    """A constraint was violated: unique, not null, foreign key, check."""


class InternalError(DatabaseError):
    """The server reported an internal inconsistency."""


class ProgrammingError(DatabaseError):
    """The SQL was wrong: syntax, unknown table or column, misuse of a statement."""


class NotSupportedError(DatabaseError):
    """The server or the driver does not support what was asked."""


class ProtocolError(InterfaceError):
    """The peer sent bytes that do not follow SQLI; the connection is no longer usable."""


class ConnectionLost(OperationalError):
    """The socket closed or failed; the connection is no longer usable."""


class WireTimeout(OperationalError):
    """A blocking read, write or connect did not finish within its timeout."""


# sqlcode -> class. Codes and meanings from IBM's "Informix Error Messages" (finderr); grouped by
# what the caller should do about them.
_INTEGRITY = {-239, -268, -291, -292, -371, -391, -525, -530, -691, -692, -703}
_DATA = {
    -415, -1202, -1204, -1205, -1206, -1207, -1209, -1210, -1211, -1212, -1213, -1214, -1215,
    -1216, -1217, -1218, -1222, -1223, -1226, -1260, -1261, -1262, -1263, -1264, -1265, -1266,
    -1267, -1268, -1279, -1820, -8004,
}
_OPERATIONAL = {
    -243, -244, -245, -246, -250, -252, -263, -264, -265, -266, -288, -289, -329, -349, -378,
    -387, -406, -408, -439, -451, -452, -454, -455, -457, -458, -459, -761, -908, -930, -951,
    -952, -956, -1803, -11017, -11020, -23101, -23197, -25507, -25555, -25580, -25582, -27001,
}
_NOT_SUPPORTED = {-999, -1806, -9634, -79716}
_INTERNAL = {-1800, -9990}


#: ISAM codes of lock conflicts (record/table locked, deadlock, lock timeout) and of a duplicate key.
_ISAM_LOCK = {-107, -113, -134, -143, -144, -154}
_ISAM_DUPLICATE = -100


def class_for_sqlcode(sqlcode: int, isamcode: int | None = None) -> type[DatabaseError]:
    """The PEP 249 class for an Informix sqlcode (DatabaseError when unclassified).

    The ISAM code decides first: the same sqlcode (-271 "could not insert new row", -244 "could not do
    a physical-order read") means a lock conflict with ISAM -107/-154 and a duplicate with ISAM -100.
    """
    if isamcode in _ISAM_LOCK:
        return OperationalError
    if isamcode == _ISAM_DUPLICATE or sqlcode in _INTEGRITY:
        return IntegrityError
    if sqlcode in _DATA:
        return DataError
    if sqlcode in _OPERATIONAL:
        return OperationalError
    if sqlcode in _NOT_SUPPORTED:
        return NotSupportedError
    if sqlcode in _INTERNAL:
        return InternalError
    if -399 <= sqlcode <= -200 or -699 <= sqlcode <= -500 or -9999 <= sqlcode <= -9000:
        return ProgrammingError  # the SQL statement and catalog ranges of finderr
    return DatabaseError
