"""The sans-I/O protocol core shared by ``informix_db`` and ``informix_db_aio``.

Every operation is a generator (``wire.Op``) that yields bytes to send or None to ask for more
input, and returns its result; the drivers only supply the waiting.
"""
