"""Running SPL routines against a real in-memory DuckDB through the dialect translator."""

from __future__ import annotations

import decimal
from collections.abc import Iterator, Sequence

import duckdb
import pytest

from informix_testserver.engine import errors
from informix_testserver.engine.dialect import SUPPORT_SQL, Kind, translate
from informix_testserver.engine.lexer import SqlError
from informix_testserver.engine.spl import (
    Limits,
    Routine,
    SplAbort,
    argument_values,
    parse_execute,
    parse_routine,
    run_routine,
)

Row = tuple[object, ...]


class Host:
    """The engine's side, in miniature: SQL through translate() on DuckDB, routines by name."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.con = duckdb.connect(":memory:")
        for macro in SUPPORT_SQL:
            self.con.execute(macro)
        self.routines: dict[str, Routine] = {}
        self.globals: dict[str, object] = {}
        self.limits = limits
        self.statements: list[str] = []

    def sql(self, text: str, params: Sequence[object]) -> list[Row] | int:
        t = translate(text, from_client=False)
        self.statements.append(text)
        try:
            self.con.execute(t.sql, list(params))
            if t.kind is Kind.SELECT:
                return self.con.fetchall()
            if t.kind in (Kind.INSERT, Kind.UPDATE, Kind.DELETE):
                row = self.con.fetchone()
                return int(row[0]) if row else 0
            return 0
        except duckdb.Error as exc:
            raise errors.from_duckdb(exc, t.table or "") from exc

    def call(self, name: str, args: list[object]) -> Iterator[Row]:
        routine = self.routines.get(name)
        if routine is None:
            raise errors.error(errors.NO_ROUTINE, name)
        return run_routine(
            routine, args, self.sql, self.call, is_routine=self.routines.__contains__,
            globals_=self.globals, limits=self.limits,
        )  # fmt: skip

    def create(self, text: str) -> Routine:
        routine = parse_routine(text)
        self.routines[routine.name] = routine
        return routine

    def execute(self, statement: str, *params: object) -> list[Row]:
        """EXECUTE PROCEDURE / FUNCTION as the engine runs it."""
        name, args, _ = parse_execute(statement)
        return list(self.call(name, argument_values(args, params, self.sql)))

    def rows(self, text: str) -> list[Row]:
        result = self.sql(text, [])
        assert isinstance(result, list)
        return result


@pytest.fixture
def host() -> Host:
    return Host()


def code_of(host: Host, statement: str, *params: object) -> SqlError:
    with pytest.raises(SqlError) as info:
        host.execute(statement, *params)
    return info.value


# -- assignments and types ------------------------------------------------------------------


def test_let_forms(host: Host) -> None:
    host.sql("CREATE TABLE t (a INT, b VARCHAR(10))", [])
    host.sql("INSERT INTO t VALUES (7, 'seven')", [])
    host.create("CREATE FUNCTION two() RETURNING INT, INT; RETURN 40, 2; END FUNCTION")
    host.create(
        """CREATE FUNCTION lets(x INT) RETURNING INT, VARCHAR(10), INT, INT, VARCHAR(20);
        DEFINE a, c, d INT; DEFINE b VARCHAR(10); DEFINE s VARCHAR(20);
        LET a, b = (SELECT t.a, t.b FROM t WHERE t.a = x);
        LET c, d = two();
        LET s = UPPER(b) || '-' || (a + c + d);
        RETURN a, b, c, d, s;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION lets(7)") == [(7, "seven", 40, 2, "SEVEN-49")]


def test_declared_types_convert_on_assignment(host: Host) -> None:
    host.create(
        """CREATE FUNCTION conv(v VARCHAR(40)) RETURNING VARCHAR(3), DECIMAL(5,2), FLOAT, DATE;
        DEFINE s VARCHAR(3); DEFINE d DECIMAL(5,2); DEFINE f FLOAT; DEFINE dt DATE;
        LET s = v; LET d = 2.345; LET f = 3; LET dt = '2024-02-29';
        RETURN s, d, f, dt;
        END FUNCTION"""
    )
    [(s, d, f, dt)] = host.execute("EXECUTE FUNCTION conv('abcdef')")
    assert (s, d, f, str(dt)) == ("abc", decimal.Decimal("2.35"), 3.0, "2024-02-29")
    host.create("CREATE PROCEDURE small(x INT) DEFINE s SMALLINT; LET s = x; END PROCEDURE")
    assert code_of(host, "EXECUTE PROCEDURE small(40000)").sqlcode == -1214
    assert host.execute("EXECUTE PROCEDURE small(300)") == []


