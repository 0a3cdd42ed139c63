"""The SQL the test server derives for client files and fast-path signatures."""

from __future__ import annotations

from dataclasses import dataclass

from informix_testserver import fastpath, sqfile


@dataclass
class Spec:
    name: str
    type_code: int
    length: int = 0
    extended_id: int = 0
    extended_name: str = ""
    extended_owner: str = ""


def test_filetoblob_becomes_a_marker_at_its_position() -> None:
    sql, plan = sqfile.plan_sql(
        "INSERT INTO t VALUES (?, '?', FILETOBLOB('in.bin', 'client'), "
        "filetoclob('it''s', 'client'), ?)"
    )
    assert sql == "INSERT INTO t VALUES (?, '?', ?, ?, ?)"
    assert plan.reads == [(1, "in.bin", False), (2, "it's", True)]
    assert not plan.writes


def test_lotofile_becomes_its_column_described_as_a_file_name() -> None:
    sql, plan = sqfile.plan_sql("SELECT id, lotofile(t.data, '/tmp/x', 'client') FROM t")
    assert sql == "SELECT id, t.data FROM t"
    assert plan.writes == [("data", "/tmp/x")]
    specs = [Spec("id", 2, 4), Spec("data", 41, 72, 10, "blob", "informix")]
    described = sqfile.described(specs, plan)
    assert described[0] is specs[0]
    assert (described[1].type_code, described[1].length, described[1].extended_name) == (
        13,
        255,
        "",
    )
    assert sqfile.written_columns(described, plan) == {1: "/tmp/x"}


def test_server_files_and_plain_sql_are_left_alone() -> None:
    text = "SELECT lotofile(data, '/tmp/x', 'server') FROM t"
    assert sqfile.plan_sql(text) == (text, sqfile.LobPlan())
    assert not sqfile.plan_sql("SELECT 1")[1]


def test_signature_argument_counts() -> None:
    assert fastpath.argument_count("") == 0
    assert fastpath.argument_count("integer") == 1
    assert fastpath.argument_count("decimal(10,2), int8 ,lvarchar") == 3
