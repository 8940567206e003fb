"""API for in-app notifications: the list (with the unread count) and marking them read."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from kettle.accounts.api import StrictIn
from kettle.api.pagination import PageParams
from kettle.notifications.actions import do_mark_read
from kettle.notifications.models import Notification
from kettle.notifications.queries import grouped, page_for, unread_count
from kettle.social.schemas import AuthorOut

router = Router(tags=["notifications"])


class NotifiedPostOut(Schema):
    id: int
    url: str


class NotifiedGroupOut(Schema):
    slug: str
    name: str
    url: str


class NotifiedMeetupOut(Schema):
    id: int
    title: str
    url: str


class NotificationOut(Schema):
    id: int
    kind: str = Field(description="follow, follow_request, comment, reply, mention, reaction, group_request, "
                                   "group_approved, group_invite, post_held, post_approved, poll_closed, or for "
                                   "meetups meetup_tomorrow, meetup_soon, meetup_changed, meetup_cancelled, "
                                   "meetup_promoted, meetup_request, meetup_approved, meetup_message and "
                                   "meetup_comment.")
    text: str = Field(description='A sentence to show, e.g. "Bea sent a hug".')
    actor: AuthorOut | None = Field(description="Null when nobody is named: an anonymous author, or a poll "
                                                "closing at its time.")
    post: NotifiedPostOut | None
    group: NotifiedGroupOut | None
    meetup: NotifiedMeetupOut | None
    detail: str = Field("", description="For meetups: what changed, the reminder's time and place, or the "
                                        "host's words in brief.")
    comment_id: int | None
    reaction: str = Field(description="For a reaction: hug, me_too or helpful; otherwise empty.")
    created_at: datetime
    read: bool

    @staticmethod
    def of(note: Notification) -> NotificationOut:
        [group] = grouped([note])
        return NotificationOut(
            id=note.id, kind=note.kind, text=group.sentence,
            actor=AuthorOut.of(note.actor) if note.actor_id else None,
            post=NotifiedPostOut(id=note.post.id, url=note.post.url) if note.post_id else None,
            group=NotifiedGroupOut(slug=note.group.slug, name=note.group.name, url=note.group.url)
            if note.group_id else None,
            meetup=NotifiedMeetupOut(id=note.meetup.id, title=note.meetup.title, url=note.meetup.url)
            if note.meetup_id else None, detail=note.detail,
            comment_id=note.comment_id, reaction=note.reaction, created_at=note.created_at,
            read=note.read_at is not None)


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    next_before: int | None = Field(None, description="Pass as ?before= to get the next page; null at the end.")
    unread: int = Field(description="Unread notifications in all, for the badge in the navigation.")


class ReadMarksIn(StrictIn):
    ids: list[StrictInt] | None = Field(None, max_length=500, description="These notifications...")
    all: StrictBool = Field(False, description="...or every one of them.")

    @model_validator(mode="after")
    def _ids_or_all(self) -> ReadMarksIn:
        if (self.ids is None) == (not self.all):
            raise PydanticCustomError("ids_or_all", "Send either \"ids\": [...] or \"all\": true.")
        return self


class ReadMarksOut(Schema):
    marked: int = Field(description="How many were newly marked read.")
    unread: int


@router.get("/notifications", response=NotificationPageOut, summary="Your notifications, newest first")
def list_notifications(request: HttpRequest, page: Query[PageParams]):
    found = page_for(request.member, before=page.before, limit=page.limit)
    return NotificationPageOut(items=[NotificationOut.of(note) for note in found.items],
                               next_before=found.next_before, unread=unread_count(request.member))


@router.post("/notifications/read", response=ReadMarksOut, summary="Mark some, or all, notifications read")
def mark_read(request: HttpRequest, data: ReadMarksIn):
    marked = do_mark_read(request.member, None if data.all else data.ids)
    return ReadMarksOut(marked=marked, unread=unread_count(request.member))
