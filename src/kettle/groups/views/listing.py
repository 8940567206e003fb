"""/groups/: your groups (with requests and invitations), suggestions, search, and browsing
the listed groups by kind. Secret groups appear only to their own members."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from kettle.core.pagination import keyset_page
from kettle.groups.models import Group, Membership
from kettle.groups.suggestions import search_groups, suggested_groups
from kettle.social.views.helpers import before_param

KINDS = {"local": "Local groups", "due_month": "Due-month clubs", "interest": "Interest groups"}
BROWSE_PAGE = 24


def groups_index(request: HttpRequest) -> HttpResponse:
    viewer = request.member
    query = (request.GET.get("q") or "").strip()[:100]
    kind = request.GET.get("kind") if request.GET.get("kind") in KINDS else None
    context: dict = {"query": query, "kind": kind, "kinds": KINDS, "nav": "groups",
                     "welcome": viewer is not None and request.GET.get("welcome") == "1"}
    if viewer is not None:
        mine = list(Membership.objects.filter(member=viewer).exclude(state=Membership.State.BANNED)
                    .select_related("group__organisation").order_by("state", "-group__member_count"))
        context["mine"] = [m for m in mine if m.state == Membership.State.ACTIVE]
        context["waiting"] = [m for m in mine if m.state != Membership.State.ACTIVE]
        if not query:
            context["suggestions"] = suggested_groups(viewer, limit=6)
    if query:
        context["results"] = search_groups(viewer, query)
    else:
        listed = Group.objects.listed().select_related("organisation", "place")
        # Clubs (one per month and area) have their own tab rather than filling "All"; it also
        # keeps baby clubs out of sight of someone grieving unless they go looking.
        listed = listed.filter(kind=kind) if kind else listed.exclude(kind=Group.Kind.DUE_MONTH)
        context["browse"] = keyset_page(listed, before=before_param(request), limit=BROWSE_PAGE)
    return render(request, "groups/site/index.html", context)


@login_required
def groups_for_you(request: HttpRequest) -> HttpResponse:
    """A few suggestions for the home page's side, fetched after the page so the timeline stays quick."""
    return render(request, "groups/site/_for_you.html", {"suggestions": suggested_groups(request.member, limit=3)})


urlpatterns = [
    path("groups/", groups_index, name="index"),
    path("groups/for-you", groups_for_you, name="for_you"),
]
