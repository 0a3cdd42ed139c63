"""Parse CREATE PROCEDURE / CREATE FUNCTION text into :class:`~.nodes.Routine`.

Grammar from IBM, "Informix Guide to SQL: Syntax": CREATE PROCEDURE / CREATE FUNCTION (header,
RETURNING clause, END PROCEDURE/FUNCTION, DOCUMENT, WITH LISTING IN) and the chapter "SPL
Statements" (DEFINE, LET, IF, FOR, WHILE, FOREACH, RETURN, RAISE EXCEPTION, ON EXCEPTION,
CALL, EXECUTE PROCEDURE/FUNCTION, CONTINUE, EXIT, SYSTEM, TRACE, BEGIN ... END).  Anything else
in a body is an SQL statement ending at ``;``.  Loop headers have no DO keyword, so a FOR /
WHILE / FOREACH header ends where the first statement of its body starts.  Syntax errors are
-201 with the offending token, as IDS reports them at CREATE.
"""

from __future__ import annotations

from collections.abc import Callable

from informix_testserver.engine.lexer import Tok, TokKind, render
from informix_testserver.engine.types_sql import parse_type

from .cursor import LOOP_KINDS, TokenCursor, split_into
from .nodes import (
    Block,
    Call,
    Define,
    ExecuteImmediate,
    Expr,
    Foreach,
    ForRange,
    Handler,
    If,
    Let,
    Loop,
    Param,
    Raise,
    Return,
    Returned,
    Routine,
    Sql,
    Statement,
    System,
    VarType,
    While,
)


def parse_routine(sql_text: str) -> Routine:
    """Parse one CREATE PROCEDURE / CREATE FUNCTION statement (SqlError -201 when malformed)."""
    return _Parser(sql_text).routine()


def parse_drop(sql_text: str) -> tuple[str, str]:
    """DROP PROCEDURE / FUNCTION / ROUTINE [IF EXISTS] [owner.]name [(types)]: (kind, name)."""
    p = _Parser(sql_text)
    p.expect("DROP")
    kind = p.take_word("PROCEDURE", "FUNCTION", "ROUTINE").lower()
    if p.at("IF", "EXISTS"):
        p.i += 2
    name = p.routine_name()
    if p.op("("):
        p.i = p.matching() + 1
    p.end_of_text()
    return kind, name


