"""Organisations: the not-for-profits, children's centres and councils that run groups and classes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from kettle.groups.queries import OrganisationQuerySet


class Organisation(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    description_html = models.TextField(blank=True)
    place = models.ForeignKey("core.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              help_text="The town at the centre of the area it serves.")
    area = models.CharField(max_length=120, blank=True, help_text='In words, e.g. "Across Suffolk".')
    website = models.URLField(max_length=300, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return reverse("groups:organisation", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class OrganisationMember(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        TEAM = "team", "Team member"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="team")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.TEAM)
    title = models.CharField(max_length=60, blank=True, help_text='e.g. "Baby massage teacher".')
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "member"], name="organisation_member_once")]

    def __str__(self) -> str:
        return f"{self.member_id} at {self.organisation_id} ({self.role})"