def test_define_default_and_global(host: Host) -> None:
    host.create(
        """CREATE FUNCTION counter() RETURNING INT;
        DEFINE GLOBAL hits INT DEFAULT 0;
        DEFINE step INT DEFAULT 5;
        LET hits = hits + step;
        RETURN hits;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION counter()") == [(5,)]
    assert host.execute("EXECUTE FUNCTION counter()") == [(10,)]
    assert host.globals == {"hits": 10}


def test_variable_shadows_column_qualified_name_is_column(host: Host) -> None:
    host.sql("CREATE TABLE stock (qty INT, name VARCHAR(10))", [])
    host.sql("INSERT INTO stock VALUES (1, 'bolt'), (2, 'nut')", [])
    host.create(
        """CREATE FUNCTION bump(qty INT) RETURNING INT;
        DEFINE n INT;
        UPDATE stock SET qty = stock.qty + qty WHERE name = 'bolt';
        INSERT INTO stock (qty, name) VALUES (qty, 'new');
        SELECT SUM(stock.qty) INTO n FROM stock;
        RETURN n;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION bump(10)") == [(1 + 10 + 2 + 10,)]
    assert sorted(host.rows("SELECT name, qty FROM stock")) == [
        ("bolt", 11), ("new", 10), ("nut", 2),
    ]  # fmt: skip


# -- control flow -----------------------------------------------------------------------------


@pytest.mark.parametrize(("x", "expected"), [(-5, "neg"), (0, "zero"), (3, "small"), (99, "big")])
def test_if_elif_else(host: Host, x: int, expected: str) -> None:
    host.create(
        """CREATE FUNCTION sign(x INT) RETURNING VARCHAR(10);
        IF x < 0 THEN RETURN 'neg';
        ELIF x = 0 THEN RETURN 'zero';
        ELIF x < 10 THEN RETURN 'small';
        ELSE RETURN 'big';
        END IF;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION sign(?)", x) == [(expected,)]


def test_null_condition_is_false(host: Host) -> None:
    host.create(
        """CREATE FUNCTION nul() RETURNING INT; DEFINE v INT;
        IF v > 1 THEN RETURN 1; ELSE RETURN 2; END IF; END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION nul()") == [(2,)]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("FOR i = 1 TO 10 STEP 3", [1, 4, 7, 10]),
        ("FOR i = 3 TO 1", [3, 2, 1]),
        ("FOR i = 5 TO 1 STEP -2", [5, 3, 1]),
        ("FOR i IN (1 TO 3, 10, 20 TO 30 STEP 5)", [1, 2, 3, 10, 20, 25, 30]),
        ("FOR i = 2 TO 1 STEP 1", []),
    ],
)
def test_for_loops(host: Host, header: str, expected: list[int]) -> None:
    host.create(
        f"""CREATE FUNCTION seq() RETURNING INT; DEFINE i INT;
        {header}
            RETURN i WITH RESUME;
        END FOR;
        END FUNCTION"""
    )
    assert [r[0] for r in host.execute("EXECUTE FUNCTION seq()")] == expected


