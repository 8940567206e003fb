"""A member's blog roll: favourite blogs on Kettle or elsewhere."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BlogRollEntry(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_roll")
    blog = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="listed_in_blog_rolls", help_text="A Kettle member's blog.")
    title = models.CharField(max_length=120, blank=True, help_text="For an external blog.")
    url = models.URLField(max_length=500, blank=True, help_text="For an external blog.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(blog__isnull=False, url="") | models.Q(blog__isnull=True) & ~models.Q(url="")),
                name="blog_roll_member_xor_url"),
            models.UniqueConstraint(fields=["owner", "blog"], name="blog_roll_member_once"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"blog of member {self.blog_id}"
