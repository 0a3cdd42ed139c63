"""A cursor over the tokens of a routine: the token-level steps of the SPL parser.

Loop headers have no DO keyword (IBM, "Informix Guide to SQL: Syntax", FOR / WHILE / FOREACH),
so a header expression ends where the first statement of its body starts: :data:`STARTERS`.
"""

from __future__ import annotations

from informix_testserver.engine.lexer import SYNTAX_ERROR, SqlError, TokKind, tokenize

from .nodes import Expr

#: Words that start a statement wherever they stand (outside brackets and CASE).
STARTERS = frozenset({
    "LET", "IF", "WHILE", "FOREACH", "RETURN", "RAISE", "CALL", "CONTINUE", "EXIT", "DEFINE",
    "SYSTEM", "INSERT", "DELETE", "BEGIN", "TRACE", "EXECUTE", "END", "ELIF", "ELSE", "CREATE",
    "DROP", "ALTER", "RENAME", "TRUNCATE", "GRANT", "REVOKE", "LOCK", "UNLOCK", "COMMIT",
    "ROLLBACK", "SAVEPOINT", "SET",
})  # fmt: skip
_SET_OPERATORS = frozenset({"UNION", "ALL", "INTERSECT", "EXCEPT", "MINUS", "DISTINCT"})
LOOP_KINDS = frozenset({"FOR", "WHILE", "FOREACH", "LOOP"})


class TokenCursor:
    """Tokens of one statement and the position of the parser in them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.i = 0

    # -- token helpers ------------------------------------------------------------------------

    def error(self, at: int | None = None) -> SqlError:
        k = self.i if at is None else at
        if k < len(self.toks):
            tok = self.toks[k]
            return SqlError(SYNTAX_ERROR, near=tok.text, offset=max(tok.pos, 0))
        return SqlError(SYNTAX_ERROR, near="", offset=len(self.text))

    def word(self, k: int = 0) -> str:
        j = self.i + k
        return self.toks[j].up if j < len(self.toks) else ""

    def at(self, *words: str) -> bool:
        return all(self.word(k) == w for k, w in enumerate(words))

    def op(self, text: str) -> bool:
        return self.i < len(self.toks) and self.toks[self.i].is_op(text)

    def expect(self, word: str) -> None:
        if self.word() != word:
            raise self.error()
        self.i += 1

    def expect_op(self, text: str) -> None:
        if not self.op(text):
            raise self.error()
        self.i += 1

    def take_word(self, *words: str) -> str:
        word = self.word()
        if word not in words:
            raise self.error()
        self.i += 1
        return word

    def skip_semicolons(self) -> None:
        while self.op(";"):
            self.i += 1

    def end_of_text(self) -> None:
        self.skip_semicolons()
        if self.i < len(self.toks):
            raise self.error()

    def ident(self) -> str:
        if self.i >= len(self.toks) or self.toks[self.i].kind is not TokKind.IDENT:
            raise self.error()
        self.i += 1
        return self.toks[self.i - 1].text.lower()

    def ident_list(self) -> tuple[str, ...]:
        names = [self.ident()]
        while self.op(","):
            self.i += 1
            names.append(self.ident())
        return tuple(names)

    def routine_name(self) -> str:
        """``name``, ``owner.name`` or ``"owner".name``: the name (owners are not kept apart)."""
        if self.i < len(self.toks) and self.toks[self.i].kind is TokKind.STRING:
            self.i += 1  # a quoted owner
            self.expect_op(".")
            return self.ident()
        name = self.ident()
        if self.op("."):
            self.i += 1
            name = self.ident()
        return name

    def matching(self) -> int:
        depth = 0
        for j in range(self.i, len(self.toks)):
            tok = self.toks[j]
            if tok.kind is TokKind.OP and tok.text in "([":
                depth += 1
            elif tok.kind is TokKind.OP and tok.text in ")]":
                depth -= 1
                if depth == 0:
                    return j
        raise self.error()

    def until_semicolon(self) -> Expr:
        """Tokens up to the next ``;`` outside brackets (which is consumed)."""
        start = self.i
        depth = 0
        while self.i < len(self.toks):
            tok = self.toks[self.i]
            if tok.kind is TokKind.OP and tok.text in "([":
                depth += 1
            elif tok.kind is TokKind.OP and tok.text in ")]":
                depth -= 1
            elif depth == 0 and tok.is_op(";"):
                self.i += 1
                return tuple(self.toks[start : self.i - 1])
            self.i += 1
        raise self.error()

    def expression(self, stops: frozenset[str] = frozenset(), header: bool = False) -> Expr:
        """An expression ending before a word of ``stops``, a ``;``, a closing bracket or (in a
        loop header) the first statement of the body."""
        start = self.i
        depth = 0
        cases = 0
        toks = self.toks
        while self.i < len(toks):
            tok = toks[self.i]
            if tok.kind is TokKind.OP and tok.text in "([":
                depth += 1
            elif tok.kind is TokKind.OP and tok.text in ")]":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0:
                word = tok.up
                if tok.is_op(";") or tok.is_op(","):
                    if tok.is_op(";") or "," in stops:
                        break
                elif word == "CASE":
                    cases += 1
                elif word == "END" and cases:
                    cases -= 1
                elif not cases and (
                    word in stops or (header and self.i > start and self.starts_statement())
                ):
                    break
            self.i += 1
        if self.i == start:
            raise self.error()
        return tuple(toks[start : self.i])

    def starts_statement(self) -> bool:
        """Whether the word at the cursor begins a statement of a loop body."""
        word = self.word()
        prev = self.toks[self.i - 1]
        if word in STARTERS:
            return True
        if word == "SELECT":
            return prev.up not in _SET_OPERATORS and not prev.is_op("(")
        if word == "UPDATE":
            return prev.up != "FOR"
        if word == "FOR":
            return self.word(1) not in ("UPDATE", "READ")
        return word == "ON" and self.word(1) == "EXCEPTION"


def split_into(toks: Expr) -> tuple[Expr, tuple[str, ...]]:
    """Cut ``INTO var, ...`` out of a SELECT (not INTO TEMP / SCRATCH / EXTERNAL)."""
    depth = 0
    for k, tok in enumerate(toks):
        if tok.kind is TokKind.OP and tok.text in "([":
            depth += 1
        elif tok.kind is TokKind.OP and tok.text in ")]":
            depth -= 1
        elif depth == 0 and tok.up == "INTO":
            nxt = toks[k + 1].up if k + 1 < len(toks) else ""
            if nxt in ("TEMP", "SCRATCH", "EXTERNAL"):
                return toks, ()
            names: list[str] = []
            j = k + 1
            while j < len(toks) and toks[j].kind is TokKind.IDENT:
                names.append(toks[j].text.lower())
                j += 1
                if j < len(toks) and toks[j].is_op(","):
                    j += 1
                    continue
                break
            if not names:
                bad = toks[j] if j < len(toks) else tok
                raise SqlError(SYNTAX_ERROR, near=bad.text, offset=max(bad.pos, 0))
            return toks[:k] + toks[j:], tuple(names)
    return toks, ()
