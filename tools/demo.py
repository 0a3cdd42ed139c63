"""The README demo: start the embedded test server and walk through the driver, printing what
happens (``./dev demo`` / ``tox -e demo`` run it)."""

from __future__ import annotations

import informix_db
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

            cur.execute("DROP TABLE demo_users")
        print("\nconnection closed; done")


if __name__ == "__main__":
    main()
