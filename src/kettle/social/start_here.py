""""Start here": what a newcomer with an empty home sees first. Popular blogs, parents
worth following (only those who chose to be discoverable) and a few warm recent posts.

Each list costs a fixed number of queries, however many members there are."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kettle.accounts.lifestage import STAGE_LABELS, stage_of
from kettle.accounts.models import Child, ChildrenVisibility, Member
from kettle.core.places import BANDS, distance_band
from kettle.social.models import Follow, FollowRequest, Post, Reaction
from kettle.social.queries import without_muted, without_muted_authors
from kettle.social.timelines import PostCard, cards_for

if TYPE_CHECKING:
    from kettle.accounts.models import Profile

POPULAR_DAYS = 30
RECENT_POST_DAYS = 14
CANDIDATE_POOL = 300  # discoverable members looked at for suggestions

# Nearer bands score higher; only the band's label is used, never the distance itself.
BAND_SCORE = {label: len(BANDS) - index for index, (label, _) in enumerate(BANDS)}


def _count(queryset, group_by: str):
    return Coalesce(Subquery(queryset.values(group_by).annotate(n=Count("id")).values("n")[:1],
                             output_field=IntegerField()), Value(0))


def popular_blogs(viewer: Member | None, limit: int = 6) -> list[Member]:
    """Members with blog posts the viewer may see, ranked by new followers and by reactions
    to their blog posts over the last month."""
    since = timezone.now() - timedelta(days=POPULAR_DAYS)
    with_blogs = Post.objects.visible_to(viewer).filter(kind=Post.Kind.BLOG).values("author")
    followers = Follow.objects.filter(followee=OuterRef("pk"), created_at__gte=since)
    reactions = Reaction.objects.filter(post__author=OuterRef("pk"), post__kind=Post.Kind.BLOG,
                                        post__deleted_at=None, created_at__gte=since)
    qs = (Member.objects.visible_to(viewer).with_profile().filter(id__in=with_blogs)
          .annotate(new_followers=_count(followers, "followee"), blog_reactions=_count(reactions, "post__author"))
          .annotate(score=F("new_followers") * 3 + F("blog_reactions"))
          .order_by("-score", "-id"))
    if viewer is not None:
        qs = qs.exclude(id=viewer.id)
    return list(qs[:limit])


def _stages(children: list[Child], today) -> set[str]:
    return {stage_of(child, today).key for child in children if not child.is_lost}


@dataclass
class Suggestion:
    member: Member
    band: str | None
    stages: set[str] = field(default_factory=set)
    interests: list[str] = field(default_factory=list)
    score: float = 0

    @property
    def profile(self) -> Profile:
        return self.member.profile

    @property
    def reasons(self) -> list[str]:
        words = [f"also {STAGE_LABELS[key].lower()}" for key in sorted(self.stages)]
        if self.interests:
            words.append("into " + ", ".join(self.interests[:3]))
        if self.band:
            words.append(self.band if self.band == BANDS[0][0] else f"{self.band} from you")
        return words


def suggested_people(viewer: Member, limit: int = 8, rng: random.Random | None = None) -> list[Suggestion]:
    """Discoverable members who share the viewer's life stage, interests or area. Never the
    viewer, anyone they follow or asked to follow, or anyone on either side of a block.
    Members in the same band and with the same things in common are shuffled, so the order
    says nothing finer than the band about where anyone lives."""
    today = timezone.localdate()
    profile = viewer.profile
    my_stages = _stages(list(viewer.children.all()), today)
    my_interests = set(profile.interests.values_list("id", flat=True))
    followed = Follow.objects.filter(follower=viewer).values("followee")
    asked = FollowRequest.objects.filter(follower=viewer).values("followee")
    pool = (without_muted(Member.objects.visible_to(viewer), viewer, "id").with_profile()
            .filter(profile__discoverable=True)
            .exclude(id=viewer.id).exclude(id__in=followed).exclude(id__in=asked)
            .prefetch_related(Prefetch("children", queryset=Child.objects.filter(loss_recorded_at=None)),
                              "profile__interests")
            .order_by("-id")[:CANDIDATE_POOL])
    suggestions = []
    for member in pool:
        theirs = member.profile
        shared_stages: set[str] = set()
        if theirs.children_visibility == ChildrenVisibility.EVERYONE:  # only what they let everyone see
            shared_stages = my_stages & _stages(list(member.children.all()), today)
        shared_interests = [i.name for i in theirs.interests.all() if i.id in my_interests]
        band = distance_band(profile.place, theirs.place)
        score = 2 * len(shared_stages) + min(len(shared_interests), 3) + BAND_SCORE.get(band, 0)
        if score > 0:
            suggestions.append(Suggestion(member, band, shared_stages, shared_interests, score))
    (rng or random.SystemRandom()).shuffle(suggestions)
    suggestions.sort(key=lambda s: -s.score)  # stable: ties keep their shuffled order
    return suggestions[:limit]


def popular_posts(viewer: Member | None, limit: int = 5) -> list[PostCard]:
    """A few recent public posts that others found warm or useful."""
    since = timezone.now() - timedelta(days=RECENT_POST_DAYS)
    qs = without_muted_authors(Post.objects.visible_to(viewer).public().filter(created_at__gte=since), viewer)
    qs = (qs.for_display()
          .annotate(warmth=F("hug_count") + F("me_too_count") + F("helpful_count") + F("comment_count"))
          .filter(warmth__gt=0).order_by("-warmth", "-id"))
    return cards_for(list(qs[:limit]), viewer)
