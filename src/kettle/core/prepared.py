"""`PreparedQuery`: a queryset the ORM compiles once per process and the page then runs with
fresh values. Building a query's SQL (joins, select_related columns, converters) costs the
ORM about a millisecond of Python for every request, against a few hundredths of a
millisecond for the database to answer it; the queries every page asks (who is logged in,
their home feed) are the same statement every time with other ids in it.

A prepared query is built from a queryset made with stand-in values that no row has
(`stand_in(n)`), and run with `fetch({stand_in: value})`: the stand-ins among the compiled
parameters are swapped for the values, so every value is still a bound parameter. The rows
become model instances as the ORM makes them (select_related included), through the ORM's
own converters; see `_Maker` for how each instance is made."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor, ImageFileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    RelatedPopulator,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.signals import post_init, pre_init

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
    converters: list[_Converters]
    col_count: int
    trim: bool
    shape: str  # "models", "tuples" (values_list) or "flat" (values_list(flat=True))
    maker: _Maker | None = None
    start: int = 0
    end: int = 0
    related: list[_Related] = field(default_factory=list)
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
            rows = _converted(rows, compiled.converters, connections[alias])
        if compiled.shape == "tuples":
            return [tuple(row) for row in rows]
        if compiled.shape == "flat":
            return [row[0] for row in rows]
        objects = []
        for row in rows:
            obj = compiled.maker.make(row[compiled.start:compiled.end])
            for related in compiled.related:
                related.populate(row, obj)
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
        common = {"sql": sql, "params": tuple(params), "col_count": compiler.col_count,
                  "converters": _converters_of(compiler, select[:compiler.col_count], connections[alias]),
                  "trim": compiler.has_extra_select, "shape": SHAPES[self.queryset._iterable_class]}
        if common["shape"] != "models":  # rows as the compiler selects them, as values_list gives them
            compiled = _Compiled(**common)
        else:
            klass_info = compiler.klass_info
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            compiled = _Compiled(
                **common, start=start, end=end,
                maker=_Maker(klass_info["model"], [column[0].target.attname for column in select[start:end]], alias),
                related=[_Related(populator) for populator in get_related_populators(klass_info, select, alias)],
                annotations=dict(compiler.annotation_col_map or {}))
        self._compiled[alias] = compiled
        return compiled


class _Converters(NamedTuple):
    """The ORM's converters for one column of the rows (SQLite gives a moment as text, say)."""

    position: int
    functions: tuple
    expression: Any
    keep_null: bool  # they all give NULL back as None: a NULL needs no call


def _converters_of(compiler: Any, select: list, connection: Any) -> list[_Converters]:
    found = compiler.get_converters([column[0] for column in select])
    return [_Converters(position, tuple(functions), expression, _keeps_null(functions, expression, connection))
            for position, (functions, expression) in found.items()]


def _keeps_null(functions: list, expression: Any, connection: Any) -> bool:
    """Whether the converters turn a NULL into None, asked of them once, when compiling. Most
    columns of a page are often NULL (a post's group, poll and edit time), and each call is
    a Python call per row."""
    value = None
    try:
        for function in functions:
            value = function(value, expression, connection)
    except Exception:  # noqa: BLE001 - a converter that can't take NULL is simply always called
        return False
    return value is None


def _converted(rows: list, converters: list[_Converters], connection: Any) -> list[list]:
    """The rows as Django's SQLCompiler.apply_converters gives them, skipping the calls that
    would turn a NULL into None."""
    out = []
    for row in rows:
        row = list(row)
        for position, functions, expression, keep_null in converters:
            value = row[position]
            if value is None and keep_null:
                continue
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        out.append(row)
    return out


# Descriptors whose __set__ on a new instance only stores the value in its __dict__.
PLAIN_SETTERS = (ForeignKeyDeferredAttribute, FileDescriptor, ImageFileDescriptor)


class _Maker:
    """Instances of one model from the values of its columns, as `Model.from_db` makes them.

    from_db pads a deferred model's values to every field and `Model.__init__` sets them one
    setattr at a time, sending pre_init and post_init: for a page of 20 posts with their
    authors and profiles that was a sixth of the home page's time. Where that is all they
    would do (no __init__ or from_db of the model's own, no pre_init or post_init receivers,
    no field whose setter does more than store the value) the instance gets its values and
    state directly; otherwise from_db makes it."""

    def __init__(self, model: type[Model], attnames: list[str], alias: str) -> None:
        self.model, self.attnames, self.alias = model, attnames, alias
        self.plain = (model.__init__ is Model.__init__ and model.from_db.__func__ is Model.from_db.__func__
                      and all(_plainly_set(model, name) for name in attnames))

    def make(self, values: Sequence) -> Model:
        model = self.model
        if not self.plain or _heard(model):
            return model.from_db(self.alias, self.attnames, values)
        state = ModelState()
        state.adding, state.db = False, self.alias
        instance = model.__new__(model)
        instance.__dict__.update(zip(self.attnames, values, strict=True))
        instance._state = state
        return instance


def _heard(model: type[Model]) -> bool:
    """Whether anything listens for this model's pre_init or post_init (asked of every
    instance, so the common case, nothing listening to either at all, is checked first)."""
    return bool(pre_init.receivers or post_init.receivers) and (
        pre_init.has_listeners(model) or post_init.has_listeners(model))


def _plainly_set(model: type[Model], attname: str) -> bool:
    """Whether `setattr(instance, attname, value)` on a new instance just stores the value."""
    descriptor = next((klass.__dict__[attname] for klass in model.__mro__ if attname in klass.__dict__), None)
    return not hasattr(type(descriptor), "__set__") or type(descriptor) in PLAIN_SETTERS


class _Related:
    """A select_related model, made by `_Maker` and attached as Django's RelatedPopulator
    attaches it (whose attributes it takes)."""

    def __init__(self, populator: RelatedPopulator) -> None:
        self.maker = _Maker(populator.model_cls, populator.init_list, populator.db)
        self.reorder = populator.reorder_for_init
        self.start, self.end = getattr(populator, "cols_start", 0), getattr(populator, "cols_end", 0)
        self.pk_idx = populator.pk_idx
        self.local_setter, self.remote_setter = populator.local_setter, populator.remote_setter
        self.related = [_Related(inner) for inner in populator.related_populators]

    def populate(self, row: Sequence, from_obj: Model) -> None:
        values = self.reorder(row) if self.reorder else row[self.start:self.end]
        obj = None
        if values[self.pk_idx] is not None:
            obj = self.maker.make(values)
            for related in self.related:
                related.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)


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
