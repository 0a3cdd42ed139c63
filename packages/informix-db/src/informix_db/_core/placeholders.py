"""Parameter markers: turn ``?`` and ``:1`` markers into the ``?`` Informix prepares.

Informix prepares only ``?`` markers (SQ_PREPARE carries their count, JDBC ``IfxSqli.sendPrepare``).
``:N`` markers (numeric style, 1-based) are rewritten to ``?`` and the parameters reordered to
match; the two styles cannot be mixed. Markers inside string literals, quoted identifiers and
comments are left alone, lexed the way Informix lexes SQL (sqli-facts §3, "Statements and
transactions"): only a doubled quote escapes a quote (a backslash escapes nothing), ``--`` runs to
the end of the line, ``{...}`` and ``/* ... */`` are comments that do not nest, and ``::`` is the
cast operator, never a marker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from informix_wire.errors import ProgrammingError


@dataclass(frozen=True, slots=True)
class ParsedSql:
    """SQL text ready to prepare, the number of ``?`` markers, and for ``:N`` SQL the 0-based
    parameter index behind each marker (None for ``?`` SQL: parameters go in order)."""

    sql: str
    markers: int
    order: tuple[int, ...] | None = None

    def arrange(self, params: Sequence[object]) -> Sequence[object]:
        """The parameters in marker order, checking their number."""
        if self.order is None:
            if len(params) != self.markers:
                raise ProgrammingError(
                    f"the statement has {self.markers} parameter markers but "
                    f"{len(params)} parameters were given"
                )
            return params
        needed = max(self.order, default=-1) + 1
        if len(params) != needed:
            raise ProgrammingError(
                f"the statement uses parameters :1..:{needed} but {len(params)} were given"
            )
        return [params[i] for i in self.order]


def _skip_quoted(sql: str, i: int) -> int:
    """The index after the literal or quoted identifier opening at ``i`` (doubled quotes
    escape)."""
    quote = sql[i]
    n = len(sql)
    i += 1
    while i < n:
        if sql[i] == quote:
            if i + 1 < n and sql[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    raise ProgrammingError(f"unterminated {quote} quote in the SQL text")


def _skip_to(sql: str, i: int, end: str, what: str) -> int:
    j = sql.find(end, i)
    if j < 0:
        if end == "\n":
            return len(sql)
        raise ProgrammingError(f"unterminated {what} comment in the SQL text")
    return j + len(end)


@lru_cache(maxsize=256)
def parse_sql(sql: str) -> ParsedSql:
    """Find the markers of ``sql`` (cached: the same text is parsed once)."""
    out: list[str] = []
    order: list[int] = []
    qmarks = 0
    last = 0
    i = 0
    n = len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            i = _skip_quoted(sql, i)
        elif c == "-" and sql.startswith("--", i):
            i = _skip_to(sql, i + 2, "\n", "--")
        elif c == "/" and sql.startswith("/*", i):
            i = _skip_to(sql, i + 2, "*/", "/* */")
        elif c == "{":
            i = _skip_to(sql, i + 1, "}", "{ }")
        elif c == "?":
            qmarks += 1
            i += 1
        elif c == ":":
            if sql.startswith("::", i):
                i += 2
                continue
            j = i + 1
            while j < n and sql[j].isdigit():
                j += 1
            if j == i + 1 or (j < n and (sql[j].isalnum() or sql[j] == "_")):
                i = j
                continue
            number = int(sql[i + 1 : j])
            if number < 1:
                raise ProgrammingError(f"parameter marker :{number} (numbering starts at :1)")
            out.append(sql[last:i])
            out.append("?")
            order.append(number - 1)
            last = i = j
        else:
            i += 1
    if order and qmarks:
        raise ProgrammingError("the SQL text mixes ? and :N parameter markers")
    if not order:
        return ParsedSql(sql, qmarks)
    out.append(sql[last:])
    return ParsedSql("".join(out), len(order), tuple(order))
