"""Children's ages on meetups: a range in months ("0-6 months"), the filter's bands, and which
meetups suit a member's own children (never for a child whose loss was recorded)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from kettle.accounts.lifestage import stage_of

# The age filter: key -> (words, from months, to months). Overlapping ranges match.
AGE_BANDS = {
    "0-6m": ("0-6 months", 0, 6),
    "6-12m": ("6-12 months", 6, 12),
    "1-2y": ("1-2 years", 12, 24),
    "2-3y": ("2-3 years", 24, 36),
    "3-5y": ("3-5 years", 36, 60),
}


def _words(months: int) -> str:
    if months < 24 or months % 12:
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{months // 12} years"


def age_range_words(age_from: int | None, age_to: int | None) -> str:
    """"All ages", "0-6 months", "1-3 years", "from 6 months", "up to 2 years"."""
    if not age_from and age_to is None:
        return "All ages"  # from birth with no upper age is everyone
    if age_to is None:
        return f"From {_words(age_from)}"
    if age_from == age_to:
        return _words(age_to)  # "12 months", not "1-1 years"
    if not age_from:
        return f"0-{_words(age_to)}"
    if age_from % 12 == 0 and age_to % 12 == 0:
        return f"{age_from // 12}-{age_to // 12} years"
    return f"{age_from}-{age_to} months"


def overlapping(age_from: int, age_to: int) -> Q:
    """Meetups whose children's age range overlaps [age_from, age_to]; all-ages ones always do."""
    starts_in_time = Q(age_from_months__isnull=True) | Q(age_from_months__lte=age_to)
    ends_in_time = Q(age_to_months__isnull=True) | Q(age_to_months__gte=age_from)
    return starts_in_time & ends_in_time


def band_filter(key: str) -> Q | None:
    band = AGE_BANDS.get(key)
    return overlapping(band[1], band[2]) if band else None


def children_months(member, today: date) -> list[int]:
    """The ages in months of a member's born children (expected babies count as 0, since
    bump-and-baby meetups suit them), skipping any whose loss was recorded."""
    ages = []
    for child in member.children.all():
        if child.is_lost:
            continue
        stage = stage_of(child, today)
        ages.append(stage.months if stage.months is not None else 0)
    return ages


def for_children(member, today: date) -> Q | None:
    """Meetups suiting any of the member's children; None if they have none recorded."""
    ages = children_months(member, today)
    if not ages:
        return None
    rule = Q(pk__in=[])
    for months in set(ages):
        rule |= overlapping(months, months)
    return rule
