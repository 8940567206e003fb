"""`insert_from()`: INSERT ... SELECT in one statement, the rows made by the database from a
queryset instead of being read into Python and written back one object at a time."""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.constants import OnConflict


def insert_from(model: type[Model], columns: list[str], rows: QuerySet, constants: list[int | None],
                *, ignore_conflicts: bool = False) -> int:
    """Insert into `model` one row per value of `rows` (a one-column values_list), with the
    `constants` after it: `columns` names the model's fields in that order. Returns how
    many rows were written."""
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in columns]
    try:
        select, params = rows.query.sql_with_params()
    except EmptyResultSet:  # e.g. an `__in` of nothing: no rows, and no statement to send
        return 0
    # CAST: a bare parameter in a select list has no type on PostgreSQL (NULL least of all).
    casts = ", ".join(f"CAST(%s AS {field.cast_db_type(connection)})" for field in fields[1:])
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    # Names come from the model and go through quote_name; values are parameters.
    sql = (f"{connection.ops.insert_statement(on_conflict=on_conflict)} {quote(meta.db_table)} "  # noqa: S608
           f"({', '.join(quote(field.column) for field in fields)}) "
           f"SELECT source.*, {casts} FROM ({select}) source WHERE 1 = 1 "  # WHERE: SQLite reads ON CONFLICT after it
           f"{connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*constants, *params])  # in the order they stand in the SQL
        return cursor.rowcount
