"""`PreparedInsert`: INSERT ... SELECT in one statement, the rows made by the database from a
queryset instead of being read into Python and written back one object at a time. The SQL is
built when it is prepared, so a caller can build it before its transaction begins and hold
SQLite's write lock only for the statement itself."""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.constants import OnConflict

from kettle.core.prepared import rebound


class PreparedInsert:
    """Insert into `model` one row per value of `rows` (a one-column values_list), with
    constants after it: `columns` names the model's fields in that order."""

    def __init__(self, model: type[Model], columns: list[str], rows: QuerySet, *, ignore_conflicts: bool = False,
                 one_more: bool = False):
        """With `one_more`, a row besides the query's, whose first value `run` is given."""
        meta = model._meta
        quote = connection.ops.quote_name
        fields = [meta.get_field(name) for name in columns]
        self.one_more = one_more
        one = f"SELECT CAST(%s AS {fields[0].cast_db_type(connection)})"
        try:
            select, self.params = rows.query.sql_with_params()
        except EmptyResultSet:  # e.g. an `__in` of nothing: no rows from the query
            if not one_more:
                self.sql = None  # and no statement to send
                return
            select, self.params = one, ()
        else:
            if one_more:  # the ORM's own SQL (its values are parameters) and a parameter
                select = f"SELECT query.* FROM ({select}) query UNION ALL {one}"  # noqa: S608
        # CAST: a bare parameter in a select list has no type on PostgreSQL (NULL least of all).
        casts = ", ".join(f"CAST(%s AS {field.cast_db_type(connection)})" for field in fields[1:])
        on_conflict = OnConflict.IGNORE if ignore_conflicts else None
        # Names come from the model and go through quote_name; values are parameters.
        self.sql = (
            f"{connection.ops.insert_statement(on_conflict=on_conflict)} {quote(meta.db_table)} "  # noqa: S608
            f"({', '.join(quote(field.column) for field in fields)}) "
            f"SELECT source.*, {casts} FROM ({select}) source WHERE 1 = 1 "  # WHERE: SQLite reads ON CONFLICT after it
            f"{connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None)}")

    def bound(self, values: dict[int, int | None]) -> PreparedInsert:
        """The same statement with some of its query's parameters replaced by others: built
        once with stand-in values that no row has, then bound afresh for each use."""
        statement = object.__new__(PreparedInsert)
        statement.sql, statement.one_more = self.sql, self.one_more
        statement.params = rebound(self.params, values, connection.ops)
        return statement

    def run(self, constants: list[int | None], one_more: int | None = None) -> int:
        """Write the rows with these constants beside each (and the one more row, starting
        with `one_more`, if prepared for one); returns how many were written."""
        if self.sql is None:
            return 0
        with connection.cursor() as cursor:
            # In the order they stand in the SQL.
            cursor.execute(self.sql, [*constants, *self.params, *([one_more] if self.one_more else [])])
            return cursor.rowcount

