"""Keyset-paginated lists in the API: ?before=<id>&limit=<n> (n up to 40)."""

from __future__ import annotations

from typing import Generic, TypeVar

from ninja import Schema
from pydantic import Field

from kettle.core.pagination import MAX_LIMIT

T = TypeVar("T")


class PageParams(Schema):
    before: int | None = Field(None, ge=1, description="Show items older than this id.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


class PageOut(Schema, Generic[T]):
    items: list[T]
    next_before: int | None = Field(None, description="Pass as ?before= to get the next page; null at the end.")
