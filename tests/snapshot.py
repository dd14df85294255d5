"""A copy of the test database, taken once and put back before each test that needs it.

Live-server tests commit what they write, so pytest-django empties the database
after each one; loading the starter content again for every browser test took
several seconds a test. Instead the first test of a process loads it and copies
every table; the next ones put the copy back, which takes a few milliseconds:

- SQLite (the in-memory test database): the whole file through SQLite's backup
  API, FTS5 search tables included.
- PostgreSQL: every table's rows through COPY, in one transaction (Django's
  foreign keys are deferred, so the order does not matter), then each sequence
  set past the rows it numbers.
"""

import sqlite3

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

# Migrations are never emptied between tests; copying them back would duplicate them.
KEPT_TABLES = {"django_migrations"}


class DatabaseSnapshot:
    def __init__(self) -> None:
        self._sqlite: sqlite3.Connection | None = None
        self._tables: list[tuple[str, bytes]] = []

    @classmethod
    def take(cls) -> "DatabaseSnapshot":
        snapshot = cls()
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            snapshot._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(snapshot._sqlite)
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in _tables():
                    with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                        snapshot._tables.append((table, b"".join(bytes(block) for block in copy)))
        else:  # pragma: no cover - the suite runs on SQLite and PostgreSQL only
            raise NotImplementedError(connection.vendor)
        return snapshot

    def restore(self) -> None:
        connection.ensure_connection()
        if self._sqlite is not None:
            self._sqlite.backup(connection.connection)
            return
        names = ", ".join(f'"{table}"' for table, _ in self._tables)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            for table, rows in self._tables:
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(rows)
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(statement)


def _tables() -> list[str]:
    return [name for name in connection.introspection.table_names() if name not in KEPT_TABLES]
