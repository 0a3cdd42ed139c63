"""SQ_IDESCRIBE's parameter types: what each ``?`` of a prepared statement stands for, inferred
from the statement's text and the declared columns of its tables, as IDS's DESCRIBE INPUT
reports them.

IBM, Guide to SQL: Syntax, "DESCRIBE INPUT statement": the description gives "the data type of
the column, as defined in the table" and its length; "if the database server cannot infer the
data type of an expression parameter, the DESCRIBE INPUT statement returns SQLUNKNOWN" (51,
which JDBC 4.50.10.1 reads as "no column info": IfxPreparedStatement.getColumnInfo). JDBC turns a
described type into the class it binds a value through (IfxValue.makeInstance), which is what
lets it bind a Java array or a null object into a collection column, or a ``Struct`` of a named
ROW type. Positions inferred here:

- ``INSERT INTO t [(cols)] VALUES (..., ?, ...)``: the column at that position;
- ``UPDATE t SET col = ?`` (also ``SET (a, b) = (?, ?)``): the column;
- ``col op ?`` and ``? op col`` for ``= <> != < > <= >=``, ``col [NOT] IN (?, ...)``,
  ``col [NOT] BETWEEN ? AND ?``, ``col [NOT] LIKE | MATCHES ?``: the column, when ``col`` is a
  whole operand (``name``, ``alias.name``, ``table.name`` or a ROW column's ``field``);
- ``CAST(? AS type)``, ``?::type``: the type; ``SKIP ?`` / ``FIRST ?`` / ``LIMIT ?``: INTEGER;
- anything else (arithmetic, function and routine arguments, ``? IS NULL``): unknown.

Unqualified names resolve in SQL's scopes: the innermost FROM clause that encloses the
parameter and has such a column wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from informix_types import typenames
from informix_types.typenames import TypeNode
from informix_wire.typecodes import NAMED_ROW, TypeCode

from .columns import ColumnSpec, declared_spec
from .lexer import SqlError, Tok, TokKind, tokenize
from .names import table_name
from .schema import Schema
from .tokens import matching
from .types_sql import SqlType, parse_type

_COMPARISONS = frozenset({"=", "==", "<>", "!=", "<", ">", "<=", ">="})
#: Words after which an operand starts (``WHERE col = ?``, ``AND ? = col`` ...).
_BEFORE = frozenset({"WHERE", "AND", "OR", "NOT", "ON", "HAVING", "WHEN", "THEN", "ELSE", "SET"})
#: Words that end an operand.
_AFTER = frozenset(
    {"AND", "OR", "THEN", "ELSE", "END", "WHEN", "GROUP", "ORDER", "HAVING", "UNION", "INTO",
     "FOR", "LIMIT", "INTERSECT", "EXCEPT", "ESCAPE", "WHERE"}
)  # fmt: skip
_ROW_LIMITS = frozenset({"SKIP", "FIRST", "LIMIT", "MIDDLE"})
_TABLE_START = frozenset({"FROM", "JOIN"})
#: Words that cannot be a table's alias.
_NOT_ALIAS = frozenset(
    {"WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "OUTER", "ON", "GROUP", "ORDER",
     "HAVING", "UNION", "INTERSECT", "EXCEPT", "INTO", "FOR", "LIMIT", "SET", "VALUES", "SELECT",
     "NATURAL", "USING"}
)  # fmt: skip
INTEGER = ColumnSpec("", TypeCode.INT, 4)
#: Lone values whose target column ``_targets`` records: a parameter or a character literal.
_STORED = frozenset({TokKind.PARAM, TokKind.STRING})
#: The scope of an INSERT's table: no name in the statement resolves to its columns.
_NOWHERE = (-1,)


@dataclasses.dataclass(frozen=True)
class _TableRef:
    name: str
    alias: str
    #: The open parentheses around the FROM clause that names it (its scope).
    scope: tuple[int, ...]


class _Statement:
    """One statement's tokens, their parenthesis scopes, and its tables."""

    def __init__(self, toks: list[Tok], schema: Schema) -> None:
        self.toks = toks
        self.schema = schema
        self.scopes = _scopes(toks)
        self.tables = self._tables()

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def _tables(self) -> list[_TableRef]:
        toks = self.toks
        found: list[_TableRef] = []
        first = toks[0].up
        starts = []
        if first == "UPDATE":
            starts.append(1)
        elif first == "INSERT" and len(toks) > 2:
            starts.append(2)
        elif first == "DELETE":
            starts.append(2 if len(toks) > 1 and toks[1].up == "FROM" else 1)
        starts += [k + 1 for k, t in enumerate(toks) if t.up in _TABLE_START]
        for start in starts:
            at = start
            while at < len(toks):
                if toks[at].up == "OUTER":
                    at += 1
                ref, at = self._table_ref(at)
                if ref is not None and first == "INSERT" and start == 2:
                    ref = dataclasses.replace(ref, scope=_NOWHERE)  # a target, not a FROM table
                if ref is not None:
                    found.append(ref)
                if not (ref is not None and at < len(toks) and toks[at].is_op(",")):
                    break
                at += 1
        return found

    def _table_ref(self, at: int) -> tuple[_TableRef | None, int]:
        toks = self.toks
        if at >= len(toks) or toks[at].kind is not TokKind.IDENT or toks[at].up == "TABLE":
            return None, at
        try:
            name, nxt = table_name(toks, at)
        except SqlError:
            return None, at + 1
        alias = name
        if nxt < len(toks) and toks[nxt].up == "AS":
            nxt += 1
        after = self.tok(nxt)
        if after is not None and after.kind is TokKind.IDENT and after.up not in _NOT_ALIAS:
            alias, nxt = after.text.lower(), nxt + 1
        return _TableRef(name.strip('"').lower(), alias, self.scopes[at]), nxt

    # -- column references ----------------------------------------------------------------------

    def chain_before(self, end: int) -> tuple[int, list[str]] | None:
        """A whole-operand name (``a``, ``a.b``, ``a.b.c``) ending at ``toks[end]``: its start."""
        j = end
        names: list[str] = []
        while True:
            tok = self.tok(j)
            if tok is None or tok.kind is not TokKind.IDENT:
                return None
            names.insert(0, tok.text.lower())
            prev = self.tok(j - 1)
            if prev is not None and prev.is_op(".") and len(names) < 3:
                j -= 2
                continue
            break
        return (j, names) if self.starts_operand(j - 1) else None

    def chain_after(self, start: int) -> tuple[int, list[str]] | None:
        """A whole-operand name starting at ``toks[start]``: the index after it."""
        j = start
        names: list[str] = []
        while True:
            tok = self.tok(j)
            if tok is None or tok.kind is not TokKind.IDENT:
                return None
            names.append(tok.text.lower())
            dot = self.tok(j + 1)
            if dot is not None and dot.is_op(".") and len(names) < 3:
                j += 2
                continue
            break
        return (j + 1, names) if self.ends_operand(j + 1) else None

    def starts_operand(self, i: int) -> bool:
        """Whether an operand may start right after ``toks[i]``."""
        tok = self.tok(i)
        return tok is None or tok.is_op("(") or tok.is_op(",") or tok.up in _BEFORE

    def ends_operand(self, i: int) -> bool:
        """Whether an operand may end right before ``toks[i]``."""
        tok = self.tok(i)
        return tok is None or tok.is_op(")") or tok.is_op(",") or tok.up in _AFTER

    def column(self, names: list[str], at: int) -> ColumnSpec | None:
        """The declared column (or ROW field) ``names`` stands for at ``toks[at]``."""
        visible = [t for t in self.tables if self.scopes[at][: len(t.scope)] == t.scope]
        visible.sort(key=lambda t: len(t.scope), reverse=True)  # the innermost scope first
        if len(names) == 1:
            return self._unqualified(visible, names[0])
        # a.b: table.column or row_column.field; a.b.c: owner.table.column or table.row.field
        spec = self._qualified(visible, names[-2], names[-1])
        if spec is not None:
            return spec
        if len(names) == 2:
            row = self._unqualified(visible, names[0])
        else:
            row = self._qualified(visible, names[0], names[1])
        return _field(row, names[-1]) if row is not None else None

    def _named(self, table: str, column: str) -> ColumnSpec | None:
        return next((s for s in self.schema.columns(table) or () if s.name == column), None)

    def _unqualified(self, visible: Sequence[_TableRef], column: str) -> ColumnSpec | None:
        for table in visible:
            spec = self._named(table.name, column)
            if spec is not None:
                return spec
        return None

    def _qualified(
        self, visible: Sequence[_TableRef], qualifier: str, column: str
    ) -> ColumnSpec | None:
        for table in visible:
            if qualifier in (table.alias, table.name):
                return self._named(table.name, column)
        return None


