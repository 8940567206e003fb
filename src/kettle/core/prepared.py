"""`PreparedQuery`: a queryset the ORM compiles once per process and the page then runs with
fresh values. Building a query's SQL (joins, select_related columns, converters) costs the
ORM about a millisecond of Python for every request, against a few hundredths of a
millisecond for the database to answer it; the queries every page asks (who is logged in,
their home feed) are the same statement every time with other ids in it.

A prepared query is built from a queryset made with stand-in values that no row has
(`stand_in(n)`), and run with `fetch({stand_in: value})`: the stand-ins among the compiled
parameters are swapped for the values, so every value is still a bound parameter. The rows
become model instances exactly as the ORM makes them (select_related included), through the
ORM's own converters and populators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)

STAND_IN_BASE = -(2**52)  # ids no row has, and far from any count or flag


def stand_in(number: int) -> int:
    """The `number`th stand-in id (0, 1, ...): distinct, and never a real row's."""
    return STAND_IN_BASE - number


def stand_ins(count: int, *, after: int = 0) -> list[int]:
    """`count` stand-in ids in a row, from the `after`th on: for an `__in` of that many."""
    return [stand_in(after + number) for number in range(count)]


def bound_in(values: Sequence, *, after: int = 0) -> dict[int, Any]:
    """The stand-ins of an `__in` of len(values) (stand_ins(len(values), after=after)), each
    bound to its value."""
    return dict(zip(stand_ins(len(values), after=after), values, strict=True))


def stand_in_text(number: int) -> str:
    """The `number`th stand-in text: never a session key, a token's hash or a handle."""
    return f"(kettle stand-in {number})"


STAND_IN_TIME = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)  # a stand-in moment


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    compiler: Any
    converters: dict
    col_count: int
    trim: bool
    shape: str  # "models", "tuples" (values_list) or "flat" (values_list(flat=True))
    model: type[Model] | None = None
    init_list: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0
    populators: list = field(default_factory=list)
    annotations: dict[str, int] = field(default_factory=dict)


SHAPES = {ModelIterable: "models", ValuesListIterable: "tuples", FlatValuesListIterable: "flat"}


class PreparedQuery:
    """`queryset` built with stand-ins; `fetch` runs it with real values in their place. It
    gives model instances, or tuples for a values_list (values for a flat one)."""

    def __init__(self, queryset: QuerySet, stand_ins: list[Any]):
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("A prepared query makes only what its own SQL selects (no prefetch_related).")
        if queryset._iterable_class not in SHAPES:
            raise ValueError("A prepared query gives model instances or values_list rows.")
        self.queryset = queryset
        self.stand_ins = stand_ins
        self._known = set(stand_ins)
        self._compiled: dict[str, _Compiled] = {}

    def fetch(self, values: dict[Any, Any]) -> list:
        """What this query gives with each stand-in replaced by its value."""
        if not self._known.issuperset(values):
            raise ValueError(f"Values for stand-ins this query was not prepared with: {set(values) - self._known}")
        alias = self.queryset.db
        compiled = self._compiled.get(alias) or self._compile(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute(compiled.sql, rebound(compiled.params, values, connections[alias].ops))
            rows = cursor.fetchall()
        if compiled.trim:
            rows = [row[:compiled.col_count] for row in rows]
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        if compiled.shape == "tuples":
            return [tuple(row) for row in rows]
        if compiled.shape == "flat":
            return [row[0] for row in rows]
        objects = []
        for row in rows:
            obj = compiled.model.from_db(alias, compiled.init_list, row[compiled.start:compiled.end])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, position in compiled.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects

    def _compile(self, alias: str) -> _Compiled:
        compiler = self.queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()  # also fills compiler.select, klass_info, annotation_col_map
        ops = connections[alias].ops
        present = {_key(param) for param in params if type(param) in STANDS_AS}
        for stand in self.stand_ins:
            if _key(_adapted(ops, stand)) not in present:
                raise ValueError(f"The stand-in {stand!r} is not among this query's parameters.")
        select = compiler.select
        common = {"sql": sql, "params": tuple(params), "compiler": compiler, "col_count": compiler.col_count,
                  "converters": compiler.get_converters([column[0] for column in select[:compiler.col_count]]),
                  "trim": compiler.has_extra_select, "shape": SHAPES[self.queryset._iterable_class]}
        if common["shape"] != "models":  # rows as the compiler selects them, as values_list gives them
            compiled = _Compiled(**common)
        else:
            klass_info = compiler.klass_info
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            compiled = _Compiled(
                **common, model=klass_info["model"], start=start, end=end,
                init_list=[column[0].target.attname for column in select[start:end]],
                populators=get_related_populators(klass_info, select, alias),
                annotations=dict(compiler.annotation_col_map or {}))
        self._compiled[alias] = compiled
        return compiled


def rebound(params: Sequence, values: dict[Any, Any], ops) -> list:
    """Compiled parameters with each stand-in swapped for its value, both as the ORM hands
    them to the driver."""
    swaps = {_key(_adapted(ops, stand)): _adapted(ops, value) for stand, value in values.items()}
    return [swaps.get(_key(param), param) if type(param) in STANDS_AS else param for param in params]


def _adapted(ops, value: Any) -> Any:
    """A value as the ORM hands it to the driver (a moment, on SQLite, becomes text)."""
    if isinstance(value, datetime):
        return ops.adapt_datetimefield_value(value)
    return value


STANDS_AS = (int, str, datetime)  # the types a stand-in is compiled as (a moment is text on SQLite)


def _key(value: Any) -> tuple:
    # The type too: True == 1 and 1.0 == 1 must never be taken for a stand-in.
    return type(value), value
