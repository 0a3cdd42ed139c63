"""Tokenizer for Informix SQL text, the first step of the dialect translator.

Lexing rules are Informix's, as recorded from IDS 12.10-15 in shared/reference/sqli-facts.md
("Statements and transactions"): only a doubled quote escapes a quote, a backslash escapes nothing,
``/* */`` does not nest, ``{...}`` and ``--`` start comments, ``::`` is the cast operator.  A
double-quoted token is a string literal, as it is when DELIMIDENT is not set (IBM, "Informix Guide
to SQL: Syntax", Delimited Identifiers).  Braces right after SET, MULTISET or LIST open a
collection literal instead of a comment (JDBC sends ``table (set{1})``).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class SqlError(Exception):
    """A statement the server rejects at PREPARE, with the SQLCA fields SQ_ERR carries."""

    def __init__(self, sqlcode: int, isamcode: int = 0, near: str = "", offset: int = 0) -> None:
        super().__init__(f"SQL error {sqlcode} near {near!r} at offset {offset}")
        self.sqlcode = sqlcode
        self.isamcode = isamcode
        self.near = near
        self.offset = offset


#: Informix -201: "A syntax error has occurred."
SYNTAX_ERROR = -201
#: Informix -282: "Found a quote for which there is no matching quote."
UNMATCHED_QUOTE = -282


class TokKind(enum.Enum):
    IDENT = "ident"
    NUMBER = "number"
    STRING = "string"
    PARAM = "param"
    OP = "op"
    BODY = "body"  # the raw text inside DATETIME(...) / INTERVAL(...) literals
    RAW = "raw"  # text produced by the translator, emitted as is


@dataclass(frozen=True)
class Tok:
    kind: TokKind
    text: str  # identifiers as written; strings without quotes (the value)
    pos: int = -1

    @property
    def up(self) -> str:
        """Upper-cased text, for keyword comparisons."""
        return self.text.upper() if self.kind is TokKind.IDENT else ""

    def is_op(self, text: str) -> bool:
        return self.kind is TokKind.OP and self.text == text

    def render(self) -> str:
        if self.kind is TokKind.STRING:
            return "'" + self.text.replace("'", "''") + "'"
        return self.text


_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_OPS2 = ("::", "||", "<=", ">=", "<>", "!=", "==")
_OPS1 = "(),.;+-*/=<>[]{}:@%"
_COLLECTION_WORDS = frozenset({"SET", "MULTISET", "LIST"})


def tokenize(sql: str) -> list[Tok]:
    """Split ``sql`` into tokens, dropping comments; raise SqlError for what cannot be lexed."""
    toks: list[Tok] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch.isspace():
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end < 0:
                raise SqlError(SYNTAX_ERROR, near=sql[i : i + 2], offset=i)
            i = end + 2
        elif ch == "{" and not (toks and toks[-1].up in _COLLECTION_WORDS):
            end = sql.find("}", i + 1)
            if end < 0:
                raise SqlError(SYNTAX_ERROR, near="{", offset=i)
            i = end + 1
        elif ch in "'\"":
            i = _lex_string(sql, i, toks)
        elif ch == "?":
            toks.append(Tok(TokKind.PARAM, "?", i))
            i += 1
        elif ch.isdigit() or (ch == "." and i + 1 < n and sql[i + 1].isdigit()):
            m = _NUMBER.match(sql, i)
            assert m is not None
            toks.append(Tok(TokKind.NUMBER, m.group(0), i))
            i = m.end()
        elif m := _IDENT.match(sql, i):
            toks.append(Tok(TokKind.IDENT, m.group(0), i))
            i = m.end()
            if m.group(0).upper() in ("DATETIME", "INTERVAL"):
                i = _lex_literal_body(sql, i, toks)
        elif sql[i : i + 2] in _OPS2:
            toks.append(Tok(TokKind.OP, sql[i : i + 2], i))
            i += 2
        elif ch in _OPS1:
            toks.append(Tok(TokKind.OP, ch, i))
            i += 1
        else:
            raise SqlError(SYNTAX_ERROR, near=ch, offset=i)
    return toks


def _lex_string(sql: str, start: int, toks: list[Tok]) -> int:
    quote = sql[start]
    parts: list[str] = []
    i = start + 1
    while True:
        end = sql.find(quote, i)
        if end < 0:
            raise SqlError(UNMATCHED_QUOTE, near=sql[start : start + 20], offset=start)
        parts.append(sql[i:end])
        if sql.startswith(quote, end + 1):  # a doubled quote stands for one quote
            parts.append(quote)
            i = end + 2
            continue
        toks.append(Tok(TokKind.STRING, "".join(parts), start))
        return end + 1


def _lex_literal_body(sql: str, i: int, toks: list[Tok]) -> int:
    """After DATETIME/INTERVAL: keep ``(2024-01-02 10:00)`` as one BODY token, unparsed."""
    j = i
    while j < len(sql) and sql[j].isspace():
        j += 1
    if j >= len(sql) or sql[j] != "(":
        return i
    end = sql.find(")", j)
    if end < 0:
        raise SqlError(SYNTAX_ERROR, near="(", offset=j)
    toks.append(Tok(TokKind.BODY, sql[j + 1 : end].strip(), j))
    return end + 1


def render(toks: list[Tok]) -> str:
    """Join tokens into SQL text with conventional spacing."""
    out: list[str] = []
    prev: Tok | None = None
    for tok in toks:
        text = tok.render()
        if prev is not None and _needs_space(prev, tok):
            out.append(" ")
        out.append(text)
        prev = tok
    return "".join(out)


def _needs_space(prev: Tok, tok: Tok) -> bool:
    if tok.kind is TokKind.OP and tok.text in ".,)]:":
        return False
    if prev.kind is TokKind.OP and prev.text in ".([:":
        return False
    if tok.is_op("(") and prev.kind is TokKind.IDENT:
        return False
    return not (tok.is_op("[") and prev.kind is not TokKind.OP)
