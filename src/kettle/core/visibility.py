"""`among()`: "this row's foreign key points at something the viewer may see", as a
correlated EXISTS.

`filter(post__in=Post.objects.visible_to(viewer))` reads well, but SQLite answers it by
listing every post the viewer may see first (at county size, a million) and only then
looking the row up in the list: a post page with 50 comments took 200 ms. EXISTS asks the
same policy about this row's post alone, by its primary key. Same rule, same answer."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet


def among(visible: QuerySet, field: str) -> Exists:
    return Exists(visible.filter(pk=OuterRef(field)))
