"""Input building blocks every API module shares."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, StrictStr, model_validator
from pydantic_core import PydanticCustomError


def _no_nul(value: str) -> str:
    # PostgreSQL can't store a NUL character in text: refuse it here rather than fail on save.
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "Remove the NUL character from this text.")
    return value


Text = Annotated[StrictStr, AfterValidator(_no_nul)]


class StrictIn(Schema):
    """Input that must be a JSON object with only known fields: a typo such as a top-level
    "discoverable" is an error, never a silent 200 that changed nothing."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="wrap")
    @classmethod
    def _json_object_only(cls, values, handler):
        if not isinstance(values, dict | cls):
            raise PydanticCustomError("object_expected", "Send a JSON object of the fields to change.")
        return handler(values)
