"""Checks every write path shares, whatever the way in (form, API, CLI, demo)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def no_nul(text: str) -> str:
    """Refuse the NUL character: PostgreSQL can't store it, and no person types it."""
    if text and "\x00" in text:
        raise ValidationError("Please remove the hidden NUL character from this text.", code="null_characters")
    return text
