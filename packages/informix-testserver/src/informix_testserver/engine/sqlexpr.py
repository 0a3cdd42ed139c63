"""Rewrites Informix queries and expressions, token by token, into DuckDB SQL.

What Informix spells differently (IBM, "Informix Guide to SQL: Syntax"): SELECT SKIP/FIRST/LIMIT
and the old ``OUTER`` join (``select_shape``), owner and database qualified names (``names``),
keywords such as TODAY, CURRENT, USER, MATCHES, DATETIME/INTERVAL, ROW and collection literals
(``word_handlers``), ``x[a,b]`` substrings, ``::`` casts, and the built-in functions DuckDB names
otherwise (NVL, DECODE, MDY, WEEKDAY, DBINFO, ...: ``sqlfuncs``). Parameters become ``$n`` in
their original order (``tokens.number_params``), so clauses can be moved and repeated.
"""

from __future__ import annotations

from . import composite
from .lexer import Tok, TokKind, render, tokenize
from .names import ident_chain, name_after_dot, table_ref
from .select_shape import CLAUSE_END, move_first_skip, outer_joins
from .sqlfuncs import AGGREGATES, FUNCTIONS
from .tokens import matching, operand_start, raw, split_top
from .types_sql import cast_target, parse_type
from .word_handlers import WORD_HANDLERS

_JOIN_WORDS = frozenset({"JOIN"})
#: Functions with another DuckDB name and the same arguments.
_RENAMED = {"NVL": "coalesce", "WEEKDAY": "dayofweek", "POW": "pow", "CHARACTER_LENGTH": "length"}


class Rewriter:
    """Rewrites one token list; recursion handles nested calls and subqueries."""

    def rewrite(self, toks: list[Tok]) -> list[Tok]:
        toks = move_first_skip(toks)
        toks = outer_joins(toks)
        out: list[Tok] = []
        i = 0
        from_stack: list[int] = []  # bracket depths at which a FROM list is open
        depth = 0
        expect_table = False
        while i < len(toks):
            tok = toks[i]
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            word = tok.up
            prev = out[-1] if out else None
            follows_dot = prev is not None and prev.is_op(".")
            if tok.kind is TokKind.OP:
                if tok.text in "([{":
                    depth += 1
                elif tok.text in ")]}":
                    while from_stack and from_stack[-1] >= depth:
                        from_stack.pop()
                    depth -= 1
                elif tok.text == "," and from_stack and from_stack[-1] == depth:
                    expect_table = True
                    out.append(tok)
                    i += 1
                    continue
                if tok.is_op("[") and prev is not None and prev.kind is not TokKind.OP:
                    i = self._substring(toks, i, out)
                    depth -= 1
                    continue
                if tok.is_op("::"):
                    i = self._cast_op(toks, i, out)
                    continue
                out.append(tok)
                i += 1
                continue
            if expect_table and tok.kind is TokKind.STRING and nxt is not None and nxt.is_op("."):
                i += 2  # a quoted owner: "informix".systables
                continue
            if tok.kind is TokKind.STRING and composite.is_quoted_literal(tok.text):
                out += self.rewrite(tokenize(tok.text))  # "SET{1, 2}", IDS's older form
                i += 1
                continue
            if tok.kind is not TokKind.IDENT or follows_dot:
                out.append(name_after_dot(tok) if tok.kind is TokKind.IDENT else tok)
                i += 1
                continue
            if expect_table and word not in ("TABLE", "LATERAL"):
                expect_table = False
                i = table_ref(toks, i, out)
                continue
            expect_table = False
            if word == "FROM" or word in _JOIN_WORDS:
                if word == "FROM":
                    from_stack.append(depth)
                expect_table = True
                out.append(raw(word))
                i += 1
                continue
            if word in CLAUSE_END and from_stack and from_stack[-1] == depth:
                from_stack.pop()
            handler = WORD_HANDLERS.get(word)
            if handler is not None:
                step = handler(self, toks, i, out)
                if step:
                    i = step
                    continue
            if nxt is not None and nxt.is_op("("):
                i = self._call(toks, i, out)
                continue
            i = ident_chain(toks, i, out)
        return out

    # -- helpers used by the handlers --

    def args(self, toks: list[Tok], open_idx: int) -> tuple[list[list[Tok]], int]:
        """The rewritten arguments of the call whose ``(`` is at ``open_idx``."""
        close = matching(toks, open_idx)
        inner = toks[open_idx + 1 : close]
        parts = split_top(inner) if inner else []
        return [self.rewrite(p) for p in parts], close + 1

    def _call(self, toks: list[Tok], i: int, out: list[Tok]) -> int:
        name = toks[i].up
        special = FUNCTIONS.get(name)
        if name in AGGREGATES and _is_window(toks, i + 1):
            special = None
        if special is None:
            out.append(raw(_RENAMED.get(name, toks[i].text.lower())))
            return i + 1
        args, nxt = self.args(toks, i + 1)
        out.append(raw(special([render(a) for a in args], toks[i])))
        return nxt

    def _substring(self, toks: list[Tok], i: int, out: list[Tok]) -> int:
        """``x[a,b]`` (characters a..b, 1-based) and ``x[a]``."""
        close = matching(toks, i)
        parts = split_top(toks[i + 1 : close])
        start = operand_start(out)
        operand = render(out[start:])
        del out[start:]
        lo = render(self.rewrite(parts[0]))
        hi = render(self.rewrite(parts[1])) if len(parts) > 1 else lo
        out.append(raw(f"substr({operand}, {lo}, ({hi}) - ({lo}) + 1)"))
        return close + 1

    def _cast_op(self, toks: list[Tok], i: int, out: list[Tok]) -> int:
        sql_type, nxt = parse_type(toks, i + 1)
        if sql_type.type_code in composite.COMPOSITE_CODES:
            start = operand_start(out)
            operand = render(out[start:])
            del out[start:]
            out.append(raw(composite.cast_sql(operand, sql_type)))
            return nxt
        out.append(raw("::"))
        out.append(raw(cast_target(sql_type)))
        return nxt


def _is_window(toks: list[Tok], open_idx: int) -> bool:
    """Whether the call whose ``(`` is at ``open_idx`` is followed by OVER."""
    after = matching(toks, open_idx) + 1
    return after < len(toks) and toks[after].up == "OVER"


def rewrite(toks: list[Tok]) -> list[Tok]:
    """Rewrite a query or expression's tokens into DuckDB's dialect."""
    return Rewriter().rewrite(toks)
