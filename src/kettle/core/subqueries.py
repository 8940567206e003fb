"""`count_of()`: how many rows, as a correlated subquery, so a count rides along on the
query of the thing being counted (0, not NULL, when there are none)."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet, per: str, *, distinct: str | None = None) -> Coalesce:
    """`rows` filtered on an OuterRef; `per` the field they are grouped by (one group). With
    `distinct`, how many different values of that field the rows hold, not how many rows."""
    counted = Count(distinct, distinct=True) if distinct else Count("*")
    return Coalesce(Subquery(rows.order_by().values(per).annotate(n=counted).values("n")[:1]), 0)
