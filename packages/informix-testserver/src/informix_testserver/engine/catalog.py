"""Keeping the system catalog of a database true: created with the database, brought in line with
DuckDB's own catalog after every DDL statement (in the statement's transaction).

Row layouts: IBM Informix Guide to SQL: Reference, "System catalog tables" (systables,
syscolumns, sysindexes, sysconstraints, sysreferences, sysdefaults, sysxtdtypes, sysattrtypes).
Constraint indexes are named ``' <tabid>_<constrid>'`` with a leading blank, as IDS names them.
A column of a named ROW type is described with the type's fields (``named_types``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb

from informix_testserver.engine import composite, named_types
from informix_testserver.engine.catalog_schema import (
    CATALOG_TABLES,
    FIRST_USER_TABID,
    SYSDATABASES,
    CatalogColumn,
    parse_columns,
)
from informix_testserver.engine.columns import (
    XID_BLOB,
    XID_BOOLEAN,
    XID_CLOB,
    XID_LVARCHAR,
    ColumnSpec,
    declared_spec,
    inferred_spec,
)
from informix_testserver.engine.composite import COMPOSITE_CODES
from informix_testserver.engine.metadata_macros import MACROS
from informix_wire.typecodes import NAMED_ROW, NOT_NULLABLE, TypeCode

OWNER = "informix"
#: Locale of the GL_COLLATE / GL_CTYPE rows JDBC reads at connect (sqli-facts part B §3, §4.3).
DB_LOCALE = "en_US.819"
#: Built-in extended types (sysxtdtypes rows of a new IDS database; JDBC IfxTypes ids).
BUILTIN_XTD = (
    (XID_LVARCHAR, "lvarchar", TypeCode.UDTVAR, 2048),
    (XID_BOOLEAN, "boolean", TypeCode.UDTFIXED, 1),
    (XID_BLOB, "blob", TypeCode.UDTFIXED, 72),
    (XID_CLOB, "clob", TypeCode.UDTFIXED, 72),
)
_SEQUENCE = "ifx_tabid"
_CONSTR_SEQUENCE = "ifx_constrid"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(cur: duckdb.DuckDBPyConnection, name: str, columns: Sequence[CatalogColumn]) -> None:
    body = ", ".join(f"{_q(c.name)} {c.duck_type}" for c in columns)
    cur.execute(f"CREATE TABLE {_q(name)} ({body})")


def _coltype(col: CatalogColumn) -> tuple[int, int, int]:
    """(coltype, collength, extended_id) as syscolumns stores a catalog column."""
    if col.type_code == TypeCode.BOOL:
        return TypeCode.UDTFIXED, 1, XID_BOOLEAN
    return col.type_code, col.length, 0


def create_catalog(cur: duckdb.DuckDBPyConnection, dbname: str, sysmaster: bool) -> None:
    """Create the catalog tables, their own rows, the metadata macros and the locale rows in the
    current (empty) database."""
    today = datetime.date.today()
    tables = list(CATALOG_TABLES) + ([SYSDATABASES] if sysmaster else [])
    cur.execute(f"CREATE SEQUENCE {_SEQUENCE} START {FIRST_USER_TABID}")
    cur.execute(f"CREATE SEQUENCE {_CONSTR_SEQUENCE} START 1")
    for name, _, text in tables:
        _create(cur, name, parse_columns(text))
    for name, tabid, text in tables:
        columns = parse_columns(text)
        _insert_systables(cur, name, tabid, "T", len(columns), today, dbname)
        for colno, col in enumerate(columns, 1):
            coltype, length, xid = _coltype(col)
            cur.execute(
                "INSERT INTO syscolumns (colname, tabid, colno, coltype, collength, extended_id, "
                "colattr) VALUES (?, ?, ?, ?, ?, ?, 0)",
                [col.name, tabid, colno, coltype, length, xid],
            )
    # The rows JDBC reads while connecting: ' GL_COLLATE'/' GL_CTYPE' give the database locale
    # in ``site`` (IfxSqliConnect.setDatabaseLocale), ' VERSION' its flags (getSqlLogicalChar).
    for tabname, tabid in ((" GL_COLLATE", 97), (" GL_CTYPE", 98), (" VERSION", 99)):
        _insert_systables(cur, tabname, tabid, "L", 0, today, dbname, site=DB_LOCALE)
    for xid, name, code, length in BUILTIN_XTD:
        cur.execute(
            "INSERT INTO sysxtdtypes (extended_id, domain, mode, owner, name, type, source, "
            "maxlen, length, byvalue, cannotcast, align, locator) VALUES "
            "(?, 'O', 'B', ?, ?, ?, 0, ?, ?, 'f', 'f', 4, 0)",
            [xid, OWNER, name, code, length, length],
        )
    cur.execute("INSERT INTO sysusers VALUES (?, 'D', 9, NULL, NULL)", [OWNER])
    install_macros(cur)


def install_macros(cur: duckdb.DuckDBPyConnection) -> None:
    """The catalog functions JDBC's metadata SQL calls (``informix.schema_precision`` ...)."""
    for sql in MACROS:
        cur.execute(sql)


