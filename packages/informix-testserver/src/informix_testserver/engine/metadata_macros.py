"""DuckDB macros standing in for the catalog functions IDS ships for JDBC's DatabaseMetaData
(``informix.get_data_type``, ``schema_precision`` ... called by ``IfxDatabaseMetaData.getColumns``
and kin). Their results follow the JDBC mapping of Informix types (IBM JDBC Driver Programmer's
Guide, "Data type mapping": java.sql.Types per Informix type) and the column size rules of
``DatabaseMetaData.getColumns`` (characters for strings, digits for numbers).
"""

from __future__ import annotations

#: java.sql.Types of a base type code (t % 256); xid picks the built-in UDTs.
_JDBC_TYPE = """CASE
  WHEN t % 256 = 41 AND x = 5 THEN 16 WHEN t % 256 = 41 AND x = 10 THEN 2004
  WHEN t % 256 = 41 AND x = 11 THEN 2005 WHEN t % 256 IN (40, 43) THEN 12
  WHEN t % 256 IN (0, 15) THEN 1 WHEN t % 256 = 1 THEN 5 WHEN t % 256 IN (2, 6) THEN 4
  WHEN t % 256 = 3 THEN 8 WHEN t % 256 = 4 THEN 7 WHEN t % 256 IN (5, 8) THEN 3
  WHEN t % 256 = 7 THEN 91 WHEN t % 256 = 10 THEN 93 WHEN t % 256 = 11 THEN -4
  WHEN t % 256 = 12 THEN -1 WHEN t % 256 IN (13, 16) THEN 12
  WHEN t % 256 IN (17, 18, 52, 53) THEN -5 WHEN t % 256 = 45 THEN 16 ELSE 1111 END"""

_TYPE_NAME = """CASE
  WHEN t % 256 = 41 AND x = 5 THEN 'BOOLEAN' WHEN t % 256 = 41 AND x = 10 THEN 'BLOB'
  WHEN t % 256 = 41 AND x = 11 THEN 'CLOB' WHEN t % 256 IN (40, 43) THEN 'LVARCHAR'
  WHEN t % 256 = 0 THEN 'CHAR' WHEN t % 256 = 1 THEN 'SMALLINT' WHEN t % 256 = 2 THEN 'INTEGER'
  WHEN t % 256 = 3 THEN 'FLOAT' WHEN t % 256 = 4 THEN 'SMALLFLOAT' WHEN t % 256 = 5 THEN 'DECIMAL'
  WHEN t % 256 = 6 THEN 'SERIAL' WHEN t % 256 = 7 THEN 'DATE' WHEN t % 256 = 8 THEN 'MONEY'
  WHEN t % 256 = 10 THEN 'DATETIME' WHEN t % 256 = 11 THEN 'BYTE' WHEN t % 256 = 12 THEN 'TEXT'
  WHEN t % 256 = 13 THEN 'VARCHAR' WHEN t % 256 = 14 THEN 'INTERVAL' WHEN t % 256 = 15 THEN 'NCHAR'
  WHEN t % 256 = 16 THEN 'NVARCHAR' WHEN t % 256 = 17 THEN 'INT8' WHEN t % 256 = 18 THEN 'SERIAL8'
  WHEN t % 256 = 45 THEN 'BOOLEAN' WHEN t % 256 = 52 THEN 'BIGINT'
  WHEN t % 256 = 53 THEN 'BIGSERIAL' ELSE 'UDT' END"""

#: Column size: characters of a string, digits of a number; a DATETIME / INTERVAL gives its
#: encoded qualifier, which JDBC decodes itself (getColumns: Interval.getIfxTypeName(collength)).
_PRECISION = """CASE
  WHEN t % 256 IN (0, 15) THEN n WHEN t % 256 IN (13, 16) THEN n % 256
  WHEN t % 256 IN (40, 43) THEN n WHEN t % 256 = 1 THEN 5 WHEN t % 256 IN (2, 6) THEN 10
  WHEN t % 256 = 3 THEN 15 WHEN t % 256 = 4 THEN 7 WHEN t % 256 IN (5, 8) THEN n // 256
  WHEN t % 256 = 7 THEN 10 WHEN t % 256 IN (10, 14) THEN n
  WHEN t % 256 IN (17, 18, 52, 53) THEN 19 WHEN t % 256 = 41 AND x = 5 THEN 1
  ELSE n END"""

MACROS: tuple[str, ...] = (
    f"CREATE OR REPLACE MACRO get_data_type(t, x, z) AS {_JDBC_TYPE}",
    f"CREATE OR REPLACE MACRO schema_coltypename(t, x) AS {_TYPE_NAME}",
    f"CREATE OR REPLACE MACRO schema_precision(t, x, n) AS {_PRECISION}",
    "CREATE OR REPLACE MACRO schema_numscale(t, n) AS CASE WHEN t % 256 IN (5, 8) "
    "AND n % 256 <> 255 THEN n % 256 WHEN t % 256 IN (1, 2, 6, 17, 18, 52, 53) THEN 0 "
    "ELSE NULL END",
    "CREATE OR REPLACE MACRO schema_numprecradix(t) AS CASE WHEN t % 256 IN "
    "(1, 2, 3, 4, 5, 6, 8, 17, 18, 52, 53) THEN 10 ELSE NULL END",
    "CREATE OR REPLACE MACRO schema_isnullable(t) AS CASE WHEN t >= 256 THEN 0 ELSE 1 END",
    "CREATE OR REPLACE MACRO schema_nullable(t) AS CASE WHEN t >= 256 THEN 'NO' ELSE 'YES' END",
    "CREATE OR REPLACE MACRO schema_isautoincr(t) AS "
    "CASE WHEN t % 256 IN (6, 18, 53) THEN 'YES' ELSE 'NO' END",
    "CREATE OR REPLACE MACRO schema_datetype(t, n) AS "
    "CASE WHEN t % 256 IN (10, 14) THEN n % 256 ELSE NULL END",
    "CREATE OR REPLACE MACRO schema_charlen(t, x, n) AS CASE WHEN t % 256 IN (0, 15, 40, 43) "
    "THEN n WHEN t % 256 IN (13, 16) THEN n % 256 ELSE NULL END",
    "CREATE OR REPLACE MACRO schema_bufflen(t, n) AS n",
    "CREATE OR REPLACE MACRO get_default_value(t, x, n, d) AS d",
)
