"""Reports from members, for staff. The moderation issue adds queues and actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Report(models.Model):
    class Reason(models.TextChoices):
        UNKIND = "unkind", "Unkind, bullying or harassment"
        SPAM = "spam", "Spam, selling or advertising"
        UNSAFE = "unsafe", "Puts a child or someone else at risk"
        MISINFORMATION = "misinformation", "Harmful health misinformation"
        FAKE = "fake", "Fake account or impersonation"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made")
    reported_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                        related_name="reports_received")
    post = models.ForeignKey("social.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.ForeignKey("social.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    text = models.TextField(blank=True, max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Report {self.id}: {self.get_reason_display()}"

    @property
    def target(self) -> str:
        if self.comment_id:
            return "comment"
        if self.post_id:
            return "post"
        return "profile"