class _Parser(TokenCursor):
    """The SPL grammar over a :class:`TokenCursor`."""

    def routine(self) -> Routine:
        self.expect("CREATE")
        dba = self.word() == "DBA"
        if dba:
            self.i += 1
        kind = self.take_word("PROCEDURE", "FUNCTION")
        if self.at("IF", "NOT", "EXISTS"):
            self.i += 3
        name = self.routine_name()
        params = self.params()
        returns: tuple[Returned, ...] = ()
        if self.word() in ("RETURNING", "RETURNS"):
            self.i += 1
            returns = self.returning()
        specific = ""
        if self.word() == "SPECIFIC":
            self.i += 1
            specific = self.routine_name()
        options: tuple[str, ...] = ()
        if (
            self.word() == "WITH"
            and self.i + 1 < len(self.toks)
            and self.toks[self.i + 1].is_op("(")
        ):
            self.i += 1
            close = self.matching()
            options = tuple(t.up for t in self.toks[self.i + 1 : close] if t.up)
            self.i = close + 1
        if self.word() == "EXTERNAL":
            raise self.error()  # only SPL routines: no C or Java external routines here
        self.skip_semicolons()
        body = self.block(frozenset())
        self.expect("END")
        if self.word() != kind:
            raise self.error()
        self.i += 1
        document = self.document()
        routine = Routine(
            name=name,
            kind=kind.lower(),
            params=params,
            returns=returns,
            body=body,
            text=self.text,
            document=document,
            dba=dba,
            specific_name=specific,
            options=options,
        )
        self.end_of_text()
        return routine

    def document(self) -> tuple[str, ...]:
        texts: list[str] = []
        if self.word() == "DOCUMENT":
            self.i += 1
            while self.i < len(self.toks) and self.toks[self.i].kind is TokKind.STRING:
                texts.append(self.toks[self.i].text)
                self.i += 1
                if not self.op(","):
                    break
                self.i += 1
            if not texts:
                raise self.error()
        if self.at("WITH", "LISTING", "IN"):
            self.i += 3
            if self.i >= len(self.toks) or self.toks[self.i].kind is not TokKind.STRING:
                raise self.error()
            self.i += 1
        return tuple(texts)

    def params(self) -> tuple[Param, ...]:
        self.expect_op("(")
        params: list[Param] = []
        while not self.op(")"):
            if params:
                self.expect_op(",")
            mode = "IN"
            if self.word() in ("IN", "OUT", "INOUT") and self.word(1) and self.word(2):
                mode = self.word()
                self.i += 1
            name = self.ident()
            vtype = self.var_type()
            default = None
            if self.word() == "DEFAULT":
                self.i += 1
                default = self.expression(frozenset({","}))
            params.append(Param(name, vtype, default, mode))
        self.i += 1
        return tuple(params)

    def returning(self) -> tuple[Returned, ...]:
        out: list[Returned] = []
        while True:
            vtype = self.var_type()
            name = ""
            if self.word() == "AS":
                self.i += 1
                name = self.ident()
            out.append(Returned(vtype, name))
            if not self.op(","):
                return tuple(out)
            self.i += 1

    def var_type(self) -> VarType:
        start = self.i
        word = self.word()
        if word == "LIKE":  # LIKE table.column: the column's type, resolved by the SQL engine
            self.i += 1
            self.ident()
            while self.op("."):
                self.i += 1
                self.ident()
            return VarType(_type_text(self.toks[start : self.i]))
        if word == "REFERENCES":
            self.i += 1
            self.take_word("BYTE", "TEXT")
            return VarType(_type_text(self.toks[start : self.i]))
        if word in ("PROCEDURE", "FUNCTION"):
            self.i += 1
            return VarType(word)
        sql_type, self.i = parse_type(self.toks, self.i)
        return VarType(
            _type_text(self.toks[start : self.i]),
            sql_type.type_code,
            sql_type.length,
            sql_type.extended_name,
        )

    # -- blocks and statements ----------------------------------------------------------------

    def block(self, stops: frozenset[str]) -> Block:
        """Statements up to END (or a word of ``stops``): DEFINEs, then handlers, then the rest."""
        defines: list[Define] = []
        handlers: list[Handler] = []
        statements: list[Statement] = []
        while True:
            word = self.word()
            if self.i >= len(self.toks):
                raise self.error()
            if word == "END" or word in stops:
                return Block(tuple(defines), tuple(handlers), tuple(statements))
            if word == "DEFINE":
                if handlers or statements:
                    raise self.error()  # IBM: DEFINE statements come first in a block
                defines.append(self.define())
            elif self.at("ON", "EXCEPTION"):
                if statements:
                    raise self.error()  # IBM: ON EXCEPTION precedes the block's statements
                handlers.append(self.handler())
            else:
                statements.append(self.statement())

    def define(self) -> Define:
        self.expect("DEFINE")
        is_global = self.word() == "GLOBAL"
        if is_global:
            self.i += 1
        names = self.ident_list()
        vtype = self.var_type()
        default = None
        if self.word() == "DEFAULT":
            self.i += 1
            default = self.expression()
        self.expect_op(";")
        return Define(names, vtype, default, is_global)

    def handler(self) -> Handler:
        self.i += 2
        codes: list[int] = []
        if self.word() == "IN":
            self.i += 1
            self.expect_op("(")
            while True:
                negative = self.op("-")
                if negative:
                    self.i += 1
                tok = self.toks[self.i] if self.i < len(self.toks) else None
                if tok is None or tok.kind is not TokKind.NUMBER or not tok.text.isdigit():
                    raise self.error()
                codes.append(-int(tok.text) if negative else int(tok.text))
                self.i += 1
                if self.op(")"):
                    self.i += 1
                    break
                self.expect_op(",")
        set_vars: tuple[str, ...] = ()
        if self.word() == "SET":
            self.i += 1
            set_vars = self.ident_list()
            if len(set_vars) > 3:
                raise self.error()
        self.skip_semicolons()
        body = self.block(frozenset())
        self.expect("END")
        self.expect("EXCEPTION")
        resume = self.at("WITH", "RESUME")
        if resume:
            self.i += 2
        self.skip_semicolons()
        return Handler(tuple(codes), set_vars, body, resume)

    def end(self, word: str) -> None:
        """``END <word>`` closing a compound statement, with its optional ``;``."""
        self.expect("END")
        self.expect(word)
        self.skip_semicolons()

    def statement(self) -> Statement:
        word = self.word()
        handler = _STATEMENTS.get(word)
        if handler is not None and not (
            word == "BEGIN" and self.word(1) in ("WORK", "TRANSACTION")
        ):
            return handler(self)
        if word in ("DEFINE", "ELIF", "ELSE", "ON") or self.op(";"):
            raise self.error()
        return self.sql()

    def sql(self) -> Sql:
        toks = self.until_semicolon()
        if toks and toks[0].up == "SELECT":
            body, into = split_into(toks)
            return Sql(body, into)
        return Sql(toks)

    def let(self) -> Let:
        self.i += 1
        targets = self.ident_list()
        self.expect_op("=")
        values = self.until_semicolon()
        if not values:
            raise self.error(self.i - 1)
        return Let(targets, values)

    def if_(self) -> If:
        self.i += 1
        branches: list[tuple[Expr, Block]] = []
        otherwise = None
        while True:
            cond = self.expression(frozenset({"THEN"}))
            self.expect("THEN")
            branches.append((cond, self.block(frozenset({"ELIF", "ELSE"}))))
            if self.word() != "ELIF":
                break
            self.i += 1
        if self.word() == "ELSE":
            self.i += 1
            otherwise = self.block(frozenset())
        self.end("IF")
        return If(tuple(branches), otherwise)

    def for_(self) -> ForRange:
        self.i += 1
        var = self.ident()
        ranges: list[tuple[Expr, Expr | None, Expr | None]] = []
        if self.word() == "IN":
            self.i += 1
            self.expect_op("(")
            while True:
                ranges.append(self.range_item(frozenset({",", "TO", "STEP"}), header=False))
                if self.op(")"):
                    self.i += 1
                    break
                self.expect_op(",")
        else:
            self.expect_op("=")
            ranges.append(self.range_item(frozenset({"TO", "STEP"}), header=True))
            if ranges[0][1] is None:
                raise self.error()
        body = self.block(frozenset())
        self.end("FOR")
        return ForRange(var, tuple(ranges), body)

    def range_item(
        self, stops: frozenset[str], header: bool
    ) -> tuple[Expr, Expr | None, Expr | None]:
        start = self.expression(stops)
        stop = step = None
        if self.word() == "TO":
            self.i += 1
            stop = self.expression(stops, header)
            if self.word() == "STEP":
                self.i += 1
                step = self.expression(stops, header)
        return start, stop, step

    def while_(self) -> While:
        self.i += 1
        cond = self.expression(header=True)
        body = self.block(frozenset())
        self.end("WHILE")
        return While(cond, body)

    def foreach(self) -> Foreach:
        self.i += 1
        if self.word() not in ("SELECT", "EXECUTE", "WITH"):  # FOREACH cursor [WITH HOLD] FOR
            self.ident()
        if self.at("WITH", "HOLD"):
            self.i += 2
        if self.word() == "FOR":
            self.i += 1
        if self.word() == "EXECUTE":
            self.i += 1
            self.take_word("PROCEDURE", "FUNCTION")
            call = self.call_tail(("INTO",))
            self.skip_semicolons()
            body = self.block(frozenset())
            self.end("FOREACH")
            return Foreach(None, call, call.into, body)
        if self.word() != "SELECT":
            raise self.error()
        query, into = split_into(self.expression(header=True))
        if not into:
            raise self.error()
        self.skip_semicolons()
        body = self.block(frozenset())
        self.end("FOREACH")
        return Foreach(query, None, into, body)

    def return_(self) -> Return:
        self.i += 1
        values = self.until_semicolon()
        resume = len(values) >= 2 and values[-2].up == "WITH" and values[-1].up == "RESUME"
        return Return(values[:-2] if resume else values, resume)

    def raise_(self) -> Raise:
        self.i += 1
        self.expect("EXCEPTION")
        values = self.until_semicolon()
        if not values:
            raise self.error(self.i - 1)
        return Raise(values)

    def call(self) -> Call:
        self.i += 1
        call = self.call_tail(("RETURNING",))
        self.expect_op(";")
        return call

    def execute(self) -> Call | ExecuteImmediate:
        self.i += 1
        if self.word() == "IMMEDIATE":
            self.i += 1
            return ExecuteImmediate(self.until_semicolon())
        self.take_word("PROCEDURE", "FUNCTION")
        call = self.call_tail(("INTO",))
        self.expect_op(";")
        return call

    def call_tail(self, into_words: tuple[str, ...]) -> Call:
        name = self.routine_name()
        self.expect_op("(")
        close = self.matching_from(self.i - 1)
        args = tuple(self.toks[self.i : close])
        self.i = close + 1
        into: tuple[str, ...] = ()
        if self.word() in into_words:
            self.i += 1
            into = self.ident_list()
        return Call(name, args, into)

    def matching_from(self, k: int) -> int:
        saved, self.i = self.i, k
        try:
            return self.matching()
        finally:
            self.i = saved

    def loop_control(self) -> Loop:
        verb = self.word()
        self.i += 1
        kind = ""
        if self.word() in LOOP_KINDS:
            kind = self.word()
            self.i += 1
        self.expect_op(";")
        return Loop(verb, kind)

    def system(self) -> System:
        self.i += 1
        self.until_semicolon()
        return System()

    def trace(self) -> Block:
        """TRACE ON/OFF/PROCEDURE/expr: accepted; the test server keeps no trace file."""
        self.i += 1
        self.until_semicolon()
        return Block()

    def begin(self) -> Block:
        self.i += 1
        block = self.block(frozenset())
        self.expect("END")
        self.skip_semicolons()
        return block


_STATEMENTS: dict[str, Callable[[_Parser], Statement]] = {
    "LET": _Parser.let,
    "IF": _Parser.if_,
    "FOR": _Parser.for_,
    "WHILE": _Parser.while_,
    "FOREACH": _Parser.foreach,
    "RETURN": _Parser.return_,
    "RAISE": _Parser.raise_,
    "CALL": _Parser.call,
    "EXECUTE": _Parser.execute,
    "CONTINUE": _Parser.loop_control,
    "EXIT": _Parser.loop_control,
    "SYSTEM": _Parser.system,
    "TRACE": _Parser.trace,
    "BEGIN": _Parser.begin,
}


def _type_text(toks: list[Tok]) -> str:
    return render(toks).upper()
