"""BLOB/CLOB parameters: which ``?`` of an INSERT or UPDATE feed a BLOB or CLOB column, what
SQ_IDESCRIBE says about them, and what a bound value becomes before the engine stores it.

- SQ_IDESCRIBE describes such a parameter as the column is described (UDTFIXED 41, extended id
  10 / 11, owner ``informix``, name ``blob`` / ``clob``). That is what makes JDBC treat it as a
  smart LOB: ``IfxValue`` gives extended ids 10 and 11 the class ``IfxSmBlob``, whose
  ``setBytes`` / ``setString`` / ``setBinaryStream`` create the LOB on the server before the
  statement runs (``IfxSmBlob.createBlobOnServer``: ifx_lo_create, SQ_LODATA writes,
  ifx_lo_close) and bind its locator.
- A bound locator is stored as its 72 bytes; in an INSERT or UPDATE that counts as a reference
  (``smartlob``).
- bytes or text bound into a BLOB/CLOB column (a BYTE/TEXT or character value, as informix_db
  binds ``bytes`` / ``str``) become a new LOB holding them, the conversion IDS offers between
  simple and smart large objects (its ByteToBlob / TextToClob casts, IBM DataBlade API
  Programmer's Guide; a character value's implicit conversion is this server's choice).
"""

from __future__ import annotations

import weakref
from typing import Any

from informix_testserver import smartlob
from informix_testserver.engine.columns import XID_BLOB, XID_CLOB, ColumnSpec, builtin_udt
from informix_testserver.engine.lexer import Tok, TokKind, tokenize
from informix_types import BlobLocator
from informix_wire.typecodes import TypeCode

_LOB_NAMES = ("blob", "clob")
_STORING = ("INSERT", "UPDATE")
#: Parameter index -> "blob" / "clob", per prepared statement (by id, dropped with it).
_targets: dict[int, dict[int, str]] = {}


def _split_top(toks: list[Tok], separator: str = ",") -> list[list[Tok]]:
    """``toks`` split at top-level ``separator`` operators."""
    groups: list[list[Tok]] = [[]]
    depth = 0
    for tok in toks:
        if tok.is_op("("):
            depth += 1
        elif tok.is_op(")"):
            depth -= 1
        if depth == 0 and tok.is_op(separator):
            groups.append([])
        else:
            groups[-1].append(tok)
    return groups


