"""The last step of translating a query or DML statement: the rewrites that depend on what the
catalog says (``schema.Schema``), applied to the already translated tokens.

- comparisons that ignore trailing blanks (``strings``);
- floating DECIMAL columns, stored as text, used as numbers in expressions (``decfloat``);
- calls of SPL functions inside SQL become calls of the DuckDB function the engine registered
  for the routine (``sql_routines``).
"""

from __future__ import annotations

from informix_testserver.engine import decfloat, strings
from informix_testserver.engine.lexer import Tok, TokKind
from informix_testserver.engine.schema import Schema
from informix_testserver.engine.tokens import raw


def apply(toks: list[Tok], schema: Schema | None) -> list[Tok]:
    """``toks`` with the schema-dependent rewrites; unchanged without a schema."""
    if schema is None:
        return toks
    kinds = schema.string_names()
    out = strings.blank_insensitive(toks, kinds)
    out = decfloat.numeric_references(out, schema.decimal_names())
    if schema.routines:
        out = _routine_calls(out, schema)
    return out


def _routine_calls(toks: list[Tok], schema: Schema) -> list[Tok]:
    """``f(x)`` where ``f`` is an SPL function: the engine's DuckDB function for it (IDS lets
    SQL call SPL functions like built-in ones: Guide to SQL: Syntax, "Function Expressions")."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        target = schema.routines.get(tok.text.lower())
        if (
            target is not None
            and tok.kind in (TokKind.IDENT, TokKind.RAW)
            and k + 1 < len(toks)
            and toks[k + 1].is_op("(")
            and not (k and toks[k - 1].is_op("."))
        ):
            out.append(raw(target))
        else:
            out.append(tok)
    return out
