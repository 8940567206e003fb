"""Keyset pagination by id: stable under inserts and cheap at any depth, never OFFSET."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import QuerySet

T = TypeVar("T")
DEFAULT_LIMIT = 20
MAX_LIMIT = 40


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_before: int | None

    @property
    def has_more(self) -> bool:
        return self.next_before is not None


def clamp_limit(limit: int | None) -> int:
    if not limit or limit < 1:
        return DEFAULT_LIMIT
    return min(limit, MAX_LIMIT)


def keyset_page(queryset: QuerySet, *, before: int | None = None, limit: int | None = None,
                key: str = "id") -> Page:
    """Newest first; `before` is the id of the last item already shown."""
    size = clamp_limit(limit)
    if before is not None:
        queryset = queryset.filter(**{f"{key}__lt": before})
    rows = list(queryset.order_by(f"-{key}")[: size + 1])
    more = len(rows) > size
    items = rows[:size]
    return Page(items=items, next_before=getattr(items[-1], key) if more and items else None)
