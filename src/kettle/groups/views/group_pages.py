"""A group's own pages: its feed (with the composer for members), about, and its members.

Someone who may not read the group (a private group they don't belong to) sees only what
the directory already shows: the header, description, rules and the way in. A secret group
is a 404 to everyone outside it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from kettle.accounts.models import Member
from kettle.core.pagination import MAX_LIMIT, keyset_page
from kettle.groups.feed import group_feed
from kettle.groups.models import Membership
from kettle.groups.views.common import runs_group, standing
from kettle.social.models import Post
from kettle.social.models.posts import CONTENT_NOTE_SUGGESTIONS
from kettle.social.views.helpers import before_param


def waiting_counts(group) -> tuple[int, int]:
    """Requests and held posts waiting for the moderators."""
    requests = Membership.objects.filter(group=group, state=Membership.State.PENDING).count()
    held = Post.objects.filter(group=group, held_at__isnull=False, deleted_at=None).count()
    return requests, held


def group_page(request: HttpRequest, slug: str) -> HttpResponse:
    from kettle.social.forms import ComposeForm

    found = standing(request, slug)
    context = {"st": found, "group": found.group, "membership": found.membership, "moderator": found.moderator,
               "nav": "groups"}
    if found.readable:
        from kettle.meetups.finding import group_meetups

        context["feed"] = group_feed(request.member, found.group, before=before_param(request))
        context["meetups"] = group_meetups(request.member, found.group, limit=5)
    if found.active or found.moderator:
        context["compose"] = ComposeForm(member=request.member, group=found.group)
        context["note_suggestions"] = CONTENT_NOTE_SUGGESTIONS
    if found.moderator:
        context["waiting"] = waiting_counts(found.group)
    return render(request, "groups/site/group.html", context)


def group_about(request: HttpRequest, slug: str) -> HttpResponse:
    found = standing(request, slug)
    team = []
    if found.readable:
        team = list(Membership.objects.filter(group=found.group, state=Membership.State.ACTIVE,
                                              role__in=(Membership.Role.OWNER, Membership.Role.MODERATOR),
                                              member__in=Member.objects.visible_to(request.member))
                    .select_related("member__profile").order_by("role", "id"))
    return render(request, "groups/site/about.html", {
        "st": found, "group": found.group, "membership": found.membership, "moderator": found.moderator,
        "team": team, "nav": "groups"})


def group_members(request: HttpRequest, slug: str) -> HttpResponse:
    """Members, for signed-in readers only; moderators first; nobody blocked either way."""
    found = standing(request, slug)
    if request.member is None or not found.readable:
        raise Http404("No such page.")
    people = (Membership.objects.filter(group=found.group, state=Membership.State.ACTIVE,
                                        member__in=Member.objects.visible_to(request.member))
              .select_related("member__profile"))
    before = before_param(request)
    team = [] if before else list(people.exclude(role=Membership.Role.MEMBER).order_by("role", "id"))
    page = keyset_page(people.filter(role=Membership.Role.MEMBER), before=before, limit=MAX_LIMIT)
    banned = []
    if found.moderator and not before:
        banned = list(Membership.objects.filter(group=found.group, state=Membership.State.BANNED)
                      .select_related("member__profile").order_by("-id")[:MAX_LIMIT])
    return render(request, "groups/site/members.html", {
        "st": found, "group": found.group, "membership": found.membership, "moderator": found.moderator,
        "team": team, "page": page, "banned": banned, "nav": "groups",
        "runs": found.moderator and runs_group(request.member, found.group)})


urlpatterns = [
    path("groups/<slug:slug>", group_page, name="group"),
    path("groups/<slug:slug>/about", group_about, name="about"),
    path("groups/<slug:slug>/members", group_members, name="members"),
]
