"""What posting in a group adds to publishing a post: who may post there, whether the post
waits for approval, and whether it may be anonymous."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from kettle.accounts.models import Member
from kettle.groups.access import require_participant, visible_group
from kettle.groups.models import Group
from kettle.groups.queries import can_moderate
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify
from kettle.social.models import Post


@dataclass
class Placement:
    group: Group
    anonymous: bool
    held: bool


def place_in_group(author: Member, group_id: int | None, *, kind: str, anonymous: bool) -> Placement | None:
    """Check a post may go in this group, and how. None for a post outside groups."""
    if group_id is None:
        if anonymous:
            raise ValidationError({"anonymous": ["Only posts in groups that allow it can be anonymous."]})
        return None
    group = visible_group(author, group_id)
    membership = require_participant(author, group)
    errors: dict[str, list[str]] = {}
    if kind == Post.Kind.BLOG:
        errors["kind"] = ["Blog posts live on your own blog. Share a short update here instead."]
    if anonymous and not group.allow_anonymous:
        errors["anonymous"] = ["This group doesn't allow anonymous posts."]
    if errors:
        raise ValidationError(errors)
    moderator = can_moderate(author, group)
    held = not moderator and (group.post_approval == Group.Approval.ALL or (
        group.post_approval == Group.Approval.FIRST and not (membership and membership.trusted)))
    return Placement(group=group, anonymous=bool(anonymous), held=held)


def hold_for_approval(post: Post) -> None:
    """Tell the group's moderators a post is waiting for them."""
    from kettle.groups.actions.membership import moderator_ids

    for moderator_id in moderator_ids(post.group):
        notify(moderator_id, post.author_id, Notification.Kind.POST_HELD, post_id=post.id, group_id=post.group_id)


def check_can_take_part(member: Member, post: Post) -> None:
    """Commenting, reacting and voting on a group post need membership of the group."""
    if post.group_id is not None:
        require_participant(member, post.group)


__all__ = ["Placement", "check_can_take_part", "hold_for_approval", "place_in_group"]
