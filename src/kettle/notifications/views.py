"""The notifications page, "mark all as read" and the unread badge for the navigation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kettle.notifications import queries
from kettle.notifications.actions import do_mark_read

PER_PAGE = 40


def _before(request: HttpRequest) -> int | None:
    try:
        value = int(request.GET.get("before", ""))
    except ValueError:
        return None
    return value if value > 0 else None


@login_required
@never_cache
def notification_list(request: HttpRequest) -> HttpResponse:
    """Newest first, grouped. What's shown is marked read once it has been rendered as unread."""
    member = request.member
    page = queries.page_for(member, before=_before(request), limit=PER_PAGE)
    groups = queries.grouped(page.items)
    unread = [note.id for note in page.items if note.read_at is None]
    response = render(request, "notifications/list.html", {"groups": groups, "page": page, "any_unread": bool(unread)})
    if unread:
        do_mark_read(member, unread)
    return response


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    do_mark_read(request.member)
    return redirect("notifications:list")


@require_GET
@never_cache
def badge(request: HttpRequest) -> HttpResponse:
    """The unread count for the navigation, as a small htmx partial that refreshes itself."""
    count = queries.unread_count(request.member) if request.member is not None else 0
    return render(request, "notifications/_badge.html", {"count": count})
