"""The home feed, written by fan-out: one row per member per post they should see."""

from __future__ import annotations

from django.conf import settings
from django.db import models

FEED_KEEP = 1000  # newest entries kept per member; older pages come from a read-time query


class FeedEntry(models.Model):
    # Looked up by the unique (member, post) index, which leads with the member: no index of its own.
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False)
    post = models.ForeignKey("social.Post", on_delete=models.CASCADE, related_name="feed_entries")
    # The post's author, kept here so unfollow, block and mute can purge without a join.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The post's group, if any, so leaving a group purges without a join, and unfollowing an
    # author leaves their posts in shared groups alone.
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        # The one index that leads with the member: a home page walks it backwards, newest
        # first, and purges and trims read a member's rows through it. A feed is capped near
        # FEED_KEEP rows, so "this member's rows by this author" needs no index of its own,
        # and every index here costs a random write per follower on each fan-out.
        constraints = [models.UniqueConstraint(fields=["member", "post"], name="feed_entry_once")]

    def __str__(self) -> str:
        return f"post {self.post_id} in {self.member_id}'s feed"
