"""The README demo: start the embedded test server and walk through the driver, printing what
happens (``./dev demo`` / ``tox -e demo`` run it)."""

from __future__ import annotations

import asyncio
from typing import Any

import informix_db
from informix_db import aio
from informix_testserver import TestServer


def show(title: str) -> None:
    print(f"\n== {title}")


def main() -> None:
    with TestServer() as server:
        show(f"test server listening on {server.host}:{server.port}")
        with informix_db.connect(
            host=server.host,
            port=server.port,
            user=server.user,
            password=server.password,
            database="testdb",
            server=server.config.server_name,
        ) as conn:
            print(f"connected: {conn.server_info.product if conn.server_info else '?'} "
                  f"{conn.server_version}, database {conn.database} "
                  f"(logged={conn.logged}, ansi={conn.ansi})")  # fmt: skip
            cur = conn.cursor()

            show("DDL")
            cur.execute(
                "CREATE TABLE demo_users (id SERIAL PRIMARY KEY, name VARCHAR(40) NOT NULL, "
                "balance DECIMAL(10,2))"
            )
            conn.commit()
            print("created table demo_users")

            show("inserts with parameters")
            cur.execute("INSERT INTO demo_users (name, balance) VALUES (?, ?)", ("Ada", 120.50))
            print(f"inserted 1 row, SERIAL id {cur.lastrowid}")
            people = [("Grace", 75), ("Linus", 0), ("Barbara", 310.25)]
            cur.executemany("INSERT INTO demo_users (name, balance) VALUES (:1, :2)", people)
            print(f"executemany inserted {cur.rowcount} rows")
            conn.commit()

            show("a SELECT")
            cur.execute(
                "SELECT id, name, balance FROM demo_users WHERE balance > ? ORDER BY id", (50,)
            )
            print("columns:", [d[0] for d in cur.description or ()])
            for row in cur:
                print("  ", row)

            show("a transaction rolled back")
            cur.execute("DELETE FROM demo_users")
            print(f"deleted {cur.rowcount} rows inside the transaction")
            conn.rollback()
            cur.execute("SELECT COUNT(*) FROM demo_users")
            print(f"after rollback the table still has {cur.fetchone()[0]} rows")

            show("an error")
            try:
                cur.execute("SELECT nonexistent FROM demo_users")
            except informix_db.ProgrammingError as exc:
                print(f"{type(exc).__name__}: {exc} (sqlcode {exc.sqlcode})")
            cur.execute("SELECT name FROM demo_users WHERE id = ?", (1,))
            print(f"the connection is still usable: {cur.fetchone()}")

            show("a scroll cursor")
            scroll = conn.cursor(scrollable=True)
            scroll.execute("SELECT name FROM demo_users ORDER BY id")
            print(f"last {scroll.fetch_last()}, first {scroll.fetch_first()}, "
                  f"second {scroll.fetch_absolute(2)}, rows {scroll.rowcount}")  # fmt: skip
            scroll.close()

            show("a BLOB through a locator, a SET column")
            cur.execute(
                "CREATE TABLE demo_docs (id INT, body BLOB, tags SET(VARCHAR(10) NOT NULL))"
            )
            with conn.create_lob("blob") as lob:
                lob.write(b"%PDF-1.7 " + bytes(100_000))
                locator = lob.locator
            cur.execute("INSERT INTO demo_docs VALUES (?, ?, ?)", (1, locator, {"a", "b"}))
            conn.commit()
            cur.execute("SELECT body, tags FROM demo_docs WHERE id = 1")
            body, tags = cur.fetchone()
            with conn.open_lob(body) as lob:
                print(f"BLOB of {lob.size()} bytes starting {lob.read(8)!r}; tags {sorted(tags)}")

            cur.execute("DROP TABLE demo_docs")
            cur.execute("DROP TABLE demo_users")
        print("\nconnection closed")
        asyncio.run(async_demo(server))
        print("\ndone")


async def async_demo(server: Any) -> None:
    show("asyncio, through a pool")
    pool = await aio.create_pool(server.dsn(), min_size=1, max_size=4)
    async with pool.connection() as conn:
        cur = await conn.cursor()
        await cur.execute("SELECT tabname FROM systables WHERE tabid = ?", (1,))
        print(f"systables row 1 names {(await cur.fetchone())[0]!r}")
    await pool.close()


if __name__ == "__main__":
    main()
