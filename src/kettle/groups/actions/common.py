"""Pieces the group actions share: cleaning text fields and making slugs."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from kettle.core.validators import no_nul

RESERVED_SLUGS = {"new", "search", "mine", "clubs", "invites", "organisations", "api", "admin", "suggested"}


def clean_text(errors: dict[str, list[str]], field: str, value: str | None, *, limit: int, required: str = "",
               one_line: bool = False) -> str:
    """Strip, check NUL, length and presence; note any problem in `errors`."""
    value = value or ""
    try:
        no_nul(value)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
        return ""
    value = " ".join(value.split()) if one_line else value.strip()
    if required and not value:
        errors.setdefault(field, []).append(required)
    elif len(value) > limit:
        errors.setdefault(field, []).append(f"Please keep this to {limit:,} characters (it has {len(value):,}).")
    return value


def unique_slug(model, name: str, *, fallback: str = "group") -> str:
    """A readable slug from the name, with a short random tail when it is taken."""
    base = (slugify(name)[:50].strip("-") or fallback)
    if base in RESERVED_SLUGS:
        base = f"{base}-{fallback}"
    slug = base
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(2)}"
    return slug
