"""Venues: the public places where meetups happen. Never a home: see venues.py for the checks."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone

from kettle.meetups.queries import VenueQuerySet

VENUE_NAME_MAX = 120
ADDRESS_MAX = 200
VENUE_NOTES_MAX = 500

# Facilities a parent asks about before setting out with a pram: (field, words on the page).
FACILITIES = (
    ("pram_access", "Pram access"),
    ("baby_changing", "Baby changing"),
    ("breastfeeding_friendly", "Breastfeeding friendly"),
    ("step_free", "Step-free"),
    ("parking", "Parking"),
)


class Venue(models.Model):
    class Kind(models.TextChoices):
        CAFE = "cafe", "Cafe"
        LIBRARY = "library", "Library"
        PARK = "park", "Park or playground"
        CHILDRENS_CENTRE = "childrens_centre", "Children's centre"
        SOFT_PLAY = "soft_play", "Soft play"
        CHURCH_HALL = "church_hall", "Church or village hall"
        COMMUNITY_CENTRE = "community_centre", "Community or leisure centre"
        OTHER = "other", "Other public place"

    name = models.CharField(max_length=VENUE_NAME_MAX)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CAFE)
    address = models.CharField(max_length=ADDRESS_MAX, blank=True,
                               help_text="The venue's public street address, e.g. \"Soane Street\".")
    place = models.ForeignKey("core.Place", on_delete=models.PROTECT, related_name="+")
    pram_access = models.BooleanField(default=False)
    baby_changing = models.BooleanField(default=False)
    breastfeeding_friendly = models.BooleanField(default=False)
    step_free = models.BooleanField(default=False)
    parking = models.BooleanField(default=False)
    notes = models.CharField(max_length=VENUE_NOTES_MAX, blank=True)
    organisation = models.ForeignKey("groups.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="venues")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Staff merge duplicates: the old venue points at the one that stays, and its meetups move.
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = VenueQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["place", "name"], name="venue_place_idx")]

    def __str__(self) -> str:
        return f"{self.name}, {self.place.name}" if self.place_id else self.name

    @property
    def facilities(self) -> list[str]:
        return [words for field, words in FACILITIES if getattr(self, field)]

    @property
    def timezone_name(self) -> str:
        return self.place.timezone or settings.TIME_ZONE

    @property
    def tz_info(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)

    @property
    def where(self) -> str:
        """One line for the page: "Ipswich Library, Northgate Street, Ipswich"."""
        return ", ".join(part for part in (self.name, self.address, self.place.name) if part)
