"""The PEP 249 exception hierarchy, shared by every package of the project.

It lives in the bottom package so that the wire, the type layer and the drivers raise the same
classes: ``informix_db.Error`` *is* ``informix_wire.errors.Error``. Server errors carry the
Informix ``sqlcode``, ``isamcode``, ``sqlstate``, the offending token (``near``) and its ``offset``
in the SQL text.
"""

from __future__ import annotations

import builtins


class Warning(builtins.Warning):  # the name PEP 249 prescribes
    """Important warnings, such as data truncation (PEP 249)."""


class Error(Exception):
    """Base of every error this project raises (PEP 249)."""

    sqlcode: int | None = None
    isamcode: int | None = None
    sqlstate: str | None = None
    near: str | None = None
    offset: int | None = None
    #: In ``executemany``, the 0-based index of the parameter row that failed (-1: its SQ_BEGIN).
    row_index: int | None = None

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
# fmt: off
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
# fmt: on
_NOT_SUPPORTED = {-999, -1806, -9634, -79716}
_INTERNAL = {-1800, -9990}


#: ISAM codes of lock conflicts (record/table locked, deadlock, lock timeout) and of a duplicate
#: key.
_ISAM_LOCK = {-107, -113, -134, -143, -144, -154}
_ISAM_DUPLICATE = -100


def class_for_sqlcode(sqlcode: int, isamcode: int | None = None) -> type[DatabaseError]:
    """The PEP 249 class for an Informix sqlcode (DatabaseError when unclassified).

    The ISAM code decides first: the same sqlcode (-271 "could not insert new row", -244 "could not
    do a physical-order read") means a lock conflict with ISAM -107/-154 and a duplicate with ISAM
    -100.
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


# Short descriptions of the sqlcodes a client meets most, in our words after IBM's "Informix Error
# Messages" (finderr); the server sends only the number.
_MESSAGES = {
    -201: "syntax error",
    -202: "illegal character in the statement",
    -206: "table not found in the database",
    -217: "column not found in any table of the query",
    -236: "number of columns in INSERT does not match the number of values",
    -239: "duplicate value in a unique index",
    -243: "could not position within a table",
    -244: "could not do a physical-order read to fetch the next row",
    -245: "could not position within a file via an index",
    -255: "not in a transaction",
    -256: "transaction not available (database has no log)",
    -259: "cursor not open",
    -260: "cannot execute a statement that returns rows without a cursor",
    -267: "cursor has been closed",
    -268: "unique constraint violated",
    -271: "could not insert a new row into the table",
    -284: "a subquery returned more than one row",
    -285: "invalid cursor received by the server",
    -310: "table already exists in the database",
    -329: "database not found or no system permission",
    -349: "database not selected yet",
    -387: "no connect permission",
    -391: "cannot insert a null into a NOT NULL column",
    -407: "error number zero received from the server",
    -408: "invalid message type received from the server",
    -415: "data conversion error",
    -535: "already in a transaction",
    -691: "missing key in the referenced table (foreign key)",
    -692: "key value is still referenced (foreign key)",
    -759: "database statements not allowed in an explicit database connection",
    -908: "attempt to connect to the database server failed",
    -951: "user is not known on the database server",
    -952: "user's password is not correct",
    -1202: "attempt to divide by zero",
    -1204: "invalid year in a date",
    -1205: "invalid month in a date",
    -1206: "invalid day in a date",
    -1213: "a character could not be converted to a number",
    -1214: "value too large for a SMALLINT",
    -1215: "value too large for an INTEGER",
    -1226: "decimal or money value exceeds the column's precision",
    -1262: "non-numeric character in a datetime or interval",
    -1820: "character set conversion failed",
}


def message_for(sqlcode: int) -> str:
    """A short English description of an Informix sqlcode ("SQL error <n>" when not listed)."""
    return _MESSAGES.get(sqlcode, f"SQL error {sqlcode}")
