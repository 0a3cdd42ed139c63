"""SQLI message tags: the short that opens every message in either direction.

Values are those of IBM's JDBC driver, class ``com.informix.jdbc.IfxMessageTypes`` (JDBC 4.50.10.1,
decompiled). Only the name is ours; a tag not listed here is not sent or understood by this project.
"""

from __future__ import annotations

from enum import IntEnum


class Tag(IntEnum):
    """SQ_* message tags (IfxMessageTypes)."""

    COMMAND = 1
    PREPARE = 2
    CURNAME = 3
    ID = 4
    BIND = 5
    OPEN = 6
    EXECUTE = 7
    DESCRIBE = 8
    NFETCH = 9
    CLOSE = 10
    RELEASE = 11
    EOT = 12
    ERR = 13
    TUPLE = 14
    DONE = 15
    PUT = 17
    PUTERR = 18
    CMMTWORK = 19
    RBWORK = 20
    SVPOINT = 21
    NDESCRIBE = 22
    SFETCH = 23
    SCROLL = 24
    TUPID = 25
    DBLIST = 26
    BEGIN = 35
    DBOPEN = 36
    DBCLOSE = 37
    FETCHBLOB = 38
    BLOB = 39
    BBIND = 41
    DPREPARE = 42
    HOLD = 43
    ISOLEVEL = 47
    LOCKWAIT = 48
    WANTDONE = 49
    SBBIND = 52
    VERSION = 53
    DEFER = 54
    COST = 55
    EXIT = 56
    XROLLBACK = 65
    XCLOSE = 66
    XCOMMIT = 67
    XEND = 68
    XFORGET = 69
    XPREPARE = 70
    XRECOVER = 71
    XSTART = 72
    XERR = 73
    XASTATE = 74
    INFO = 81
    XOPEN = 82
    REOPT_OPEN = 87
    FETARRSIZE = 92
    INSERTDONE = 94
    LODATA = 97
    FILE = 98
    XACTSTAT = 99
    RET_TYPE = 100
    GETROUTINE = 101
    EXFPROUTINE = 102
    FPROUTINE = 103
    FPARAM = 104
    FILE_READ = 106
    FILE_WRITE = 107
    AUTOFREE = 108
    NDESC_ID = 111
    CIDESCRIBE = 124
    IDESCRIBE = 125
    PROTOCOLS = 126
    ACCEPT = 127
    ACK = 128
    CHALLENGE = 129
    RESPONSE = 130
    SQLISETSVPT = 137
    SQLIRELSVPT = 138
    SQLIRBACKSVPT = 139
    BATCHSTART = 141
    BATCHEND = 142


class InfoType(IntEnum):
    """Sub-types of an SQ_INFO request (IfxMessageTypes INFO_*)."""

    DONE = 0
    REQUEST = 1
    VERSION = 2
    TYPE = 3
    CAPABILITY = 4
    DB = 5
    ENV = 6


class StatementType(IntEnum):
    """Statement type codes that SQ_DESCRIBE reports: IBM ESQL/C's ``sqlstype.h`` (SQ_SELECT ...).

    The peer driver informix-driver recorded SELECT 2, INSERT 6, BEGIN WORK 34, COMMIT 35, ROLLBACK
    36 and EXECUTE PROCEDURE/FUNCTION 56 from IDS 12.10, 14.10 and 15
    (shared/reference/sqli-facts.md).
    """

    DATABASE = 1
    SELECT = 2
    SELECT_INTO = 3
    UPDATE = 4
    DELETE = 5
    INSERT = 6
    UPDATE_CURRENT = 7
    DELETE_CURRENT = 8
    LOCK_TABLE = 10
    UNLOCK_TABLE = 11
    CREATE_DATABASE = 12
    DROP_DATABASE = 13
    CREATE_TABLE = 14
    DROP_TABLE = 15
    CREATE_INDEX = 16
    DROP_INDEX = 17
    GRANT = 18
    REVOKE = 19
    RENAME_TABLE = 20
    RENAME_COLUMN = 21
    ALTER_TABLE = 29
    UPDATE_STATISTICS = 30
    CLOSE_DATABASE = 31
    DELETE_ALL = 32
    UPDATE_ALL = 33
    BEGIN_WORK = 34
    COMMIT_WORK = 35
    ROLLBACK_WORK = 36
    CREATE_VIEW = 40
    DROP_VIEW = 41
    CREATE_SYNONYM = 43
    DROP_SYNONYM = 44
    CREATE_TEMP_TABLE = 45
    SET_LOCK_MODE = 46
    ALTER_INDEX = 47
    SET_ISOLATION = 48
    SET_LOG = 49
    SET_EXPLAIN = 50
    CREATE_SCHEMA = 51
    SET_OPTIMIZATION = 52
    CREATE_PROCEDURE = 53
    DROP_PROCEDURE = 54
    SET_CONSTRAINTS = 55
    EXECUTE_PROCEDURE = 56
    SET_DEBUG_FILE = 57
    CREATE_TRIGGER = 70
    DROP_TRIGGER = 71
    SET_PDQPRIORITY = 74
    CREATE_ROLE = 83
    DROP_ROLE = 84
    SET_ROLE = 85
    RENAME_DATABASE = 87
    CREATE_ROW_TYPE = 90
    DROP_ROW_TYPE = 91
    CREATE_DISTINCT_TYPE = 92
    DROP_TYPE = 96
    SET_ENVIRONMENT = 110
    RENAME_INDEX = 116
    TRUNCATE = 122
    CREATE_SEQUENCE = 124
    DROP_SEQUENCE = 125
    MERGE = 128
    # IBM Informix Client SDK sqlstype.h: SQ_SETSVPT 159, SQ_RELSVPT 160, SQ_RBACKSVPT 161 (its
    # SQ_SAVEPOINT 37 is "for internal use only"; JDBC's IfxStatementTypes copies the list only
    # up to 116, so its SQ_SAVEPOINT = 37 is that internal code, not what DESCRIBE reports).
    SAVEPOINT = 159
    RELEASE_SAVEPOINT = 160
    ROLLBACK_TO_SAVEPOINT = 161
