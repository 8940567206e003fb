"""Bulk rows straight into the database: executemany on SQLite, COPY on PostgreSQL.

The ORM's bulk_create builds a model instance per row; for twenty million feed rows that
alone would take longer than the whole budget, so the generator hands plain tuples here.
Ids are given by the generator (the tables start empty), so rows can refer to each other
without reading anything back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from django.db import connection, models

BATCH = 20_000


def columns(model: type[models.Model], names: list[str]) -> list[str]:
    """Database column names for these field names (a foreign key `author` is `author_id`)."""
    return [model._meta.get_field(name).column for name in names]


class Table:
    """Rows for one model's table, in the order of `fields`; defaults fill the rest."""

    def __init__(self, model: type[models.Model], fields: list[str]):
        self.model = model
        self.fields = fields
        given = set(fields)
        self.defaults = [(field.column, _db_default(field)) for field in model._meta.concrete_fields
                         if field.name not in given and not field.primary_key]
        self.column_names = columns(model, fields) + [column for column, _ in self.defaults]
        kinds = [model._meta.get_field(name) for name in fields]
        self.converters = [_converter(field) for field in kinds] + [None] * len(self.defaults)
        self.default_values = tuple(value for _, value in self.defaults)
        self.count = 0

    def write(self, rows: Iterable[tuple]) -> int:
        """Insert every row (a tuple in `fields` order); returns how many."""
        sqlite = connection.vendor == "sqlite"
        convert = [(i, fn) for i, fn in enumerate(self.converters) if fn is not None]
        extra = self.default_values

        def prepared():
            for row in rows:
                if convert:
                    row = list(row)
                    for i, fn in convert:
                        value = row[i]
                        if value is not None:
                            row[i] = fn(value, sqlite)
                yield (*row, *extra)

        written = (_write_sqlite if sqlite else _write_postgres)(self.model._meta.db_table, self.column_names,
                                                                 prepared())
        self.count += written
        return written


def _db_default(field: models.Field):
    if field.has_default():
        value = field.get_default()
    elif field.null:
        value = None
    elif isinstance(field, models.CharField | models.TextField):
        value = ""
    else:
        value = None
    converter = _converter(field)
    if converter is not None and value is not None:
        value = converter(value, connection.vendor == "sqlite")
    return value


def _converter(field: models.Field):
    if isinstance(field, models.DateTimeField):
        return _datetime
    if isinstance(field, models.DateField):
        return _date
    if isinstance(field, models.JSONField):
        return _json
    return None


def _datetime(value: datetime, sqlite: bool):
    # Django keeps SQLite datetimes as naive UTC text; psycopg takes aware datetimes as they are.
    if not sqlite:
        return value
    return str(value.astimezone(UTC).replace(tzinfo=None))


def _date(value: date, sqlite: bool):
    return value.isoformat() if sqlite else value


def _json(value, sqlite: bool):
    return json.dumps(value)


def _write_sqlite(table: str, names: list[str], rows: Iterable[tuple]) -> int:
    sql = f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'  # noqa: S608
    raw = connection.connection
    count = 0
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            raw.executemany(sql, batch)
            count += len(batch)
            batch = []
    if batch:
        raw.executemany(sql, batch)
        count += len(batch)
    return count


def _write_postgres(table: str, names: list[str], rows: Iterable[tuple]) -> int:
    count = 0
    with connection.connection.cursor() as cursor, cursor.copy(
            f'COPY "{table}" ({", ".join(names)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


@contextmanager
def indexes_built_after(model: type[models.Model]) -> Iterator[None]:
    """Load a big table without its plain (non-unique) indexes, then build them: one sort
    each instead of a random B-tree insert per row per index. Twenty million feed rows
    carry three of them. On PostgreSQL its foreign keys go too, and come back checked in one
    pass each: kept, every row would queue one deferred check per key until the commit."""
    table = model._meta.db_table
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    plain = {name: (info["columns"], info.get("orders") or ["ASC"] * len(info["columns"]))
             for name, info in found.items()
             if info.get("index") and not info.get("unique") and not info.get("primary_key")
             and info.get("type", "btree") in ("btree", "idx") and not info.get("definition")}
    keys = {name: (info["columns"][0], info["foreign_key"]) for name, info in found.items()
            if info.get("foreign_key") and connection.vendor == "postgresql"}
    with connection.cursor() as cursor:
        for name in plain:
            cursor.execute(f"DROP INDEX {quote(name)}")
        for name in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, (names, orders) in plain.items():
                listed = ", ".join(f"{quote(column)} {order}" for column, order in zip(names, orders, strict=True))
                cursor.execute(f"CREATE INDEX {quote(name)} ON {quote(table)} ({listed})")
            for name, (column, (other, other_column)) in keys.items():
                cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} FOREIGN KEY ({quote(column)}) "
                               f"REFERENCES {quote(other)} ({quote(other_column)}) DEFERRABLE INITIALLY DEFERRED "
                               "NOT VALID")
                cursor.execute(f"ALTER TABLE {quote(table)} VALIDATE CONSTRAINT {quote(name)}")


def reset_sequences(models_: list[type[models.Model]]) -> None:
    """After inserting explicit ids, PostgreSQL's sequences must move past them (SQLite
    takes max(id) + 1 by itself)."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
