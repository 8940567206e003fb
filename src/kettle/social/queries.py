"""Reads and visibility for posts and comments: the one read policy.

Every page, endpoint, feed, search, tag page, export and notification starts from
Post.objects.visible_to(viewer). Something a viewer may not see answers 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Q

from kettle.core.visibility import among

if TYPE_CHECKING:
    from kettle.accounts.models import Member


def _model(name: str):
    return apps.get_model("social", name)


def blocked_ids_of(viewer: Member):
    """Members on either side of a block with the viewer, as two subqueries."""
    block = _model("Block")
    return (block.objects.filter(blocker=viewer).values("blocked"),
            block.objects.filter(blocked=viewer).values("blocker"))


def without_blocked(queryset: models.QuerySet, viewer: Member | None, field: str) -> models.QuerySet:
    """Drop rows whose `field` (a member) is blocked by, or blocks, the viewer."""
    if viewer is None:
        return queryset
    they_were_blocked, they_blocked = blocked_ids_of(viewer)
    return queryset.exclude(**{f"{field}__in": they_were_blocked}).exclude(**{f"{field}__in": they_blocked})


def without_muted(queryset: models.QuerySet, viewer: Member | None, field: str) -> models.QuerySet:
    if viewer is None:
        return queryset
    return queryset.exclude(**{f"{field}__in": _model("Mute").objects.filter(muter=viewer).values("muted")})


def without_muted_authors(posts: models.QuerySet, viewer: Member | None) -> models.QuerySet:
    """Drop posts by authors the viewer muted, except anonymous ones: hiding those would tell
    the viewer which anonymous posts are by the person they muted."""
    if viewer is None:
        return posts
    muted = _model("Mute").objects.filter(muter=viewer).values("muted")
    return posts.exclude(Q(author__in=muted) & Q(is_anonymous=False))


def is_blocked_either_way(a_id: int, b_id: int) -> bool:
    return _model("Block").objects.filter(Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)
                                          ).exists()


NOT_DISPLAYED = (
    *(f"author__{name}" for name in ("password", "last_login", "is_superuser", "email", "date_joined",
                                     "email_confirmed_at", "onboarded_at", "onboarding_progress", "session_salt")),
    *(f"author__profile__{name}" for name in ("bio", "bio_html", "h3_cell", "place_changed_at")),
    *(f"group__{name}" for name in ("description", "description_html", "rules", "rules_html", "questions")),
)


class PostQuerySet(models.QuerySet):
    def visible_to(self, viewer: Member | None, *, include_deleted: bool = False) -> PostQuerySet:
        """The one rule for who may see a post. With include_deleted, the same rule for
        posts since deleted: who may see a tombstone where the post was.

        A post outside groups follows its audience (everyone, or the author's followers). A
        group post follows the group: readable_by() decides, and a post waiting for approval
        is seen only by its author and the group's moderators."""
        post = self.model
        groups = apps.get_model("groups", "Group").objects
        qs = self.filter(author__is_active=True)
        if not include_deleted:
            qs = qs.filter(deleted_at=None)
        readable = groups.readable_by(viewer).values("id")
        if viewer is None:
            # Logged out: posts of public profiles, and anonymous posts in public groups (their
            # author's profile setting must not decide, or it would hint at who wrote them).
            named = Q(author__profile__is_public=True) & (Q(group=None, audience=post.Audience.PUBLIC)
                                                          | Q(group__in=readable, held_at=None))
            return qs.filter(named | Q(group__in=readable, held_at=None, is_anonymous=True))
        followed = _model("Follow").objects.filter(follower=viewer).values("followee")
        personal = Q(group=None) & (Q(audience=post.Audience.PUBLIC) | Q(author=viewer)
                                    | Q(audience=post.Audience.FOLLOWERS, author__in=followed))
        in_groups = Q(group__in=readable) & (Q(held_at=None) | Q(author=viewer)
                                             | Q(group__in=groups.moderated_by(viewer).values("id")))
        return without_blocked(qs.filter(personal | in_groups), viewer, "author")

    def for_display(self) -> PostQuerySet:
        """With the author, their profile, the group and the poll joined in, leaving out the
        columns no post card or answer shows (the author's account, long texts of the group):
        a page of posts reads about half the bytes, and converts half the values."""
        return self.select_related("author", "author__profile", "group", "poll").defer(*NOT_DISPLAYED)

    def public(self) -> PostQuerySet:
        """Public posts outside groups: what the local timeline shows."""
        return self.filter(audience=self.model.Audience.PUBLIC, group=None)

    def outside_groups(self) -> PostQuerySet:
        """What a profile, a blog and its feeds show: never group posts, so an anonymous
        post can't surface under its author's name."""
        return self.filter(group=None)


class CommentQuerySet(models.QuerySet):
    def visible_to(self, viewer: Member | None, *, include_deleted_posts: bool = False) -> CommentQuerySet:
        """Comments on posts the viewer may see, minus blocked authors. Deleted comments stay
        as tombstones (rendered without their words) so reply threads still read; comments
        hidden by the post's author are seen only by that author and the commenter."""
        posts = _model("Post").objects.visible_to(viewer, include_deleted=include_deleted_posts)
        qs = self.filter(among(posts, "post"), author__is_active=True)
        if viewer is None:
            return qs.filter(hidden_at=None)
        qs = qs.filter(Q(hidden_at=None) | Q(author=viewer) | Q(post__author=viewer))
        return without_blocked(qs, viewer, "author")
