"""BYTE/TEXT values and scroll cursors, cross-client: IBM JDBC (java/InteropLobs.java) reads what
informix_db wrote and the reverse, byte for byte, and a JDBC scrollable ResultSet and
informix_db's scroll cursor agree on every position of the same walk."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jdbc_programs import command, compiled, connect

import informix_db

pytestmark = pytest.mark.interop

SCROLL_ROWS = 100


def pattern(row: int, size: int) -> bytes:
    """The BYTE content InteropLobs writes: byte k of row i is (k * 31 + i) & 0xFF."""
    return bytes((k * 31 + row) & 0xFF for k in range(size))


def letters(row: int, size: int) -> str:
    return "".join(chr(ord("a") + (k + row) % 26) for k in range(size))


@pytest.fixture(scope="module")
def java(informix_server: Any) -> Callable[..., Any]:
    """Runs one InteropLobs command and returns its data (failing with the Java error)."""
    compiled("InteropLobs")

    def run(name: str, table: str, *extra: str) -> Any:
        args = [informix_server.host, str(informix_server.port), name, table, *extra]
        return command("InteropLobs", args)

    return run


@pytest.fixture
def table(informix_server: Any) -> Iterator[str]:
    name = "lobx_" + hashlib.sha1(str(id(object())).encode()).hexdigest()[:10]
    with connect(informix_server) as conn:
        conn.cursor().execute(f"CREATE TABLE {name} (id INT, b BYTE, t TEXT)")
    yield name
    with connect(informix_server) as conn:
        conn.cursor().execute(f"DROP TABLE {name}")


def _sha(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def test_jdbc_reads_what_informix_db_wrote(
    informix_server: Any, java: Callable[..., Any], table: str
) -> None:
    sizes = [0, 1, 1023, 1024, 1025, 70_000, 1_000_003, None]
    rows = []
    for i, size in enumerate(sizes):
        if size is None:
            rows.append((i, None, None))
        else:
            rows.append((i, pattern(i, size), ("é" + letters(i, size))[:size]))
    with connect(informix_server) as conn:
        conn.cursor().executemany(f"INSERT INTO {table} VALUES (?, ?, ?)", rows)
    seen = java("read", table)
    expected = []
    for i, b, t in rows:
        tb = None if t is None else t.encode("utf-8")
        expected.append([i, None if b is None else len(b), _sha(b),
                         None if tb is None else len(tb), _sha(tb)])  # fmt: skip
    assert seen == expected


def test_informix_db_reads_what_jdbc_wrote(
    informix_server: Any, java: Callable[..., Any], table: str
) -> None:
    sizes = [0, 3, 1025, 70_000, 1_000_000, -1]
    assert java("write", table, *map(str, sizes)) == len(sizes)
    with connect(informix_server) as conn:
        cur = conn.cursor().execute(f"SELECT id, b, t FROM {table} ORDER BY id")
        got = cur.fetchall()
    expected = [
        (i, None, None) if size < 0 else (i, pattern(i, size), letters(i, size))
        for i, size in enumerate(sizes)
    ]
    assert got == expected


@pytest.fixture
def numbers(informix_server: Any) -> Iterator[str]:
    name = "scrollx_" + hashlib.sha1(str(id(object())).encode()).hexdigest()[:10]
    with connect(informix_server) as conn:
        cur = conn.cursor()
        cur.execute(f"CREATE TABLE {name} (n INT)")
        cur.executemany(f"INSERT INTO {name} VALUES (?)", [(i,) for i in range(1, SCROLL_ROWS + 1)])
    yield name
    with connect(informix_server) as conn:
        conn.cursor().execute(f"DROP TABLE {name}")


def test_scroll_positions_agree(
    informix_server: Any, java: Callable[..., Any], numbers: str
) -> None:
    walk = java("scroll", numbers)
    assert len(walk) == 16
    with connect(informix_server) as conn:
        cur = conn.cursor(scrollable=True)
        cur.execute(f"SELECT n FROM {numbers} ORDER BY n")
        moves: dict[str, Callable[[int], Any]] = {
            "next": lambda _: cur.fetchone(),
            "previous": lambda _: cur.fetch_prior(),
            "first": lambda _: cur.fetch_first(),
            "last": lambda _: cur.fetch_last(),
            "absolute": cur.fetch_absolute,
            "relative": cur.fetch_relative,
        }
        ours = []
        for name, arg, *_ in walk:
            row = moves[name](arg)
            moved = row is not None
            ours.append([name, arg, moved, cur.rownumber if moved else 0,
                         row[0] if moved else None])  # fmt: skip
    assert ours == walk


@pytest.fixture
def smart_table(informix_server: Any) -> Iterator[str]:
    name = "slobx_" + hashlib.sha1(str(id(object())).encode()).hexdigest()[:10]
    with connect(informix_server) as conn:
        conn.cursor().execute(f"CREATE TABLE {name} (id INT, data BLOB, notes CLOB)")
    yield name
    with connect(informix_server) as conn:
        conn.cursor().execute(f"DROP TABLE {name}")


SMART_SIZES = [0, 1, 4096, 70_001, 1_000_000, -1]


def test_informix_db_reads_blob_and_clob_jdbc_wrote(
    informix_server: Any, java: Callable[..., Any], smart_table: str, tmp_path: Path
) -> None:
    """JDBC writes through filetoblob / filetoclob from real client files (SQ_FILE READ)."""
    assert java("filewrite", smart_table, str(tmp_path), *map(str, SMART_SIZES)) == len(SMART_SIZES)
    with connect(informix_server) as conn:
        cur = conn.cursor()
        for i, size in enumerate(SMART_SIZES):
            data = cur.read_blob_column(f"SELECT data FROM {smart_table} WHERE id = ?", (i,))
            notes = cur.read_blob_column(f"SELECT notes FROM {smart_table} WHERE id = ?", (i,))
            if size < 0:
                assert (data, notes) == (None, None)
            else:
                assert data == pattern(i, size)
                assert notes == letters(i, size).encode()


def test_jdbc_reads_blob_and_clob_informix_db_wrote(
    informix_server: Any, java: Callable[..., Any], smart_table: str, tmp_path: Path
) -> None:
    """JDBC reads through lotofile into real client files (SQ_FILE WRITE)."""
    with connect(informix_server) as conn:
        cur = conn.cursor()
        for i, size in enumerate(SMART_SIZES):
            if size < 0:
                cur.execute(f"INSERT INTO {smart_table} (id) VALUES (?)", (i,))
                continue
            cur.write_blob_column(
                f"INSERT INTO {smart_table} (id, data) VALUES (?, BLOB_PLACEHOLDER)",
                blob_data=pattern(i, size),
                params=(i,),
            )
            cur.write_blob_column(
                f"UPDATE {smart_table} SET notes = BLOB_PLACEHOLDER WHERE id = ?",
                blob_data=letters(i, size).encode(),
                params=(i,),
                clob=True,
            )
    rows = java("fileread", smart_table, str(tmp_path))
    assert [r[0] for r in rows] == list(range(len(SMART_SIZES)))
    for (i, blob_file, clob_file), size in zip(rows, SMART_SIZES, strict=True):
        if size < 0:
            assert (blob_file, clob_file) == (None, None)
            continue
        assert blob_file.startswith(str(tmp_path / "pb"))
        assert Path(blob_file).read_bytes() == pattern(i, size)
        assert Path(clob_file).read_bytes() == letters(i, size).encode()


#: Sizes around the 32000-byte SQ_LODATA chunk, and a few MB; -1 is a row of NULLs.
LOCATOR_SIZES = [0, 1, 31_999, 32_000, 32_001, 70_001, 3_000_000, -1]


def test_informix_db_reads_through_locators_what_jdbc_wrote(
    informix_server: Any, java: Callable[..., Any], smart_table: str
) -> None:
    """JDBC binds through smart-LOB locators (setBytes / setBinaryStream for the BLOB,
    setString / setClob for the CLOB: ifx_lo_create, SQ_LODATA writes, ifx_lo_close, then the
    locator in SQ_BIND); informix_db fetches the locators and reads them with open_lob."""
    assert java("smartwrite", smart_table, *map(str, LOCATOR_SIZES)) == len(LOCATOR_SIZES)
    with connect(informix_server) as conn:
        rows = conn.cursor().execute(f"SELECT id, data, notes FROM {smart_table} ORDER BY id")
        for (i, data, notes), size in zip(rows.fetchall(), LOCATOR_SIZES, strict=True):
            if size < 0:
                assert (data, notes) == (None, None)
                continue
            assert type(data) is informix_db.BlobLocator
            assert type(notes) is informix_db.ClobLocator
            with conn.open_lob(data) as lob:
                assert lob.size() == size
                assert lob.read() == pattern(i, size)
            with conn.open_lob(notes) as lob:
                assert lob.read() == letters(i, size).encode()


def test_jdbc_reads_through_locators_what_informix_db_wrote(
    informix_server: Any, java: Callable[..., Any], smart_table: str
) -> None:
    """informix_db writes even rows by binding bytes / str, odd rows by writing new LOBs
    (create_lob, several writes) and binding their locators; JDBC reads each value with
    getBytes and getBlob, getString and getClob."""
    with connect(informix_server) as conn:
        cur = conn.cursor()
        sql = f"INSERT INTO {smart_table} (id, data, notes) VALUES (?, ?, ?)"
        for i, size in enumerate(LOCATOR_SIZES):
            if size < 0:
                cur.execute(sql, (i, None, None))
            elif i % 2 == 0:
                cur.execute(sql, (i, pattern(i, size), letters(i, size)))
            else:
                with conn.create_lob() as blob, conn.create_lob("clob") as clob:
                    content = pattern(i, size)
                    for start in range(0, size, 1_000_000):
                        blob.write(content[start : start + 1_000_000])
                    clob.write(letters(i, size).encode())
                cur.execute(sql, (i, blob.locator, clob.locator))
    expected = []
    for i, size in enumerate(LOCATOR_SIZES):
        if size < 0:
            expected.append([i, None, None, None, None, None, None])
            continue
        b, t = _sha(pattern(i, size)), _sha(letters(i, size).encode())
        expected.append([i, size, b, b, size, t, t])
    assert java("smartread", smart_table) == expected
