"""Informix GLS locale names (CLIENT_LOCALE, DB_LOCALE: ``language_territory.codeset``) to Python
codec names.

Code set names and numbers from IBM's "GLS User's Guide" (the ``registry`` of code sets: 819 is
8859-1, 923 8859-15, 1252 Windows Latin-1, 57372 utf8, 5488 GB18030, ...). The JDBC driver maps
them the same way in ``com.informix.jdbc.IfxLocales``/``com.informix.lang.IfxToJavaType``.
"""

from __future__ import annotations

import codecs

from informix_wire.errors import InterfaceError

_BY_CODESET = {
    "8859-1": "iso8859-1",
    "819": "iso8859-1",
    "8859-2": "iso8859-2",
    "912": "iso8859-2",
    "8859-5": "iso8859-5",
    "915": "iso8859-5",
    "8859-7": "iso8859-7",
    "813": "iso8859-7",
    "8859-8": "iso8859-8",
    "916": "iso8859-8",
    "8859-9": "iso8859-9",
    "920": "iso8859-9",
    "8859-15": "iso8859-15",
    "923": "iso8859-15",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "57372": "utf-8",
    "cp1250": "cp1250",
    "1250": "cp1250",
    "cp1251": "cp1251",
    "1251": "cp1251",
    "cp1252": "cp1252",
    "1252": "cp1252",
    "cp1253": "cp1253",
    "1253": "cp1253",
    "cp1254": "cp1254",
    "1254": "cp1254",
    "cp1255": "cp1255",
    "1255": "cp1255",
    "cp1256": "cp1256",
    "1256": "cp1256",
    "cp1257": "cp1257",
    "1257": "cp1257",
    "pc-latin-1": "cp850",
    "850": "cp850",
    "437": "cp437",
    "sjis-s": "shift_jis",
    "sjis": "shift_jis",
    "932": "cp932",
    "ujis": "euc_jp",
    "eucjp": "euc_jp",
    "gb": "gb2312",
    "gb2312-80": "gb2312",
    "gb18030-2000": "gb18030",
    "gb18030": "gb18030",
    "5488": "gb18030",
    "big5": "big5",
    "ksc": "euc_kr",
    "ksc5601": "euc_kr",
    "cp949": "cp949",
    "949": "cp949",
    "koi8-r": "koi8_r",
    "878": "koi8_r",
    "ascii": "ascii",
    "646": "ascii",
    "thai620": "tis-620",
    "tis620": "tis-620",
}


def python_codec(locale: str) -> str:
    """The Python codec for an Informix locale name such as ``en_US.8859-1`` or ``zh_CN.GB18030``
    (a bare code set name or number works too). InterfaceError for unknown code sets."""
    codeset = locale.rsplit(".", 1)[-1].strip().lower()
    if "@" in codeset:
        codeset = codeset.split("@", 1)[0]
    name = _BY_CODESET.get(codeset)
    if name is None:
        try:
            name = codecs.lookup(codeset).name
        except LookupError:
            raise InterfaceError(f"unknown Informix code set {codeset!r} in {locale!r}") from None
    return name
