"""BLOB/CLOB parameters: what a bound value becomes before the engine stores it.

Which ``?`` feed a BLOB or CLOB column is ``engine.param_types``'s answer, the same SQ_IDESCRIBE
sends: such a parameter is described as the column is (UDTFIXED 41, extended id 10 / 11, owner
``informix``, name ``blob`` / ``clob``). That is what makes JDBC treat it as a smart LOB:
``IfxValue`` gives extended ids 10 and 11 the class ``IfxSmBlob``, whose ``setBytes`` /
``setString`` / ``setBinaryStream`` create the LOB on the server before the statement runs
(``IfxSmBlob.createBlobOnServer``: ifx_lo_create, SQ_LODATA writes, ifx_lo_close) and bind its
locator. Here:

- a bound locator is stored as its 72 bytes; in an INSERT or UPDATE that counts as a reference
  (``smartlob``);
- bytes or text bound where an INSERT or UPDATE has a BLOB/CLOB parameter (a BYTE/TEXT or
  character value, as informix_db binds ``bytes`` / ``str``) become a new LOB holding them, the
  conversion IDS offers between simple and smart large objects (its ByteToBlob / TextToClob
  casts, IBM DataBlade API Programmer's Guide; a character value's implicit conversion is this
  server's choice).
"""

from __future__ import annotations

from typing import Any

from informix_testserver import smartlob
from informix_types import BlobLocator

_LOB_NAMES = ("blob", "clob")
_STORING = ("INSERT", "UPDATE")


def bind(session: Any, stmt: Any, params: list[object]) -> list[object]:
    """``params`` as the engine stores them: locators as their bytes (a reference when an INSERT
    or UPDATE stores them), bytes or text for a BLOB/CLOB parameter as a new LOB's locator."""
    storing = getattr(getattr(stmt.prepared, "kind", None), "name", "") in _STORING
    types = getattr(stmt.prepared, "param_types", [])
    out = list(params)
    for i, value in enumerate(out):
        if isinstance(value, BlobLocator):
            out[i] = value.data
            if storing and smartlob.locator_id(value.data) is not None:
                smartlob.note_stored(session, value.data)
        elif storing and isinstance(value, bytes | bytearray | str) and _is_lob(types, i):
            content = value.encode(session.encoding) if isinstance(value, str) else bytes(value)
            locator = smartlob.create(session, b"", content)
            smartlob.note_stored(session, locator)
            out[i] = locator
    return out


def _is_lob(types: list[Any], index: int) -> bool:
    spec = types[index] if index < len(types) else None
    return spec is not None and spec.extended_name in _LOB_NAMES