def _insert_systables(
    cur: duckdb.DuckDBPyConnection,
    tabname: str,
    tabid: int,
    tabtype: str,
    ncols: int,
    created: datetime.date,
    dbname: str,
    site: str = "",
) -> None:
    cur.execute(
        "INSERT INTO systables (tabname, owner, partnum, tabid, rowsize, ncols, nrows, created, "
        "version, tabtype, locklevel, npused, fextsize, nextsize, flags, site, dbname, type_xid, "
        "am_id, pagesize, secpolicyid, statchange) VALUES "
        "(?, ?, 0, ?, 0, ?, 0, ?, 0, ?, 'P', 0, 16, 16, 0, ?, ?, 0, 0, 2048, 0, 0)",
        [tabname, OWNER, tabid, ncols, created, tabtype, site, dbname],
    )


def scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> Any:
    """The one value a query returns."""
    row = cur.execute(sql, list(params)).fetchone()
    assert row is not None, sql
    return row[0]


def tabid_of(cur: duckdb.DuckDBPyConnection, tabname: str) -> int | None:
    row = cur.execute("SELECT tabid FROM systables WHERE tabname = ?", [tabname]).fetchone()
    return None if row is None else int(row[0])


def declared_columns(
    cur: duckdb.DuckDBPyConnection, tables: Sequence[str]
) -> dict[str, list[ColumnSpec]]:
    """The declared columns of those of ``tables`` that are in the catalog, in column order."""
    if not tables:
        return {}
    marks = ", ".join("?" for _ in tables)
    rows = cur.execute(
        "SELECT t.tabname, c.colname, c.coltype, c.collength, c.extended_id, x.name, x.owner "
        "FROM systables t JOIN syscolumns c ON c.tabid = t.tabid "
        "LEFT JOIN sysxtdtypes x ON x.extended_id = c.extended_id AND c.extended_id > 0 "
        f"WHERE t.tabname IN ({marks}) ORDER BY t.tabname, c.colno",
        list(tables),
    ).fetchall()
    out: dict[str, list[ColumnSpec]] = {}
    for tabname, colname, coltype, length, xid, xname, owner in rows:
        if named_types.is_named(coltype):
            spec: ColumnSpec = named_types.column_spec(
                cur, colname, coltype, length, xid or 0, xname or "", owner or ""
            )
        else:
            nullable = not coltype & NOT_NULLABLE
            spec = declared_spec(colname, coltype, length, nullable, xname or "", xid or 0)
        out.setdefault(tabname, []).append(spec)
    return out


def drop_table(cur: duckdb.DuckDBPyConnection, tabname: str) -> None:
    """Remove a table or view and everything that hangs off it."""
    tabid = tabid_of(cur, tabname)
    if tabid is None:
        return
    _clear(cur, tabid)
    cur.execute("DELETE FROM systables WHERE tabid = ?", [tabid])


