"""API for reports: a member flags a post, comment or profile for staff."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from kettle.accounts.api import StrictIn
from kettle.moderation.actions import do_report
from kettle.social.schemas import Text

router = Router(tags=["reports"])

Reason = Literal["unkind", "spam", "unsafe", "misinformation", "fake", "other"]


class ReportIn(StrictIn):
    reason: Reason
    text: Text = Field("", max_length=2000, description="Anything that helps staff understand.")
    post_id: StrictInt | None = Field(None, ge=1, description="Report a post...")
    comment_id: StrictInt | None = Field(None, ge=1, description="...or a comment...")
    handle: Text | None = Field(None, min_length=1, max_length=31, description="...or a member's profile.")

    @model_validator(mode="after")
    def _one_thing(self) -> ReportIn:
        if sum(value is not None for value in (self.post_id, self.comment_id, self.handle)) != 1:
            raise PydanticCustomError("one_target", "Say what you're reporting: one of post_id, comment_id or handle.")
        return self


class ReportOut(Schema):
    id: int
    reason: Reason
    target: Literal["post", "comment", "profile"]
    status: str
    created_at: datetime


@router.post("/reports", response={201: ReportOut}, summary="Report a post, comment or profile to staff")
def create_report(request: HttpRequest, data: ReportIn):
    report = do_report(request.member, reason=data.reason, text=data.text, post_id=data.post_id,
                       comment_id=data.comment_id, member_handle=(data.handle or "").lstrip("@") or None)
    return Status(201, ReportOut(id=report.id, reason=report.reason, target=report.target, status=report.status,
                                 created_at=report.created_at))
