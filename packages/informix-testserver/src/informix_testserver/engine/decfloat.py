"""Floating DECIMAL(p): exact storage on DuckDB, numbers in expressions.

IDS keeps a floating DECIMAL(p) value with p significant digits (p <= 32) and an exponent from
about 10^-130 to 10^124 (IBM Guide to SQL: Reference, "DECIMAL(p) Floating Point"); JDBC reads
it as IfxDecimal / BigDecimal. No DuckDB number type has both that precision and that range
(DECIMAL(38,s) fixes its scale; DOUBLE keeps 15-17 digits), so the column is a DuckDB VARCHAR
holding the value's exact decimal text:

- stored: ``ifx_decfloat(value)`` checks that the value is a number (-1213 otherwise) and keeps
  its text without trailing fractional zeros (``1.50`` -> ``1.5``), so equal values written the
  same way group and compare as equal;
- read: a column named on its own in the outermost select list or GROUP BY is its text, which
  goes to the client as a Decimal rounded to p digits (``values``), so what was stored comes
  back exactly;
- everywhere else (WHERE, ORDER BY, expressions, aggregates, subqueries, joins) a reference is
  ``CAST(column AS DOUBLE)``, so comparisons, ordering and arithmetic work for ordinary values.

What is still approximate: arithmetic, comparisons and aggregates run in DOUBLE (values that
differ only beyond the 15th-17th digit compare equal; SUM/AVG of the column come back as FLOAT);
a CAST to a floating DECIMAL in an expression is a DOUBLE (described as FLOAT); a value is
rounded to p digits when read, not when stored; the same number written once as a DOUBLE
(``1e20``) and once as a DECIMAL (``100000000000000000000``) is two texts to GROUP BY, DISTINCT
and unique indexes.
"""

from __future__ import annotations

from collections.abc import Mapping

from informix_testserver.engine.lexer import Tok, TokKind, render
from informix_testserver.engine.tokens import raw

#: -1213 "A character to numeric conversion process failed" (IBM finderr).
_NOT_A_NUMBER = "error('-1213: A character to numeric conversion process failed')"
_TEXT = "trim(CAST(v AS VARCHAR))"
MACROS: tuple[str, ...] = (
    "CREATE OR REPLACE MACRO ifx_decfloat(v) AS CASE WHEN v IS NULL THEN NULL "
    f"WHEN TRY_CAST({_TEXT} AS DOUBLE) IS NULL THEN {_NOT_A_NUMBER} "
    f"ELSE regexp_replace(regexp_replace({_TEXT}, '(\\.[0-9]*?)0+$', '\\1'), '\\.$', '') END",
)

_SELECT_PREFIX = frozenset({"SELECT", "DISTINCT", "ALL", "UNIQUE"})
#: Words that may follow an operand inside an expression (so the name is not a whole item).
_OPERATOR_WORDS = frozenset({"IS", "IN", "NOT", "BETWEEN", "LIKE", "GLOB", "AND", "OR", "ESCAPE"})
_CLAUSES = {"FROM": "from", "WHERE": "other", "HAVING": "other", "ON": "on", "SELECT": "select",
            "UNION": "other", "EXCEPT": "other", "INTERSECT": "other", "LIMIT": "other",
            "OFFSET": "other", "JOIN": "from", "INTO": "other"}  # fmt: skip


def fit_sql(value: str) -> str:
    """``value`` as a floating DECIMAL column stores it."""
    return f"ifx_decfloat({value})"


def _word(tok: Tok | None) -> str:
    if tok is None or tok.kind not in (TokKind.IDENT, TokKind.RAW):
        return ""
    return tok.text.upper()


def _name(tok: Tok) -> str | None:
    if tok.kind is TokKind.IDENT:
        return tok.text.lower()
    if tok.kind is TokKind.RAW and len(tok.text) > 1 and tok.text[0] == tok.text[-1] == '"':
        return tok.text[1:-1].replace('""', '"')
    return None