def _clear(cur: duckdb.DuckDBPyConnection, tabid: int) -> None:
    cur.execute(
        "DELETE FROM sysreferences WHERE constrid IN "
        "(SELECT constrid FROM sysconstraints WHERE tabid = ?)",
        [tabid],
    )
    for table in ("syscolumns", "sysconstraints", "sysindexes", "sysdefaults", "sysviews"):
        cur.execute(f"DELETE FROM {table} WHERE tabid = ?", [tabid])


def sync_table(
    cur: duckdb.DuckDBPyConnection,
    dbname: str,
    tabname: str,
    declared: Mapping[str, Any],
    *,
    view_text: str | None = None,
) -> None:
    """Rewrite the catalog rows of ``tabname`` from DuckDB's catalog; a column keeps the
    Informix type it was declared with (``declared``: name -> ColumnDecl, or its catalog row
    from before an ALTER), others get the type inferred from DuckDB's."""
    old = {spec.name: spec for spec in declared_columns(cur, [tabname]).get(tabname, [])}
    tabid = tabid_of(cur, tabname)
    columns = cur.execute(
        "SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? "
        "ORDER BY column_index",
        [tabname],
    ).fetchall()
    if not columns and view_text is not None:
        shape = cur.execute(f"DESCRIBE SELECT * FROM {_q(tabname)}").fetchall()
        columns = [(name, duck_type, True, None) for name, duck_type, *_ in shape]
    if not columns:
        return
    if tabid is None:
        tabid = int(scalar(cur, f"SELECT nextval('{_SEQUENCE}')"))
        tabtype = "V" if view_text is not None else "T"
        _insert_systables(cur, tabname, tabid, tabtype, len(columns), datetime.date.today(), dbname)
    else:
        _clear(cur, tabid)
        cur.execute("UPDATE systables SET ncols = ? WHERE tabid = ?", [len(columns), tabid])
    colnos: dict[str, int] = {}
    for colno, (name, duck_type, nullable, default) in enumerate(columns, 1):
        colnos[name] = colno
        coltype, length, xid = _column_type(name, duck_type, declared.get(name), old.get(name))
        if coltype in COMPOSITE_CODES and name in declared:
            xid = composite.register(cur, declared[name].extended_name, coltype)
        elif named_types.is_named(coltype) and name in declared:
            xid = named_types.xid_of(cur, declared[name].extended_name)
        if not nullable:
            coltype |= NOT_NULLABLE
        cur.execute(
            "INSERT INTO syscolumns (colname, tabid, colno, coltype, collength, extended_id, "
            "colattr) VALUES (?, ?, ?, ?, ?, ?, 0)",
            [name, tabid, colno, coltype, length, xid],
        )
        decl = declared.get(name)
        text = getattr(decl, "default", None) or default
        if text is not None and "nextval(" not in str(text):
            cur.execute(
                "INSERT INTO sysdefaults VALUES (?, ?, 'L', ?, 'T')", [tabid, colno, str(text)]
            )
    _sync_constraints(cur, tabname, tabid, colnos)
    if view_text is not None:
        for seqno, start in enumerate(range(0, max(len(view_text), 1), 64)):
            cur.execute(
                "INSERT INTO sysviews VALUES (?, ?, ?)",
                [tabid, seqno, view_text[start : start + 64]],
            )


def _column_type(
    name: str, duck_type: str, decl: Any, old: ColumnSpec | None
) -> tuple[int, int, int]:
    """(coltype, collength, extended_id) of one column."""
    if decl is not None:
        ext = (getattr(decl, "extended_name", "") or "").lower()
        xid = {"boolean": XID_BOOLEAN, "lvarchar": XID_LVARCHAR, "blob": XID_BLOB,
               "clob": XID_CLOB}.get(ext, 0)  # fmt: skip
        code = int(decl.type_code)
        if xid == XID_BOOLEAN:
            return TypeCode.UDTFIXED, 1, xid
        if xid in (XID_BLOB, XID_CLOB):
            return TypeCode.UDTFIXED, 72, xid
        return code, int(decl.length), xid
    if old is not None:  # the named-ROW bit stays (syscolumns "4118 = ROW (named)")
        return old.type_code & (0xFF | NAMED_ROW), old.length, old.extended_id
    spec = inferred_spec(name, duck_type)
    return spec.type_code, spec.length, spec.extended_id


