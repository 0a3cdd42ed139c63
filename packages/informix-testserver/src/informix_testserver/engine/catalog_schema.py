"""The system catalog tables every database has, with their Informix column types.

Column lists follow the IBM Informix Guide to SQL: Reference ("System catalog tables"), trimmed to
the columns clients read; IBM JDBC 4.50.10.1 ``IfxDatabaseMetaData`` and ``IfxSqliConnect`` (the
GL_COLLATE and ' VERSION' queries, sqli-facts part B §3) are the clients that must work. Each table
is a DuckDB table in the database's own catalog, described in ``syscolumns`` like any user table,
so DESCRIBE reports the Informix types below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from informix_wire.typecodes import TypeCode

#: (table, tabid, "column type, ...") in the Informix type syntax of ``parse_type``.
CATALOG_TABLES: tuple[tuple[str, int, str], ...] = (
    ("systables", 1, "tabname varchar(128), owner char(32), partnum integer, tabid serial, "
     "rowsize smallint, ncols smallint, nrows float, created date, version integer, "
     "tabtype char(1), locklevel char(1), npused float, fextsize integer, nextsize integer, "
     "flags smallint, site varchar(128), dbname varchar(128), type_xid integer, am_id integer, "
     "pagesize integer, secpolicyid integer, protgranularity char(1), statchange smallint, "
     "statlevel char(1)"),
    ("syscolumns", 2, "colname varchar(128), tabid integer, colno smallint, coltype smallint, "
     "collength smallint, colmin integer, colmax integer, extended_id integer, "
     "seclabelid integer, colattr smallint"),
    ("sysindexes", 3, "idxname varchar(128), owner char(32), tabid integer, idxtype char(1), "
     "clustered char(1), part1 smallint, part2 smallint, part3 smallint, part4 smallint, "
     "part5 smallint, part6 smallint, part7 smallint, part8 smallint, part9 smallint, "
     "part10 smallint, part11 smallint, part12 smallint, part13 smallint, part14 smallint, "
     "part15 smallint, part16 smallint, levels smallint, leaves float, nunique float, "
     "clust float, nrows float, amid integer, collation char(32), pagesize integer"),
    ("systabauth", 4, "grantor char(32), grantee char(32), tabid integer, tabauth char(9)"),
    ("syscolauth", 5, "grantor char(32), grantee char(32), tabid integer, colno smallint, "
     "colauth char(3)"),
    ("sysviews", 6, "tabid integer, seqno smallint, viewtext char(64)"),
    ("sysusers", 7, "username char(32), usertype char(1), priority smallint, "
     "password char(16), defrole char(32)"),
    ("syssyntable", 10, "tabid integer, servername varchar(128), dbname varchar(128), "
     "owner char(32), tabname varchar(128), btabid integer"),
    ("sysconstraints", 11, "constrid serial, constrname varchar(128), owner char(32), "
     "tabid integer, constrtype char(1), idxname varchar(128), collation char(32)"),
    ("sysreferences", 12, "constrid integer, primary integer, ptabid integer, "
     "updrule char(1), delrule char(1), matchtype char(1), pendant char(1)"),
    ("syschecks", 13, "constrid integer, type char(1), seqno smallint, checktext char(32)"),
    ("sysdefaults", 14, "tabid integer, colno smallint, type char(1), default lvarchar(256), "
     "class char(1)"),
    ("sysprocedures", 16, "procname varchar(128), owner char(32), procid serial, mode char(1), "
     "retsize integer, symsize integer, datasize integer, codesize integer, numargs smallint, "
     "isproc char(1), specificname varchar(128), externalname varchar(255), "
     "paramstyle char(1), langid integer, paramtypes lvarchar(2048), variant boolean, "
     "client boolean, handlesnulls boolean, iterator boolean, percallcost integer, "
     "commutator varchar(128), negator varchar(128), selfunc varchar(128), internal boolean, "
     "class char(18), stack integer, parallelizable boolean, costfunc varchar(128), "
     "selconst float, collation char(32), procflags integer"),
    ("sysprocbody", 17, "procid integer, datakey char(1), seqno integer, data char(256)"),
    ("sysroleauth", 29, "rolename char(32), grantee char(32), is_grantable char(1)"),
    ("sysxtdtypes", 30, "extended_id serial, domain char(1), mode char(1), owner char(32), "
     "name varchar(128), type smallint, source integer, maxlen integer, length integer, "
     "byvalue char(1), cannotcast char(1), align smallint, locator integer"),
    ("sysattrtypes", 31, "extended_id integer, seqno smallint, levelno smallint, "
     "parent_no smallint, fieldname varchar(128), fieldno smallint, type smallint, "
     "length smallint, xtd_type_id integer"),
    ("sysinherits", 33, "child integer, parent integer, class char(1)"),
    ("sysxtdtypeauth", 37, "grantor char(32), grantee char(32), type integer, auth char(2)"),
    ("sysproccolumns", 49, "procid integer, paramname varchar(128), paramid smallint, "
     "paramtype smallint, paramlen smallint, paramxid integer, paramattr smallint"),
)  # fmt: skip

#: sysmaster's own table (IBM "The sysmaster database": sysdatabases).
SYSDATABASES: tuple[str, int, str] = (
    "sysdatabases", 50, "name varchar(128), partnum integer, owner char(32), created date, "
    "is_logging integer, is_buff_log integer, is_ansi integer, is_nls integer, "
    "is_case_insens integer, flags smallint",
)  # fmt: skip

#: The first tabid of a user table (systables.tabid: 1-99 are the catalog's).
FIRST_USER_TABID = 100


@dataclass(frozen=True)
class CatalogColumn:
    """A catalog column: its name, Informix type and length, and the DuckDB type storing it."""

    name: str
    type_code: int
    length: int
    duck_type: str


_TYPE = re.compile(r"(\w+)\s+(\w+)(?:\((\d+)\))?")
_SIMPLE = {
    "smallint": (TypeCode.SMALLINT, 2, "SMALLINT"),
    "integer": (TypeCode.INT, 4, "INTEGER"),
    "serial": (TypeCode.SERIAL, 4, "INTEGER"),
    "float": (TypeCode.FLOAT, 8, "DOUBLE"),
    "date": (TypeCode.DATE, 4, "DATE"),
}


def parse_columns(text: str) -> list[CatalogColumn]:
    """The columns of one ``CATALOG_TABLES`` entry."""
    out = []
    for part in text.split(","):
        match = _TYPE.fullmatch(part.strip())
        assert match is not None, part
        name, kind, size = match[1], match[2], int(match[3] or 0)
        if kind in _SIMPLE:
            code, length, duck = _SIMPLE[kind]
        elif kind == "char":
            code, length, duck = TypeCode.CHAR, size, "VARCHAR"
        elif kind == "varchar":
            code, length, duck = TypeCode.VARCHAR, size, "VARCHAR"
        elif kind == "lvarchar":
            code, length, duck = TypeCode.LVARCHAR, size, "VARCHAR"
        elif kind == "boolean":
            code, length, duck = TypeCode.BOOL, 1, "BOOLEAN"
        else:
            raise AssertionError(kind)
        out.append(CatalogColumn(name, code, length, duck))
    return out