def _field(row: ColumnSpec, field: str) -> ColumnSpec | None:
    """``row_column.field``: the field's type, from the ROW column's type."""
    node = row_node(row)
    child = next((c for c in node.children if c.field == field), None) if node else None
    return node_spec(child) if child is not None else None


def row_node(spec: ColumnSpec) -> TypeNode | None:
    """The type tree of a ROW column: a named ROW column's own (``named_types``), an unnamed
    one's from its extended name."""
    node = getattr(spec, "node", None)
    if isinstance(node, TypeNode):
        return node
    if spec.type_code & 0xFF != TypeCode.ROW:
        return None
    found = typenames.parse_composite(spec.extended_name)
    return found if found is not None and found.is_row else None


def node_spec(node: TypeNode) -> ColumnSpec:
    """A ROW field or collection element as a described parameter."""
    code = node.code | (NAMED_ROW if node.named else 0)
    text = node.text() if node.is_composite or node.name else ""
    return declared_spec("", code, node.length, node.nullable, text, node.xid)


def _scopes(toks: list[Tok]) -> list[tuple[int, ...]]:
    """For each token, the indices of the open parentheses around it."""
    out: list[tuple[int, ...]] = []
    stack: list[int] = []
    for k, tok in enumerate(toks):
        if tok.is_op(")") and stack:
            stack.pop()
        out.append(tuple(stack))
        if tok.is_op("("):
            stack.append(k)
    return out


