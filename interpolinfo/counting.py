"""Race-free counters: one INSERT ... ON CONFLICT DO UPDATE statement.

PostgreSQL and SQLite (3.24+) share this syntax. One statement means a busy
page never needs a read, a retry or a savepoint to count something, and two
visitors counting at once cannot lose a count or hit the unique constraint.

On PostgreSQL a count does not wait for its write to reach the disk
(`synchronous_commit` off for that one statement's transaction, set by the
statement itself, so it stays a single round trip). Visitors counting the
same row (one search, one day) queue on its lock, and each would otherwise
hold it for a disk flush: searches ran at a third of a cached page's rate. A
database crash can lose the last fraction of a second of counts, never
content, and the database stays consistent.
"""

from django.db import connection, models


def count_up(
    model: type[models.Model],
    *,
    match: dict[str, object],
    add: dict[str, int],
    replace: dict[str, object] | None = None,
) -> None:
    """Insert the row identified by `match`, or add `add` to its counters.

    `match` must name the fields of a unique constraint; `replace` values are
    simply overwritten. Together the three must cover every column but the key.
    """
    replace = replace or {}
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    values = {**match, **add, **replace}
    fields = [model._meta.get_field(name) for name in values]
    columns = ", ".join(quote(field.column) for field in fields)
    params = [
        field.get_db_prep_value(values[field.name], connection, prepared=False) for field in fields
    ]
    conflict = ", ".join(quote(model._meta.get_field(name).column) for name in match)
    updates = [
        f"{quote(col)} = {table}.{quote(col)} + EXCLUDED.{quote(col)}"
        for col in (model._meta.get_field(name).column for name in add)
    ] + [
        f"{quote(col)} = EXCLUDED.{quote(col)}"
        for col in (model._meta.get_field(name).column for name in replace)
    ]
    placeholders = ", ".join(["%s"] * len(params))
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "  # noqa: S608 (names are quoted model metadata)
        f"ON CONFLICT ({conflict}) DO UPDATE SET {', '.join(updates)}"
    )
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Alone, the statement is its own transaction, and set_config(..., true) lasts
        # until that commits. (Inside a caller's transaction it would cover the caller's
        # writes too, so there the count waits for the disk like them.)
        sql += " RETURNING set_config('synchronous_commit', 'off', true)"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
