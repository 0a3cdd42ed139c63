"""Row decoding speed: informix_types.row_decoder against a pure floor and the peer driver.

For each shape the same SQ_TUPLE payload (built by ``row_encoder``) is decoded three ways:

- ``ours``: ``informix_types.row_decoder`` (planned once per shape, as the driver uses it);
- ``floor``: one precompiled ``struct.Struct.unpack`` of the same bytes (no NULL handling, no
  conversion: the least any Python decoder can do);
- ``peer``: the PyPI driver ``informix-driver`` (import name ``informix_db``, which clashes with
  ours, so it is installed apart with ``pip install --target .cache/peer-driver informix-driver``
  and loaded under another name), through its fastest path: the generated per-shape decoder.

Run: ``.venv/bin/python -m pytest benchmarks/test_bench_types.py -m bench --benchmark-columns=mean``
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import struct
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from informix_types import row_decoder, row_encoder
from informix_wire.messages.describe import Column

pytestmark = pytest.mark.bench

CACHE = Path(__file__).resolve().parent.parent / ".cache"
#: Where the peer may be: a ``pip install --target`` directory, or the pool benchmark's venv.
PEER_DIRS = [CACHE / "peer-driver", *sorted(CACHE.glob("peer-venv/lib/python3*/site-packages"))]
ENCODING = "iso-8859-1"


def _int_shape(n: int) -> tuple[list[Column], list[object], str]:
    columns = [Column(f"c{i}".encode(), 2) for i in range(n)]
    return columns, [i * 7 + 1 for i in range(n)], ">" + "i" * n


MIX_COLUMNS = [
    Column(b"id", 2),
    Column(b"name", 13, 64),
    Column(b"amount", 5, 12 << 8 | 2),
    Column(b"event_date", 7),
    Column(b"ratio", 3),
    Column(b"tag", 1),
]
MIX_ROW: list[object] = [42, "row_0042", Decimal("1234.50"), dt.date(2024, 5, 6), 1.5, 7]

SHAPES: dict[str, tuple[list[Column], list[object], str | None]] = {
    "5int": _int_shape(5),
    "mix6": (MIX_COLUMNS, MIX_ROW, None),
    "20int": _int_shape(20),
    "50int": _int_shape(50),
    "100int": _int_shape(100),
}


def _mix_floor_format(payload: bytes) -> str:
    name_len = payload[4]
    return f">i{1 + name_len}s7sidh"


def _load_peer() -> ModuleType:
    """The peer's ``_resultset`` module, loaded as package ``peer_informix_db``."""
    found = [d / "informix_db" / "__init__.py" for d in PEER_DIRS]
    found = [init for init in found if init.exists()]
    if not found:
        pytest.skip("peer driver not installed in .cache/peer-driver (see this module's docstring)")
    init = found[0]
    if "peer_informix_db" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "peer_informix_db", init, submodule_search_locations=[str(init.parent)]
        )
        assert spec is not None
        assert spec.loader is not None
        package = importlib.util.module_from_spec(spec)
        sys.modules["peer_informix_db"] = package
        spec.loader.exec_module(package)
    return importlib.import_module("peer_informix_db._resultset")


def _peer_decoder(columns: list[Column]) -> Callable[[bytes], Any]:
    resultset = _load_peer()
    infos = [
        resultset.ColumnInfo(
            name=c.name.decode(),
            type_code=c.base_type,
            raw_type_code=c.type,
            encoded_length=c.encoded_length,
        )
        for c in columns
    ]
    readers = resultset.compile_column_readers(infos)
    parse_row = resultset.compile_row_decoder(readers, infos)
    assert parse_row is not None

    def decode(payload: bytes) -> Any:
        return parse_row(payload, 0, ENCODING)

    return decode


def _print_ns(benchmark: Any, label: str) -> None:
    mean = benchmark.stats.stats.mean
    print(f"\n{label}: {mean * 1e9:.0f} ns/row")


@pytest.mark.parametrize("shape", list(SHAPES))
def test_ours(benchmark: Any, shape: str) -> None:
    columns, row, _ = SHAPES[shape]
    payload = row_encoder(columns, ENCODING)(row)
    decode = row_decoder(columns, ENCODING)
    assert decode(payload) == tuple(row)
    benchmark.group = shape
    benchmark(decode, payload)
    _print_ns(benchmark, f"ours  {shape}")


@pytest.mark.parametrize("shape", list(SHAPES))
def test_floor(benchmark: Any, shape: str) -> None:
    columns, row, fmt = SHAPES[shape]
    payload = row_encoder(columns, ENCODING)(row)
    unpack = struct.Struct(fmt or _mix_floor_format(payload)).unpack
    benchmark.group = shape
    benchmark(unpack, payload)
    _print_ns(benchmark, f"floor {shape}")


@pytest.mark.parametrize("shape", list(SHAPES))
def test_peer(benchmark: Any, shape: str) -> None:
    columns, row, _ = SHAPES[shape]
    payload = row_encoder(columns, ENCODING)(row)
    decode = _peer_decoder(columns)
    decoded = decode(payload)
    values = decoded[0] if isinstance(decoded[0], tuple) else decoded
    assert list(values) == row
    benchmark.group = shape
    benchmark(decode, payload)
    _print_ns(benchmark, f"peer  {shape}")