class _Rewrite:
    def __init__(self, toks: list[Tok], names: Mapping[str, int]) -> None:
        self.toks = toks
        self.names = names
        self.out: list[Tok] = []
        self.context = ["other"]  # per bracket depth
        self.distinct = False
        self.bare: dict[str, list[Tok]] = {}  # top-level ordinal / alias -> the column

    def run(self) -> list[Tok]:
        toks = self.toks
        k = 0
        item = 0
        while k < len(toks):
            tok = toks[k]
            word = _word(tok)
            depth = len(self.context) - 1
            if tok.kind is TokKind.OP and tok.text in "([":
                self.context.append("other")
            elif tok.kind is TokKind.OP and tok.text in ")]" and depth:
                self.context.pop()
            elif tok.is_op(",") and self.context[-1] == "select" and depth == 0:
                item += 1
            elif word in ("GROUP", "ORDER") and _word(_at(toks, k + 1)) == "BY":
                self.context[-1] = word.lower()
            elif word in _CLAUSES:
                self.context[-1] = _CLAUSES[word]
                if word == "SELECT" and depth == 0:
                    item = 1
                    following = _word(_at(toks, k + 1))
                    self.distinct = self.distinct or following in ("DISTINCT", "UNIQUE")
            if self._is_reference(k):
                k = self._reference(k, item)
                continue
            if self.context[-1] == "order" and depth == 0 and not self.distinct:
                target = self._ordered(tok, k)
                if target is not None:
                    self.out.append(raw(f"CAST({render(target)} AS DOUBLE)"))
                    k += 1
                    continue
            self.out.append(tok)
            k += 1
        return self.out

    def _is_reference(self, k: int) -> bool:
        toks = self.toks
        name = _name(toks[k])
        if name is None or (k and toks[k - 1].is_op(".")):
            return False
        end = self._chain_end(k)
        last = _name(toks[end - 1])
        if last is None or last not in self.names:
            return False
        return not (end < len(toks) and toks[end].is_op("("))

    def _chain_end(self, k: int) -> int:
        toks = self.toks
        end = k + 1
        while end + 1 < len(toks) and toks[end].is_op(".") and _name(toks[end + 1]) is not None:
            end += 2
        return end

    def _reference(self, k: int, item: int) -> int:
        toks = self.toks
        end = self._chain_end(k)
        chain = toks[k:end]
        before = toks[k - 1] if k else None
        after = toks[end] if end < len(toks) else None
        context = self.context[-1]
        whole = self._whole_item(before, after)
        if context in ("from", "on") and not _is_operator(before, after):
            self.out += chain  # a table or alias name, or a test such as IS NULL
            return end
        if whole and len(self.context) == 1 and context in ("select", "group"):
            self.out += chain  # the column's own value, returned exactly
            if context == "select":
                self.bare[str(item)] = chain
                alias = toks[end + 1] if _word(after) == "AS" and end + 1 < len(toks) else after
                alias_name = _name(alias) if alias is not None else None
                if alias_name is not None and _word(alias) != "FROM":
                    self.bare[alias_name] = chain
            return end
        self.out.append(raw(f"CAST({render(chain)} AS DOUBLE)"))
        if whole and context == "select" and (after is None or _name(after) is None):
            self.out.append(raw(f"AS {render([chain[-1]])}"))  # a subquery's column keeps its name
        return end

    def _whole_item(self, before: Tok | None, after: Tok | None) -> bool:
        starts = before is None or before.is_op(",") or before.is_op("(")
        starts = starts or _word(before) in _SELECT_PREFIX or _word(before) == "BY"
        if not starts:
            return False
        if after is None or after.is_op(",") or after.is_op(")"):
            return True
        if after.kind is TokKind.OP:
            return False
        return _word(after) not in _OPERATOR_WORDS

    def _ordered(self, tok: Tok, k: int) -> list[Tok] | None:
        """An ORDER BY item naming a bare decimal select item by position or alias."""
        before = self.toks[k - 1] if k else None
        after = self.toks[k + 1] if k + 1 < len(self.toks) else None
        if not (before is not None and (before.is_op(",") or _word(before) == "BY")):
            return None
        if after is not None and after.kind is TokKind.OP and not after.is_op(","):
            return None
        key = tok.text if tok.kind is TokKind.NUMBER else _name(tok)
        return self.bare.get(key or "")


def _at(toks: list[Tok], k: int) -> Tok | None:
    return toks[k] if k < len(toks) else None


def _is_operator(before: Tok | None, after: Tok | None) -> bool:
    """A reference next to an operator is a value, wherever it stands."""
    for tok in (before, after):
        if tok is not None and tok.kind is TokKind.OP and tok.text not in ",()[]":
            return True
    return False


def numeric_references(toks: list[Tok], names: Mapping[str, int]) -> list[Tok]:
    """References of floating DECIMAL columns (``names``) as numbers, except where the column's
    own value is what the statement returns (see the module docstring)."""
    if not names:
        return toks
    return _Rewrite(toks, names).run()
