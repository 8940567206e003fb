"""In-app notifications. Grouping ("Priya and 3 others sent a hug") happens when reading."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    class Kind(models.TextChoices):
        FOLLOW = "follow", "New follower"
        FOLLOW_REQUEST = "follow_request", "Follow request"
        COMMENT = "comment", "Comment"
        REPLY = "reply", "Reply"
        MENTION = "mention", "Mention"
        REACTION = "reaction", "Reaction"
        GROUP_REQUEST = "group_request", "Request to join a group"
        GROUP_APPROVED = "group_approved", "Welcome to a group"
        GROUP_INVITE = "group_invite", "Invitation to a group"
        POST_HELD = "post_held", "Post waiting for approval"
        POST_APPROVED = "post_approved", "Post approved"
        POLL_CLOSED = "poll_closed", "Poll closed"
        MEETUP_TOMORROW = "meetup_tomorrow", "Meetup tomorrow"
        MEETUP_SOON = "meetup_soon", "Meetup in an hour"
        MEETUP_CHANGED = "meetup_changed", "Meetup changed"
        MEETUP_CANCELLED = "meetup_cancelled", "Meetup cancelled"
        MEETUP_PROMOTED = "meetup_promoted", "A place came up"
        MEETUP_REQUEST = "meetup_request", "Asked to come to a meetup"
        MEETUP_APPROVED = "meetup_approved", "Meetup place confirmed"
        MEETUP_MESSAGE = "meetup_message", "Message from a meetup's host"
        MEETUP_COMMENT = "meetup_comment", "Comment on a meetup"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # Null when naming who did it would reveal an anonymous author, or when nobody did (a poll
    # closing at its time).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    post = models.ForeignKey("social.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey("social.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    reaction = models.CharField(max_length=10, blank=True)
    meetup = models.ForeignKey("meetups.Meetup", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    detail = models.CharField(max_length=300, blank=True, help_text="What changed, or the host's words, in brief.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_recipient_idx"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
        ]
        # One notice per actor per thing: reacting twice or re-following doesn't repeat it.
        # Partial constraints, because SQLite can't treat NULLs as equal in one constraint.
        constraints = [
            models.UniqueConstraint(fields=["recipient", "actor", "kind"],
                                    condition=models.Q(post__isnull=True, group__isnull=True, meetup__isnull=True),
                                    name="notification_once_about_me"),
            models.UniqueConstraint(fields=["recipient", "actor", "kind", "group"],
                                    condition=models.Q(post__isnull=True, group__isnull=False),
                                    name="notification_once_per_group"),
            models.UniqueConstraint(fields=["recipient", "actor", "kind", "post", "reaction"],
                                    condition=models.Q(post__isnull=False, comment__isnull=True),
                                    name="notification_once_per_post"),
            models.UniqueConstraint(fields=["recipient", "actor", "kind", "comment"],
                                    condition=models.Q(comment__isnull=False), name="notification_once_per_comment"),
            # Meetup notices are renewed in place (a second change, a moved meetup's reminder).
            models.UniqueConstraint(fields=["recipient", "actor", "kind", "meetup"],
                                    condition=models.Q(meetup__isnull=False, actor__isnull=False),
                                    name="notification_once_per_meetup"),
            models.UniqueConstraint(fields=["recipient", "kind", "meetup"],
                                    condition=models.Q(meetup__isnull=False, actor__isnull=True),
                                    name="notification_once_per_meetup_unnamed"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id} from {self.actor_id}"