# ---------------------------------------------------------------------------------------------
# The positions


def infer(sql: str, count: int, schema: Schema | None) -> list[ColumnSpec | None]:
    """The described type of each of ``sql``'s ``count`` parameters (None: not known)."""
    out: list[ColumnSpec | None] = [None] * count
    try:
        toks = tokenize(sql)
    except SqlError:
        return out
    params = [k for k, tok in enumerate(toks) if tok.kind is TokKind.PARAM][:count]
    if not params:
        return out
    stmt = _Statement(toks, schema if schema is not None else Schema())
    targets = _targets(stmt)
    for n, k in enumerate(params):
        out[n] = _cast_or_limit(toks, k) or targets.get(k) or _predicate(stmt, k)
    return out


def _cast_or_limit(toks: list[Tok], k: int) -> ColumnSpec | None:
    """``?::type``, ``CAST(? AS type)``, ``SKIP ?``."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    prev = toks[k - 1] if k else None
    try:
        if nxt is not None and nxt.is_op("::"):
            return _type_spec(parse_type(toks, k + 2)[0])
        if (
            nxt is not None
            and nxt.up == "AS"
            and prev is not None
            and prev.is_op("(")
            and k >= 2
            and toks[k - 2].up == "CAST"
        ):
            return _type_spec(parse_type(toks, k + 2)[0])
    except SqlError:
        return None
    if prev is not None and prev.up in _ROW_LIMITS:
        return INTEGER
    return None


def _type_spec(sql_type: SqlType) -> ColumnSpec:
    return declared_spec("", sql_type.type_code, sql_type.length, True, sql_type.extended_name)


def stored_values(toks: list[Tok], schema: Schema) -> dict[int, ColumnSpec]:
    """The values of an INSERT's VALUES or an UPDATE's SET that are a lone ``?`` or character
    literal: token index -> the column they store into (``char_params.convert_literals``)."""
    return _targets(_Statement(toks, schema)) if toks else {}


def _targets(stmt: _Statement) -> dict[int, ColumnSpec]:
    """INSERT VALUES and UPDATE SET values: token index -> the column they store into."""
    toks = stmt.toks
    if not stmt.tables or toks[0].up not in ("INSERT", "UPDATE"):
        return {}
    columns = list(stmt.schema.columns(stmt.tables[0].name) or ())
    by_name = {spec.name: spec for spec in columns}
    found: dict[int, ColumnSpec] = {}
    if toks[0].up == "INSERT":
        _insert_targets(toks, [spec.name for spec in columns], by_name, found)
    else:
        _update_targets(stmt, by_name, found)
    return found


def _insert_targets(
    toks: list[Tok], names: list[str], by_name: dict[str, ColumnSpec], found: dict[int, ColumnSpec]
) -> None:
    """``INSERT INTO t [(cols)] VALUES (...)``: the table's columns, or the listed ones."""
    _, at = table_name(toks, 2)
    if at + 1 < len(toks) and toks[at].is_op("(") and toks[at + 1].up != "SELECT":
        names = [g[0].text.lower() if len(g) == 1 else "" for g in _items(toks, at)]
        at = matching(toks, at) + 1
    if at + 1 < len(toks) and toks[at].up == "VALUES" and toks[at + 1].is_op("("):
        _store(toks, _item_spans(toks, at + 1), names, by_name, found)