def _closing(toks: list[Tok], i: int) -> int:
    """Index of the parenthesis closing the one at ``toks[i]``."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].is_op("("):
            depth += 1
        elif toks[j].is_op(")"):
            depth -= 1
            if depth == 0:
                return j
    return len(toks)


def _params_before(toks: list[Tok], end: int) -> int:
    return sum(1 for tok in toks[:end] if tok.kind is TokKind.PARAM)


def _after_name(toks: list[Tok], i: int) -> int:
    """The index after a table name starting at ``toks[i]`` (``[db:][owner.]table``)."""
    i += 1
    while i + 1 < len(toks) and (toks[i].is_op(".") or toks[i].is_op(":")):
        i += 2
    return i


def _insert_targets(toks: list[Tok], columns: list[str]) -> dict[int, str]:
    """``INSERT INTO t [(cols)] VALUES (...)``: parameter index -> column name, for the values
    that are a lone ``?``."""
    names = columns
    at = _after_name(toks, 2)
    if at < len(toks) and toks[at].is_op("("):
        end = _closing(toks, at)
        names = [g[0].text.lower() if len(g) == 1 else "" for g in _split_top(toks[at + 1 : end])]
        at = end + 1
    start = at + 1
    if start >= len(toks) or toks[at].up != "VALUES" or not toks[start].is_op("("):
        return {}
    found: dict[int, str] = {}
    index = _params_before(toks, start)
    for position, group in enumerate(_split_top(toks[start + 1 : _closing(toks, start)])):
        if len(group) == 1 and group[0].kind is TokKind.PARAM and position < len(names):
            found[index] = names[position]
        index += sum(1 for tok in group if tok.kind is TokKind.PARAM)
    return found


def _update_targets(toks: list[Tok]) -> dict[int, str]:
    """``UPDATE t SET col = ?, ...``: parameter index -> column name."""
    at = next((i for i, tok in enumerate(toks) if tok.up == "SET"), None)
    if at is None:
        return {}
    found: dict[int, str] = {}
    index = _params_before(toks, at)
    end = next((i for i in range(at, len(toks)) if toks[i].up == "WHERE"), len(toks))
    for item in _split_top(toks[at + 1 : end]):
        if (
            len(item) == 3
            and item[0].kind is TokKind.IDENT
            and item[1].is_op("=")
            and item[2].kind is TokKind.PARAM
        ):
            found[index] = item[0].text.lower()
        index += sum(1 for tok in item if tok.kind is TokKind.PARAM)
    return found


def _table_lobs(session: Any, table: str) -> tuple[list[str], dict[str, str]]:
    """The table's column names in order, and its BLOB/CLOB columns' kinds (as DESCRIBE says)."""
    try:
        specs = session.engine_session.prepare(f"SELECT * FROM {table}").columns
    except Exception as exc:
        if isinstance(getattr(exc, "sqlcode", None), int):
            return [], {}
        raise
    names = [str(spec.name).lower() for spec in specs]
    kinds = {str(s.name).lower(): s.extended_name for s in specs if s.extended_name in _LOB_NAMES}
    return names, kinds


def targets(session: Any, prepared: Any) -> dict[int, str]:
    """Which parameters of ``prepared`` feed a BLOB or CLOB column: index -> "blob" / "clob"."""
    key = id(prepared)
    found = _targets.get(key)
    if found is not None:
        return found
    found = {}
    kind = getattr(getattr(prepared, "kind", None), "name", "")
    table = getattr(getattr(prepared, "translation", None), "table", None)
    if kind in _STORING and table and getattr(prepared, "param_count", 0):
        toks = tokenize(str(prepared.sql))
        names, kinds = _table_lobs(session, str(table))
        if kinds:
            by_column = _insert_targets(toks, names) if kind == "INSERT" else _update_targets(toks)
            found = {i: kinds[c] for i, c in by_column.items() if c in kinds}
    _targets[key] = found
    weakref.finalize(prepared, _targets.pop, key, None)
    return found


def input_types(session: Any, stmt: Any) -> list[ColumnSpec | None]:
    """SQ_IDESCRIBE's parameter types: the engine's, with the BLOB/CLOB targets filled in."""
    types: list[ColumnSpec | None] = list(getattr(stmt.prepared, "param_types", []))
    for index, lob in targets(session, stmt.prepared).items():
        if index < len(types) and types[index] is None:
            xid = XID_BLOB if lob == "blob" else XID_CLOB
            types[index] = builtin_udt(lob, xid, TypeCode.UDTFIXED, smartlob.LOCATOR_SIZE, "", True)
    return types


def bind(session: Any, stmt: Any, params: list[object]) -> list[object]:
    """``params`` as the engine stores them: locators as their bytes (a reference when an INSERT
    or UPDATE stores them), bytes or text for a BLOB/CLOB column as a new LOB's locator."""
    lob_params = targets(session, stmt.prepared)
    storing = getattr(getattr(stmt.prepared, "kind", None), "name", "") in _STORING
    out = list(params)
    for i, value in enumerate(out):
        if isinstance(value, BlobLocator):
            out[i] = value.data
            if storing and smartlob.locator_id(value.data) is not None:
                smartlob.note_stored(session, value.data)
        elif i in lob_params and isinstance(value, bytes | bytearray | str):
            content = value.encode(session.encoding) if isinstance(value, str) else bytes(value)
            locator = smartlob.create(session, b"", content)
            smartlob.note_stored(session, locator)
            out[i] = locator
    return out
