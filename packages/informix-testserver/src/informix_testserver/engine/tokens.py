"""Token-list utilities the SQL rewriters share: bracket matching, top-level splitting, operand
bounds, parameter numbering, and the tokens a rewrite inserts."""

from __future__ import annotations

from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind


def raw(text: str) -> Tok:
    return Tok(TokKind.RAW, text)


def word(text: str) -> Tok:
    """A keyword the rewriter itself inserts and must still recognise (JOIN, ON ...)."""
    return Tok(TokKind.IDENT, text)


def number_params(toks: list[Tok]) -> tuple[list[Tok], int]:
    """Replace each ``?`` with ``$n`` (1-based, in order); return the count too."""
    out: list[Tok] = []
    count = 0
    for tok in toks:
        if tok.kind is TokKind.PARAM:
            count += 1
            out.append(Tok(TokKind.RAW, f"${count}", tok.pos))
        else:
            out.append(tok)
    return out, count


def matching(toks: list[Tok], i: int) -> int:
    """Index of the bracket that closes the one at ``toks[i]``."""
    depth = 0
    for j in range(i, len(toks)):
        tok = toks[j]
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
            if depth == 0:
                return j
    raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos)


def split_top(toks: list[Tok], sep: str = ",") -> list[list[Tok]]:
    """Split at separators outside brackets (``sep`` an operator or an upper-case keyword)."""
    parts: list[list[Tok]] = [[]]
    depth = 0
    for tok in toks:
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
        if depth == 0 and (tok.is_op(sep) or tok.up == sep):
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


def pattern_end(toks: list[Tok], i: int) -> int:
    """End of a LIKE / MATCHES pattern: an operand, or operands joined by ``||``."""
    end = operand_end(toks, i)
    while end < len(toks) and toks[end].is_op("||"):
        end = operand_end(toks, end + 1)
    return end


def operand_end(toks: list[Tok], i: int) -> int:
    """End (exclusive) of the primary operand that starts at ``toks[i]``."""
    if i >= len(toks):
        raise SqlError(SYNTAX_ERROR, near="", offset=toks[-1].pos if toks else 0)
    j = i
    if toks[j].is_op("-") or toks[j].is_op("+"):
        j += 1
    if toks[j].is_op("("):
        return matching(toks, j) + 1
    j += 1
    while j + 1 < len(toks) and toks[j].is_op("."):
        j += 2
    if j < len(toks) and toks[j].is_op("("):
        j = matching(toks, j) + 1
    return j


def operand_start(out: list[Tok]) -> int:
    """Start index, in ``out``, of the primary operand that ends it."""
    j = len(out) - 1
    if j < 0:
        raise SqlError(SYNTAX_ERROR, near="[", offset=0)
    if out[j].is_op(")"):
        depth = 0
        while j >= 0:
            if out[j].is_op(")"):
                depth += 1
            elif out[j].is_op("("):
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        if j > 0 and out[j - 1].kind is TokKind.IDENT:
            j -= 1
        return j
    while j >= 2 and out[j - 1].is_op("."):
        j -= 2
    return j
