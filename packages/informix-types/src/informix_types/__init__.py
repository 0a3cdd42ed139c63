"""Every Informix SQL type to and from Python, in both directions.

Client side: :func:`row_decoder` (SQ_TUPLE payloads, planned once per DESCRIBE),
:func:`bind_value`/:func:`bind_as` (SQ_BIND parameters) and :func:`decode_typed` (fast-path
results). Server side (the test server): :func:`row_encoder` and :func:`decode_typed` for bound
parameters. :func:`column_info` feeds ``cursor.description``; :func:`python_codec` maps
CLIENT_LOCALE/DB_LOCALE to a Python codec. See docs/types.md for the mapping and its sources.
"""

from informix_types._version import __version__
from informix_types.bind import BlobTypedValue, bind_as, bind_value, decode_typed
from informix_types.info import ColumnInfo, column_info
from informix_types.locales import python_codec
from informix_types.planner import RowDecoder, RowEncoder, row_decoder, row_encoder
from informix_types.values import (
    BlobDescriptor,
    BlobLocator,
    ClobLocator,
    CollectionValue,
    IntervalYM,
    RowValue,
)

__all__ = [
    "BlobDescriptor",
    "BlobLocator",
    "BlobTypedValue",
    "ClobLocator",
    "CollectionValue",
    "ColumnInfo",
    "IntervalYM",
    "RowDecoder",
    "RowEncoder",
    "RowValue",
    "__version__",
    "bind_as",
    "bind_value",
    "column_info",
    "decode_typed",
    "python_codec",
    "row_decoder",
    "row_encoder",
]