def _sync_constraints(
    cur: duckdb.DuckDBPyConnection, tabname: str, tabid: int, colnos: Mapping[str, int]
) -> None:
    """sysconstraints / sysindexes / sysreferences rows from DuckDB's constraints and indexes."""
    rows = cur.execute(
        "SELECT constraint_type, constraint_column_names, referenced_table, "
        "referenced_column_names, expression FROM duckdb_constraints() "
        "WHERE database_name = current_database() AND table_name = ? ORDER BY constraint_index",
        [tabname],
    ).fetchall()
    kinds = {"PRIMARY KEY": "P", "UNIQUE": "U", "FOREIGN KEY": "R", "CHECK": "C", "NOT NULL": "N"}
    for ctype, names, ref_table, ref_names, expression in rows:
        kind = kinds.get(ctype)
        if kind is None:
            continue
        constrid = int(scalar(cur, f"SELECT nextval('{_CONSTR_SEQUENCE}')"))
        constrname = f"{kind.lower()}{tabid}_{constrid}"
        idxname = f" {tabid}_{constrid}" if kind in "PUR" else None
        cur.execute(
            "INSERT INTO sysconstraints VALUES (?, ?, ?, ?, ?, ?, NULL)",
            [constrid, constrname, OWNER, tabid, kind, idxname],
        )
        if idxname is not None:
            parts = [colnos.get(n, 0) for n in names]
            _insert_index(cur, idxname, tabid, "U" if kind in "PU" else "D", parts)
        if kind == "R" and ref_table:
            _insert_reference(cur, constrid, ref_table, list(ref_names or []))
        if kind == "C" and expression:
            cur.execute(
                "INSERT INTO syschecks VALUES (?, 'T', 0, ?)", [constrid, str(expression)[:32]]
            )
    indexes = cur.execute(
        "SELECT index_name, is_unique, expressions FROM duckdb_indexes() "
        "WHERE database_name = current_database() AND table_name = ?",
        [tabname],
    ).fetchall()
    for name, unique, expressions in indexes:
        names = [e.strip().strip('"') for e in str(expressions).strip("[]").split(",")]
        parts = [colnos.get(n, 0) for n in names]
        _insert_index(cur, name, tabid, "U" if unique else "D", parts)


def _insert_index(
    cur: duckdb.DuckDBPyConnection, idxname: str, tabid: int, idxtype: str, parts: list[int]
) -> None:
    values = (parts + [0] * 16)[:16]
    marks = ", ".join("?" for _ in values)
    cur.execute(
        "INSERT INTO sysindexes (idxname, owner, tabid, idxtype, clustered, part1, part2, part3, "
        "part4, part5, part6, part7, part8, part9, part10, part11, part12, part13, part14, "
        f"part15, part16, levels, leaves, nunique, clust, nrows, amid, pagesize) VALUES "
        f"(?, ?, ?, ?, '-', {marks}, 1, 1, 1, 0, 0, 0, 2048)",
        [idxname, OWNER, tabid, idxtype, *values],
    )


def _insert_reference(
    cur: duckdb.DuckDBPyConnection, constrid: int, ref_table: str, ref_names: list[str]
) -> None:
    """The sysreferences row of a foreign key: the referenced table's primary (or unique)
    constraint on the same columns."""
    ptabid = tabid_of(cur, ref_table)
    if ptabid is None:
        return
    found = cur.execute(
        "SELECT constrid FROM sysconstraints WHERE tabid = ? AND constrtype IN ('P', 'U') "
        "ORDER BY constrtype",
        [ptabid],
    ).fetchone()
    primary = int(found[0]) if found else 0
    cur.execute(
        "INSERT INTO sysreferences VALUES (?, ?, ?, 'R', 'R', 'N', 'N')",
        [constrid, primary, ptabid],
    )
