"""What the dialect translator hands the engine: a statement's kind, its DuckDB SQL, and the
facts the engine needs to act (declared Informix column types, names, modes)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(enum.Enum):
    """What a statement does, so the engine knows whether to run ``sql`` or act itself."""

    SELECT = "select"
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    CREATE_TABLE = "create_table"  # also SELECT ... INTO TEMP (temp=True, statement_type 3)
    DROP_TABLE = "drop_table"
    ALTER_TABLE = "alter_table"  # also RENAME TABLE / RENAME COLUMN
    CREATE_INDEX = "create_index"
    DROP_INDEX = "drop_index"
    CREATE_VIEW = "create_view"
    DROP_VIEW = "drop_view"
    CREATE_SEQUENCE = "create_sequence"
    DROP_SEQUENCE = "drop_sequence"
    BEGIN = "begin"
    COMMIT = "commit"
    ROLLBACK = "rollback"
    SAVEPOINT = "savepoint"
    RELEASE_SAVEPOINT = "release_savepoint"
    ROLLBACK_TO_SAVEPOINT = "rollback_to_savepoint"
    DATABASE = "database"
    CLOSE_DATABASE = "close_database"
    CREATE_DATABASE = "create_database"
    DROP_DATABASE = "drop_database"
    SET_ISOLATION = "set_isolation"
    SET_LOCK_MODE = "set_lock_mode"
    SET_OTHER = "set_other"
    EXECUTE_PROCEDURE = "execute_procedure"
    EXECUTE_FUNCTION = "execute_function"
    CREATE_PROCEDURE = "create_procedure"
    CREATE_FUNCTION = "create_function"
    DROP_PROCEDURE = "drop_procedure"
    DROP_FUNCTION = "drop_function"
    UPDATE_STATISTICS = "update_statistics"
    LOCK_TABLE = "lock_table"
    UNLOCK_TABLE = "unlock_table"
    GRANT = "grant"
    REVOKE = "revoke"
    OTHER = "other"


@dataclass(frozen=True)
class ColumnDecl:
    """A column as declared in Informix terms (syscolumns coltype/collength) plus its storage."""

    name: str
    type_code: int
    length: int
    nullable: bool
    default: str | None
    extended_name: str = ""
    duck_type: str = ""
    primary_key: bool = False
    unique: bool = False
    serial_start: int = 1  # SERIAL(n) / SERIAL8(n) / BIGSERIAL(n) first value


@dataclass(frozen=True)
class Translation:
    kind: Kind
    sql: str
    statement_type: int
    param_count: int
    table: str | None = None
    columns: tuple[ColumnDecl, ...] = ()
    temp: bool = False
    database: str | None = None
    log_mode: str | None = None
    isolation: str | None = None
    name: str | None = None
    serial_column: str | None = None
    dropped_columns: tuple[str, ...] = ()  # ALTER TABLE ... DROP
    renamed_from: str | None = None  # RENAME COLUMN: the old column name (``name`` is the new)
    lock_wait: int | None = None  # SET LOCK MODE: None NOT WAIT, -1 WAIT forever, else seconds
