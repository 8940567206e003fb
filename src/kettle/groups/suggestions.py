"""Groups to suggest to a member, and searching groups.

Suggestions come from the member's life: the due-month clubs for their children, local groups
whose reach covers their town (labelled with the coarse distance band only), and groups on
their interests. A member who has recorded a loss is offered support groups first and is
never shown a club for that child. Secret groups are never suggested or found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, prefetch_related_objects

from kettle.core.places import distance_band, kilometres_between
from kettle.groups.clubs import clubs_for
from kettle.groups.models import Group, Membership

if TYPE_CHECKING:
    from kettle.accounts.models import Member

LOSS_TOPICS = ("loss-support", "pregnancy-loss", "baby-loss")
SEARCH_WORDS = 6


@dataclass
class Suggestion:
    group: Group
    reason: str


def _taken(member: Member):
    """Groups the member already belongs to, asked to join, was invited to, or is banned from."""
    return Membership.objects.filter(member=member).values("group")


def suggested_groups(member: Member, limit: int = 6) -> list[Suggestion]:
    profile = getattr(member, "profile", None)
    place = profile.place if profile is not None else None
    taken = set(_taken(member).values_list("group", flat=True))
    found: list[Suggestion] = []

    def add(group: Group, reason: str) -> None:
        if group.id not in taken and not group.is_secret and all(s.group.id != group.id for s in found):
            found.append(Suggestion(group, reason))

    if any(child.is_lost for child in member.children.all()):
        for group in Group.objects.listed().filter(topics__slug__in=LOSS_TOPICS).distinct().order_by("-member_count"):
            add(group, "Support from parents who understand")
    for club in clubs_for(member):  # made on demand, if a task has not made them yet
        add(club, "Parents due or born the same month as your child")
    if place is not None:
        nearby = (Group.objects.listed().filter(kind=Group.Kind.LOCAL, place__isnull=False)
                  .select_related("place").exclude(id__in=taken))
        local = []
        for group in nearby.filter(place__latitude__range=(place.latitude - 0.3, place.latitude + 0.3),
                                   place__longitude__range=(place.longitude - 0.5, place.longitude + 0.5)):
            km = 0.0 if group.place_id == place.id else kilometres_between(group.place.h3_cell, place.h3_cell)
            if km <= (group.radius_km or 0):
                local.append((km, group))
        for _, group in sorted(local, key=lambda pair: (pair[0], -pair[1].member_count)):
            add(group, f"Local to you ({distance_band(place, group.place)})")
    if profile is not None:
        interests = profile.interests.values("id")
        for group in (Group.objects.listed().filter(topics__in=interests).exclude(id__in=taken).distinct()
                      .order_by("-member_count")[:limit]):
            add(group, "On something you're into")
    if len(found) < limit:
        # Clubs only ever for their own month; loss support only to those who recorded a loss.
        popular = (Group.objects.listed().exclude(id__in=taken).exclude(kind=Group.Kind.DUE_MONTH)
                   .exclude(topics__slug__in=LOSS_TOPICS).order_by("-member_count"))
        for group in popular[:limit]:
            add(group, "Popular here")
    chosen = found[:limit]
    prefetch_related_objects([s.group for s in chosen], "organisation")  # one query for every row's badge
    return chosen


def search_groups(viewer: Member | None, query: str, *, limit: int = 40) -> list[Group]:
    """Groups whose name, description or topics hold every word of the query. Secret groups
    appear only to their own members (visible_to), and never to anyone else."""
    words = (query or "").replace("\x00", "").split()[:SEARCH_WORDS]  # PostgreSQL refuses NUL
    qs = Group.objects.visible_to(viewer)
    if viewer is None:
        qs = qs.listed()
    for word in words:
        qs = qs.filter(Q(name__icontains=word) | Q(description__icontains=word) | Q(topics__name__icontains=word))
    return list(qs.distinct().select_related("organisation", "place").order_by("-member_count", "name")[:limit])