def _update_targets(
    stmt: _Statement, by_name: dict[str, ColumnSpec], found: dict[int, ColumnSpec]
) -> None:
    """``UPDATE t SET col = ?, ...`` and ``SET (a, b) = (?, ?)``."""
    toks = stmt.toks
    at = next((k for k, t in enumerate(toks) if t.up == "SET"), len(toks))
    if at + 1 < len(toks) and toks[at + 1].is_op("("):
        close = matching(toks, at + 1)
        names = [g[0].text.lower() if len(g) == 1 else "" for g in _items(toks, at + 1)]
        if close + 2 < len(toks) and toks[close + 1].is_op("=") and toks[close + 2].is_op("("):
            _store(toks, _item_spans(toks, close + 2), names, by_name, found)
        return
    where = next(
        (k for k in range(at, len(toks)) if toks[k].up == "WHERE" and stmt.scopes[k] == ()),
        len(toks),
    )
    for k in range(at + 1, where - 2):
        if (
            toks[k].kind is TokKind.IDENT
            and toks[k + 1].is_op("=")
            and toks[k + 2].kind in _STORED
            and stmt.scopes[k] == ()
            and stmt.starts_operand(k - 1)
            and stmt.ends_operand(k + 3)
        ):
            spec = by_name.get(toks[k].text.lower())
            if spec is not None:
                found[k + 2] = spec


def _store(
    toks: list[Tok],
    spans: list[tuple[int, int]],
    names: list[str],
    by_name: dict[str, ColumnSpec],
    found: dict[int, ColumnSpec],
) -> None:
    """Each value that is a lone ``?`` or literal stores into the column named at its position."""
    for position, (start, end) in enumerate(spans):
        if end - start == 1 and toks[start].kind in _STORED and position < len(names):
            spec = by_name.get(names[position])
            if spec is not None:
                found[start] = spec


def _item_spans(toks: list[Tok], open_: int) -> list[tuple[int, int]]:
    """The top-level comma-separated items inside the parenthesis at ``toks[open_]``."""
    close = matching(toks, open_)
    spans: list[tuple[int, int]] = []
    start = open_ + 1
    depth = 0
    for k in range(open_ + 1, close):
        tok = toks[k]
        if tok.kind is TokKind.OP and tok.text in "([{":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]}":
            depth -= 1
        elif depth == 0 and tok.is_op(","):
            spans.append((start, k))
            start = k + 1
    spans.append((start, close))
    return spans


def _items(toks: list[Tok], open_: int) -> list[list[Tok]]:
    return [toks[start:end] for start, end in _item_spans(toks, open_)]


def _predicate(stmt: _Statement, k: int) -> ColumnSpec | None:
    """The column a parameter is compared with, if it is a whole operand of a comparison, IN,
    BETWEEN, LIKE or MATCHES."""
    prev, nxt = stmt.tok(k - 1), stmt.tok(k + 1)
    if prev is None:
        return None
    if prev.kind is TokKind.OP and prev.text in _COMPARISONS and stmt.ends_operand(k + 1):
        return _column_before(stmt, k - 2)
    if nxt is not None and nxt.kind is TokKind.OP and nxt.text in _COMPARISONS:
        if stmt.starts_operand(k - 1):
            after = stmt.chain_after(k + 2)
            return stmt.column(after[1], k) if after is not None else None
        return None
    if prev.up in ("LIKE", "MATCHES") and stmt.ends_operand(k + 1):
        return _column_before(stmt, k - 2, negated=True)
    if prev.up == "BETWEEN":
        return _column_before(stmt, k - 2, negated=True)
    if prev.up == "AND" and k >= 3 and stmt.toks[k - 3].up == "BETWEEN":
        return _column_before(stmt, k - 4, negated=True)
    if (
        (prev.is_op("(") or prev.is_op(","))
        and nxt is not None
        and (nxt.is_op(",") or nxt.is_op(")"))
    ):
        scope = stmt.scopes[k]
        if scope:
            open_ = scope[-1]
            before = stmt.tok(open_ - 1)
            if before is not None and before.up == "IN":
                return _column_before(stmt, open_ - 2, negated=True)
    return None


def _column_before(stmt: _Statement, end: int, negated: bool = False) -> ColumnSpec | None:
    """The column whose name ends at ``toks[end]`` (before an optional NOT)."""
    tok = stmt.tok(end)
    if negated and tok is not None and tok.up == "NOT":
        end -= 1
    found = stmt.chain_before(end)
    return stmt.column(found[1], found[0]) if found is not None else None
