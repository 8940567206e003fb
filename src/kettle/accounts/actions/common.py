"""Pieces every account action shares: collecting field errors before anything is written."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

UNSET: Any = object()  # "not sent": distinguishes a field left alone from one set to None


def raise_if_errors(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def collect_errors(errors: dict[str, list[str]], field: str, func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
        return None
