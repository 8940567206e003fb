"""Polls on posts: options, and one ballot per member per poll (enforced by the database)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

MIN_OPTIONS = 2
MAX_OPTIONS = 10
OPTION_MAX = 100


class Poll(models.Model):
    post = models.OneToOneField("social.Post", on_delete=models.CASCADE, related_name="poll")
    multiple = models.BooleanField(default=False, help_text="Voters may pick more than one option.")
    show_voters = models.BooleanField(default=False, help_text="Who voted for what is shown; otherwise only counts.")
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, help_text="When it closed (early, or at its time).")
    voters_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["voters_notified_at", "closes_at"], name="poll_closing_idx")]

    def __str__(self) -> str:
        return f"Poll on post {self.post_id}"

    def is_closed(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closed_at is not None or (self.closes_at is not None and self.closes_at <= now)


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=OPTION_MAX)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["poll", "position"], name="poll_option_position_once")]

    def __str__(self) -> str:
        return self.text


class PollVote(models.Model):
    """A member's ballot. Unique per poll and member, so two votes sent at once count once."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="poll_votes")
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "member"], name="one_vote_per_member_per_poll")]

    def __str__(self) -> str:
        return f"{self.member_id} voted in {self.poll_id}"


class PollChoice(models.Model):
    """An option picked on a ballot (one for a single-choice poll, one or more otherwise)."""

    vote = models.ForeignKey(PollVote, on_delete=models.CASCADE, related_name="choices")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="choices")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="+")  # kept here to count in one query

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "option"], name="poll_choice_once")]
        indexes = [models.Index(fields=["poll", "option"], name="poll_choice_count_idx")]

    def __str__(self) -> str:
        return f"{self.vote_id} chose {self.option_id}"