def test_nested_loops_with_continue_and_exit(host: Host) -> None:
    host.create(
        """CREATE FUNCTION pairs(n INT) RETURNING INT, INT;
        DEFINE i, j INT;
        FOR i = 1 TO n
            LET j = 0;
            WHILE 1 = 1
                LET j = j + 1;
                IF j > i THEN EXIT WHILE; END IF;
                IF MOD(j, 2) = 0 THEN CONTINUE WHILE; END IF;
                IF i = 3 THEN CONTINUE FOR; END IF;
                RETURN i, j WITH RESUME;
            END WHILE;
            IF i = 4 THEN EXIT FOR; END IF;
        END FOR;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION pairs(9)") == [(1, 1), (2, 1), (4, 1), (4, 3)]


def test_foreach_over_query_writes_rows(host: Host) -> None:
    host.sql("CREATE TABLE src (id INT, price DECIMAL(8,2))", [])
    host.sql("CREATE TABLE dst (id INT, doubled DECIMAL(8,2))", [])
    host.sql("INSERT INTO src VALUES (1, 1.50), (2, 2.25), (3, 10)", [])
    host.create(
        """CREATE PROCEDURE copy_doubled(minimum INT)
        DEFINE k INT; DEFINE p DECIMAL(8,2);
        FOREACH c1 FOR SELECT id, price INTO k, p FROM src WHERE id >= minimum ORDER BY id
            INSERT INTO dst VALUES (k, p * 2);
        END FOREACH;
        END PROCEDURE"""
    )
    assert host.execute("EXECUTE PROCEDURE copy_doubled(2)") == []
    assert host.rows("SELECT id, doubled FROM dst ORDER BY id") == [
        (2, decimal.Decimal("4.50")), (3, decimal.Decimal("20.00")),
    ]  # fmt: skip


def test_return_with_resume_gives_n_rows_lazily(host: Host) -> None:
    host.sql("CREATE TABLE log (n INT)", [])
    host.create(
        """CREATE FUNCTION gen(n INT) RETURNING INT AS i, VARCHAR(12) AS label;
        DEFINE i INT;
        FOR i = 1 TO n
            INSERT INTO log VALUES (i);
            RETURN i, 'row ' || i WITH RESUME;
        END FOR;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION gen(50)") == [(k, f"row {k}") for k in range(1, 51)]
    host.sql("DELETE FROM log", [])
    rows = host.call("gen", [50])
    assert next(rows) == (1, "row 1")
    assert next(rows) == (2, "row 2")
    assert host.rows("SELECT COUNT(*) FROM log") == [(2,)]  # nothing ran ahead of the fetches


def test_foreach_execute_function_and_call_forms(host: Host) -> None:
    host.create(
        """CREATE FUNCTION gen(n INT) RETURNING INT; DEFINE i INT;
        FOR i = 1 TO n RETURN i * i WITH RESUME; END FOR; END FUNCTION"""
    )
    host.create("CREATE FUNCTION pair(a INT) RETURNING INT, INT; RETURN a, -a; END FUNCTION")
    host.create(
        """CREATE FUNCTION total(n INT) RETURNING INT, INT, INT, INT;
        DEFINE s, v, a, b, c INT;
        LET s = 0;
        FOREACH EXECUTE FUNCTION gen(n) INTO v
            LET s = s + v;
        END FOREACH;
        CALL pair(s) RETURNING a, b;
        EXECUTE FUNCTION pair(a + 1) INTO c, b;
        RETURN s, a, b, c;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION total(4)") == [(30, 30, -31, 31)]


def test_procedure_without_returning_runs_sql(host: Host) -> None:
    host.sql("CREATE TABLE t (a INT)", [])
    host.create(
        """CREATE PROCEDURE fill(n INT) DEFINE i INT;
        FOR i = 1 TO n INSERT INTO t VALUES (i); END FOR;
        DELETE FROM t WHERE a = 2;
        RETURN;
        INSERT INTO t VALUES (100);
        END PROCEDURE"""
    )
    assert host.execute("EXECUTE PROCEDURE fill(3)") == []
    assert host.rows("SELECT a FROM t ORDER BY a") == [(1,), (3,)]


def test_select_into(host: Host) -> None:
    host.sql("CREATE TABLE t (a INT)", [])
    host.sql("INSERT INTO t VALUES (1), (2)", [])
    host.create(
        """CREATE FUNCTION pick(x INT) RETURNING INT; DEFINE v INT;
        LET v = -1;
        SELECT a INTO v FROM t WHERE a >= x;
        RETURN v;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION pick(2)") == [(2,)]
    assert host.execute("EXECUTE FUNCTION pick(5)") == [(-1,)]  # no row: unchanged
    assert code_of(host, "EXECUTE FUNCTION pick(1)").sqlcode == -284


def test_execute_immediate_and_temp_table(host: Host) -> None:
    host.create(
        """CREATE FUNCTION dyn() RETURNING INT; DEFINE n INT;
        CREATE TEMP TABLE scratch (v INT);
        EXECUTE IMMEDIATE 'INSERT INTO scratch VALUES (' || 41 + 1 || ')';
        SELECT v INTO n FROM scratch;
        RETURN n;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION dyn()") == [(42,)]


# -- exceptions -------------------------------------------------------------------------------


def test_raise_exception_reaches_the_client(host: Host) -> None:
    host.create(
        """CREATE PROCEDURE fail(n INT)
        IF n > 0 THEN RAISE EXCEPTION -746, 12, 'too big: ' || n; END IF;
        RAISE EXCEPTION -999;
        END PROCEDURE"""
    )
    err = code_of(host, "EXECUTE PROCEDURE fail(5)")
    assert (err.sqlcode, err.isamcode, err.near) == (-746, 12, "too big: 5")
    err = code_of(host, "EXECUTE PROCEDURE fail(0)")
    assert (err.sqlcode, err.isamcode, err.near) == (-999, 0, "")


def test_on_exception_set_and_block_exit(host: Host) -> None:
    host.sql("CREATE TABLE t (a INT)", [])
    host.create(
        """CREATE FUNCTION guarded(code INT) RETURNING INT, INT, VARCHAR(40), INT;
        DEFINE err, isam, steps INT; DEFINE msg VARCHAR(40);
        LET steps = 0; LET err = 0;
        BEGIN
            ON EXCEPTION IN (-746, -206) SET err, isam, msg
                LET steps = steps + 100;
            END EXCEPTION;
            LET steps = steps + 1;
            IF code = -206 THEN INSERT INTO no_such_table VALUES (1); END IF;
            RAISE EXCEPTION code, 7, 'boom';
            LET steps = steps + 1000;
        END
        LET steps = steps + 10;
        RETURN err, isam, msg, steps;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION guarded(-746)") == [(-746, 7, "boom", 111)]
    [(err, _, _, steps)] = host.execute("EXECUTE FUNCTION guarded(-206)")
    assert (err, steps) == (-206, 111)
    assert code_of(host, "EXECUTE FUNCTION guarded(-1)").sqlcode == -1  # not in the list


def test_on_exception_with_resume_continues_after_failing_statement(host: Host) -> None:
    host.sql("CREATE TABLE t (a INT PRIMARY KEY)", [])
    host.create(
        """CREATE FUNCTION load() RETURNING INT, INT;
        DEFINE i, dups INT;
        ON EXCEPTION IN (-268, -239)
            LET dups = dups + 1;
        END EXCEPTION WITH RESUME;
        LET dups = 0;
        FOR i IN (1, 2, 2, 3, 1, 4)
            INSERT INTO t VALUES (i);
        END FOR;
        RETURN (SELECT COUNT(*) FROM t), dups;
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION load()") == [(4, 2)]


def test_error_in_handler_goes_to_enclosing_block(host: Host) -> None:
    host.create(
        """CREATE FUNCTION layered() RETURNING VARCHAR(20);
        DEFINE trail VARCHAR(20);
        ON EXCEPTION SET trail
            RETURN 'outer ' || trail;
        END EXCEPTION;
        LET trail = '';
        BEGIN
            ON EXCEPTION
                RAISE EXCEPTION -2, 0, 'rethrown';
            END EXCEPTION;
            RAISE EXCEPTION -1;
        END
        RETURN 'not reached';
        END FUNCTION"""
    )
    # trail gets the outer handler's SET of the sqlcode (-2), converted to VARCHAR.
    assert host.execute("EXECUTE FUNCTION layered()") == [("outer -2",)]


def test_exception_from_called_routine_is_caught(host: Host) -> None:
    host.create("CREATE PROCEDURE inner_fail() RAISE EXCEPTION -746, 0, 'inner'; END PROCEDURE")
    host.create(
        """CREATE FUNCTION outer_ok() RETURNING VARCHAR(10);
        DEFINE msg VARCHAR(10); DEFINE c INT;
        ON EXCEPTION SET c, c, msg RETURN msg; END EXCEPTION;
        CALL inner_fail();
        RETURN 'no';
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION outer_ok()") == [("inner",)]


def test_system_is_refused(host: Host) -> None:
    host.create("CREATE PROCEDURE sh() SYSTEM 'rm -rf /tmp/x'; END PROCEDURE")
    assert code_of(host, "EXECUTE PROCEDURE sh()").sqlcode == -668


# -- calls, arguments, limits -----------------------------------------------------------------


def test_arguments_defaults_and_resolution(host: Host) -> None:
    host.create(
        "CREATE FUNCTION add(a INT, b INT DEFAULT 10) RETURNING INT; RETURN a + b; END FUNCTION"
    )
    assert host.execute("EXECUTE FUNCTION add(1, 2)") == [(3,)]
    assert host.execute("EXECUTE FUNCTION add(?)", 5) == [(15,)]
    assert code_of(host, "EXECUTE FUNCTION add(1, 2, 3)").sqlcode == -674
    assert code_of(host, "EXECUTE FUNCTION add()").sqlcode == -674
    assert code_of(host, "EXECUTE FUNCTION nothing(1)").sqlcode == -674
    host.create("CREATE FUNCTION bad() RETURNING INT; RETURN missing_fn(1); END FUNCTION")
    assert code_of(host, "EXECUTE FUNCTION bad()").sqlcode == -674
    host.create("CREATE FUNCTION undef() RETURNING INT; RETURN nosuchvar + 1; END FUNCTION")
    assert code_of(host, "EXECUTE FUNCTION undef()").sqlcode == -217


def test_recursion_works_within_the_depth_limit(host: Host) -> None:
    host.create(
        """CREATE FUNCTION fact(n INT) RETURNING DECIMAL(32,0);
        IF n <= 1 THEN RETURN 1; END IF;
        RETURN n * fact(n - 1);
        END FUNCTION"""
    )
    assert host.execute("EXECUTE FUNCTION fact(20)") == [(decimal.Decimal(2432902008176640000),)]


def test_runaway_recursion_is_a_clear_error(host: Host) -> None:
    host.create(
        """CREATE FUNCTION forever(n INT) RETURNING INT;
        ON EXCEPTION RETURN -1; END EXCEPTION;
        RETURN forever(n + 1);
        END FUNCTION"""
    )
    err = code_of(host, "EXECUTE FUNCTION forever(0)")
    assert isinstance(err, SplAbort)
    assert err.sqlcode == -213
    assert "nested too deep" in err.near


def test_runaway_loop_hits_the_statement_budget() -> None:
    host = Host(Limits(max_statements=5_000))
    host.create(
        """CREATE PROCEDURE spin() DEFINE i INT;
        ON EXCEPTION LET i = 0; END EXCEPTION WITH RESUME;
        LET i = 0;
        WHILE 1 = 1 LET i = i + 1; END WHILE;
        END PROCEDURE"""
    )
    err = code_of(host, "EXECUTE PROCEDURE spin()")
    assert isinstance(err, SplAbort)
    assert err.sqlcode == -213
    assert "5000 statements" in err.near


def test_budget_is_shared_with_nested_calls() -> None:
    host = Host(Limits(max_statements=300))
    host.create(
        "CREATE PROCEDURE busy() DEFINE i INT; FOR i = 1 TO 40 LET i = i; END FOR; END PROCEDURE"
    )
    host.create(
        "CREATE PROCEDURE many() DEFINE k INT; FOR k = 1 TO 10 CALL busy(); END FOR; END PROCEDURE"
    )
    assert host.execute("EXECUTE PROCEDURE busy()") == []  # 81 steps alone
    assert code_of(host, "EXECUTE PROCEDURE many()").sqlcode == -213
