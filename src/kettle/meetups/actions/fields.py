"""Cleaning what a host writes about a meetup, for creating and editing alike."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from kettle.core.markdown import render_markdown
from kettle.groups.actions.common import clean_text
from kettle.meetups.models import Meetup, Venue
from kettle.meetups.models.meetups import (
    ACCESSIBILITY_MAX,
    COST_MAX,
    DESCRIPTION_MAX,
    MAX_AGE_MONTHS,
    MAX_CAPACITY,
    TITLE_MAX,
)

TEXT_FIELDS = ("title", "description", "cost", "accessibility")
DETAIL_FIELDS = TEXT_FIELDS + ("kind", "venue_id", "capacity", "age_from_months", "age_to_months",
                               "requires_approval")


def _whole(errors: dict, field: str, value, *, low: int, high: int, words: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            errors.setdefault(field, []).append(f"{words} must be a whole number.")
            return None
    if not low <= value <= high:
        errors.setdefault(field, []).append(f"{words} must be between {low:,} and {high:,}.")
        return None
    return value


def clean_details(errors: dict[str, list[str]], data: dict, viewer) -> dict:
    """The cleaned fields of `data` (only those present), noting problems in `errors`."""
    out: dict = {}
    if "title" in data:
        out["title"] = clean_text(errors, "title", data["title"], limit=TITLE_MAX, one_line=True,
                                  required="Give your meetup a title, e.g. \"Coffee and a walk in the park\".")
    if "description" in data:
        out["description"] = clean_text(errors, "description", data["description"], limit=DESCRIPTION_MAX)
        out["description_html"] = render_markdown(out["description"]) if out["description"] else ""
    if "cost" in data:
        out["cost"] = clean_text(errors, "cost", data["cost"], limit=COST_MAX, one_line=True)
    if "accessibility" in data:
        out["accessibility"] = clean_text(errors, "accessibility", data["accessibility"], limit=ACCESSIBILITY_MAX)
    if "kind" in data:
        if data["kind"] not in Meetup.Kind.values:
            errors.setdefault("kind", []).append("Choose a playdate, a coffee, a class or an event.")
        out["kind"] = data["kind"]
    if "venue_id" in data:
        venue = None
        if data["venue_id"] not in (None, ""):
            venue = (Venue.objects.filter(id=data["venue_id"]).select_related("place", "merged_into__place").first()
                     if str(data["venue_id"]).isdigit() else None)
        if venue is not None and venue.merged_into_id:
            venue = venue.merged_into  # a merged duplicate stands for the venue it became
        if venue is None:
            errors.setdefault("venue_id", []).append("Choose a public venue from the list, or add a new one.")
        out["venue"] = venue
    if "capacity" in data:
        out["capacity"] = _whole(errors, "capacity", data["capacity"], low=1, high=MAX_CAPACITY,
                                 words="The number of places")
    for field, words in (("age_from_months", "The youngest age"), ("age_to_months", "The oldest age")):
        if field in data:
            out[field] = _whole(errors, field, data[field], low=0, high=MAX_AGE_MONTHS, words=f"{words} (in months)")
    low, high = out.get("age_from_months"), out.get("age_to_months")
    if low is not None and high is not None and low > high:
        errors.setdefault("age_to_months", []).append("The oldest age is younger than the youngest. Swap them round?")
    if "requires_approval" in data:
        out["requires_approval"] = bool(data["requires_approval"])
    return out


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)
