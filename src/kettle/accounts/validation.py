"""Field rules shared by every way in (forms, API, CLI): each raises ValidationError with
words a tired parent can act on."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from kettle.accounts.models import HANDLE_PATTERN, Interest, Member, Role
from kettle.core.markdown import render_markdown
from kettle.core.validators import no_nul

RESERVED_HANDLES = {
    "admin", "administrator", "api", "static", "media", "settings", "kettle", "staff", "support",
    "help", "about", "login", "logout", "signup", "root", "moderator", "mod", "system", "groups",
    "meetups", "messages", "notifications", "search", "places", "welcome", "me", "null", "undefined",
}
MAX_DUE_AHEAD = timedelta(days=300)  # about 43 weeks
MAX_DUE_PAST = timedelta(days=31)
MAX_CHILD_AGE_YEARS = 18
MAX_INTERESTS = 20
BIO_MAX = 2000


def clean_email(value: str) -> str:
    email = (value or "").strip().lower()
    if not email:
        raise ValidationError("Please enter your email address.", code="required")
    if len(email) > 254:
        raise ValidationError("That email address is too long.", code="max_length")
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError("That doesn't look like an email address. Check for typos.", code="invalid")
    return email


def clean_handle(value: str, *, member: Member | None = None) -> str:
    handle = (value or "").strip().lstrip("@").lower()
    if not re.match(HANDLE_PATTERN, handle):
        raise ValidationError("Handles are 3 to 30 characters: lower-case letters, numbers and underscores.",
                              code="invalid")
    if handle in RESERVED_HANDLES:
        raise ValidationError("That handle is reserved. Please pick another.", code="reserved")
    taken = Member.objects.filter(handle=handle)
    if member is not None:
        taken = taken.exclude(id=member.id)
    if taken.exists():
        raise ValidationError("That handle is taken. Please pick another.", code="taken")
    return handle


def clean_display_name(value: str) -> str:
    name = " ".join(no_nul(value or "").split())
    if not name:
        raise ValidationError("Please tell us what to call you.", code="required")
    if len(name) > 60:
        raise ValidationError("Please keep your name to 60 characters.", code="max_length")
    return name


def clean_pronouns(value: str) -> str:
    pronouns = " ".join(no_nul(value or "").split())
    if len(pronouns) > 30:
        raise ValidationError("Please keep pronouns to 30 characters.", code="max_length")
    return pronouns


def clean_bio(value: str) -> tuple[str, str]:
    bio = no_nul(value or "").strip()
    if len(bio) > BIO_MAX:
        raise ValidationError(f"Please keep your bio to {BIO_MAX:,} characters (it has {len(bio):,}).",
                              code="max_length")
    return bio, render_markdown(bio)


def clean_role(value: str) -> str:
    if value in ("", None):
        return ""
    if value not in Role.values:
        raise ValidationError(f"Choose one of: {', '.join(Role.labels)}.", code="invalid_choice")
    return value


def interest_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]


def clean_interests(values: list[str] | str) -> list[str]:
    if isinstance(values, str):
        values = values.split(",")
    names: dict[str, str] = {}
    for raw in values:
        if not isinstance(raw, str):
            raise ValidationError("Interests are short words or phrases.", code="invalid")
        name = " ".join(no_nul(raw).replace("#", " ").split())
        if not name:
            continue
        if len(name) > 40:
            raise ValidationError(f"Please keep each interest to 40 characters (“{name[:20]}…” is longer).",
                                  code="too_long")
        slug = interest_slug(name)
        if slug:
            names.setdefault(slug, name.lower())
    if len(names) > MAX_INTERESTS:
        raise ValidationError(f"Please choose at most {MAX_INTERESTS} interests.", code="too_many")
    return list(names.values())


def interests_for(names: list[str]) -> list[Interest]:
    found = {i.slug: i for i in Interest.objects.filter(slug__in=[interest_slug(n) for n in names])}
    result = []
    for name in names:
        slug = interest_slug(name)
        if slug not in found:
            found[slug], _ = Interest.objects.get_or_create(slug=slug, defaults={"name": name})
        result.append(found[slug])
    return result


def clean_due_date(value: date, today: date) -> date:
    if value > today + MAX_DUE_AHEAD:
        raise ValidationError("A due date can be at most about 10 months ahead. Please check the year.",
                              code="too_far_ahead")
    if value < today - MAX_DUE_PAST:
        raise ValidationError(
            "That due date has passed. If your baby has arrived, add their birth month and year instead.",
            code="in_past")
    return value


def clean_birth_month(year: int, month: int, today: date) -> tuple[int, int]:
    if not 1 <= month <= 12:
        raise ValidationError("Months run from 1 (January) to 12 (December).", code="invalid_month")
    if year > today.year or (year == today.year and month > today.month):
        raise ValidationError("That month hasn't happened yet. For a baby on the way, add a due date.",
                              code="in_future")
    if year < today.year - MAX_CHILD_AGE_YEARS:
        raise ValidationError(f"Kettle is for families with children up to {MAX_CHILD_AGE_YEARS}.",
                              code="too_old")
    return year, month


def clean_weeks_early(value: int) -> int:
    if not 0 <= value <= 20:
        raise ValidationError("Born early is counted in weeks, from 0 to 20.", code="range")
    return value


def clean_child(data: dict, today: date) -> dict:
    """A child's fields as a dict ready to save, or a ValidationError keyed by field."""
    errors: dict[str, list] = {}
    due_date = data.get("due_date")
    year, month = data.get("birth_year"), data.get("birth_month")
    weeks_early = data.get("weeks_early") or 0
    result = {"due_date": None, "birth_year": None, "birth_month": None, "weeks_early": 0}
    if due_date is not None and (year is not None or month is not None):
        raise ValidationError({"due_date": ["Give either a due date or a birth month and year, not both."]})
    if due_date is not None:
        try:
            result["due_date"] = clean_due_date(due_date, today)
        except ValidationError as error:
            errors["due_date"] = error.messages
        if weeks_early:
            errors["weeks_early"] = ["Born early applies once your baby has arrived."]
    elif year is not None and month is not None:
        try:
            result["birth_year"], result["birth_month"] = clean_birth_month(int(year), int(month), today)
        except ValidationError as error:
            errors["birth_month"] = error.messages
        try:
            result["weeks_early"] = clean_weeks_early(int(weeks_early))
        except ValidationError as error:
            errors["weeks_early"] = error.messages
    else:
        field = "birth_year" if month is not None else "birth_month" if year is not None else "due_date"
        errors[field] = ["Add a due date, or the month and year your child was born."]
    if errors:
        raise ValidationError(errors)
    return result
