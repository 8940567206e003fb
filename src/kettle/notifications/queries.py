"""Reading notifications: only what the member may still see, grouped where it helps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from kettle.core.visibility import among
from kettle.notifications.models import Notification
from kettle.social.queries import without_blocked, without_muted

if TYPE_CHECKING:
    from kettle.accounts.models import Member

REACTION_WORDS = {"hug": "sent a hug", "me_too": "said “me too”", "helpful": "found it helpful"}
VERBS = {
    Notification.Kind.FOLLOW: "followed you",
    Notification.Kind.FOLLOW_REQUEST: "asked to follow you",
    Notification.Kind.COMMENT: "commented on your post",
    Notification.Kind.REPLY: "replied to your comment",
    Notification.Kind.MENTION: "mentioned you",
    Notification.Kind.GROUP_REQUEST: "asked to join {group}",
    Notification.Kind.GROUP_APPROVED: "welcomed you into {group}",
    Notification.Kind.GROUP_INVITE: "invited you to join {group}",
    Notification.Kind.POST_HELD: "posted in {group}; it is waiting for approval",
    Notification.Kind.POST_APPROVED: "approved your post in {group}",
    Notification.Kind.MEETUP_CHANGED: "changed {meetup}",
    Notification.Kind.MEETUP_CANCELLED: "cancelled {meetup}",
    Notification.Kind.MEETUP_REQUEST: "asked to come to {meetup}",
    Notification.Kind.MEETUP_APPROVED: "said yes to you coming to {meetup}",
    Notification.Kind.MEETUP_MESSAGE: "sent a message about {meetup}",
    Notification.Kind.MEETUP_COMMENT: "commented on {meetup}",
}
# What a notice says when nobody is named (an anonymous author, or nothing anyone did).
UNNAMED = {
    Notification.Kind.REPLY: "The anonymous author replied to your comment",
    Notification.Kind.COMMENT: "The anonymous author commented on your post",
    Notification.Kind.POLL_CLOSED: "A poll you voted in has closed: see the results",
    Notification.Kind.MEETUP_TOMORROW: "Tomorrow: {meetup}",
    Notification.Kind.MEETUP_SOON: "In an hour: {meetup}",
    Notification.Kind.MEETUP_PROMOTED: "A place came up at {meetup}: you're going",
    Notification.Kind.MEETUP_CHANGED: "{meetup} has changed",
    Notification.Kind.MEETUP_CANCELLED: "{meetup} is cancelled",
}


def visible_notifications(member: Member):
    """The member's notifications about things they may still see, from people they haven't
    blocked or muted since."""
    from kettle.groups.models import Group
    from kettle.meetups.models import Meetup
    from kettle.social.models import Post

    posts = Post.objects.visible_to(member)
    groups = Group.objects.visible_to(member).values("id")
    meetups = Meetup.objects.visible_to(member).values("id")
    qs = Notification.objects.filter(Q(actor=None) | Q(actor__is_active=True), recipient=member).filter(
        Q(post__isnull=True) | among(posts, "post")).filter(Q(group__isnull=True) | Q(group__in=groups)).filter(
        Q(meetup__isnull=True) | Q(meetup__in=meetups))
    qs = qs.filter(Q(comment__isnull=True) | Q(comment__deleted_at=None))
    return without_muted(without_blocked(qs, member, "actor"), member, "actor")


def unread_count(member: Member) -> int:
    return visible_notifications(member).filter(read_at=None).count()


@dataclass
class NotificationGroup:
    kind: str
    reaction: str
    post: object
    comment: object
    group: object = None
    meetup: object = None
    detail: str = ""
    actors: list = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    newest: object = None
    unread: bool = False

    @property
    def verb(self) -> str:
        if self.kind == Notification.Kind.REACTION:
            return REACTION_WORDS.get(self.reaction, "reacted")
        verb = VERBS.get(self.kind, self.kind)
        return verb.format(group=self.group.name if self.group is not None else "",
                           meetup=self.meetup.title if self.meetup is not None else "")

    @property
    def who(self) -> str:
        if not self.actors:
            return "Someone"
        first = self.actors[0].display_name
        others = len(self.actors) - 1
        if others == 0:
            return first
        return f"{first} and {others} {'other' if others == 1 else 'others'}"

    @property
    def sentence(self) -> str:
        if not self.actors and self.kind in UNNAMED:
            return UNNAMED[self.kind].format(meetup=self.meetup.title if self.meetup is not None else "")
        return f"{self.who} {self.verb}"


def grouped(notifications: list[Notification]) -> list[NotificationGroup]:
    """Fold reactions, comments and follows on the same thing into one line, newest first."""
    groups: dict[tuple, NotificationGroup] = {}
    order: list[tuple] = []
    for note in notifications:
        if note.kind in (Notification.Kind.MENTION, Notification.Kind.REPLY) or note.actor_id is None:
            key = (note.kind, note.id)
        else:
            key = (note.kind, note.post_id, note.group_id, note.meetup_id, note.reaction)
        group = groups.get(key)
        if group is None:
            group = groups[key] = NotificationGroup(kind=note.kind, reaction=note.reaction, post=note.post,
                                                    comment=note.comment, group=note.group, meetup=note.meetup,
                                                    detail=note.detail, newest=note.created_at)
            order.append(key)
        if note.actor_id is not None and all(actor.id != note.actor_id for actor in group.actors):
            group.actors.append(note.actor)
        group.ids.append(note.id)
        group.unread = group.unread or note.read_at is None
    return [groups[key] for key in order]


def page_for(member: Member, *, before: int | None = None, limit: int = 40):
    from kettle.core.pagination import keyset_page

    qs = visible_notifications(member).select_related("actor", "actor__profile", "post", "post__author",
                                                      "post__group", "comment", "group", "meetup")
    return keyset_page(qs, before=before, limit=limit)
