"""Talking about a meetup: questions and comments under it (seen by whoever sees the meetup),
and the hosts' messages to the people going and waiting (seen by them and the hosts)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Status

from kettle.api.auth import optional_auth
from kettle.api.pagination import PageParams
from kettle.core.pagination import keyset_page
from kettle.meetups import actions
from kettle.meetups.api.common import visible_meetup
from kettle.meetups.api.inputs import CommentIn, MessageIn
from kettle.meetups.api.schemas import HostMessageOut, HostMessagePageOut, MeetupCommentOut, MeetupCommentPageOut
from kettle.meetups.models import HostMessage, MeetupComment, Rsvp
from kettle.meetups.queries import can_manage, rsvp_of
from kettle.social.api.common import ObjectId, viewer_of
from kettle.social.queries import without_blocked

router = Router(tags=["meetup comments and messages"])

TOLD = (Rsvp.Status.GOING, Rsvp.Status.WAITLISTED)  # who the hosts' messages go to


def _comments(viewer, meetup):
    comments = MeetupComment.objects.filter(meetup=meetup, deleted_at=None, author__is_active=True)
    return without_blocked(comments, viewer, "author").select_related("author__profile")


@router.get("/meetups/{meetup_id}/comments", response=MeetupCommentPageOut, auth=optional_auth,
            summary="Questions and comments under a meetup, newest first")
def list_comments(request: HttpRequest, meetup_id: ObjectId, page: Query[PageParams]):
    viewer = viewer_of(request)
    meetup = visible_meetup(viewer, meetup_id)
    manager = can_manage(viewer, meetup)
    found = keyset_page(_comments(viewer, meetup), before=page.before, limit=page.limit)
    return MeetupCommentPageOut(items=[MeetupCommentOut.of(c, viewer, manager=manager) for c in found.items],
                                next_before=found.next_before)


@router.post("/meetups/{meetup_id}/comments", response={201: MeetupCommentOut},
             summary="Ask or say something under a meetup; its host hears of it")
def create_comment(request: HttpRequest, meetup_id: ObjectId, data: CommentIn):
    comment = actions.do_comment_on_meetup(request.member, meetup_id, body=data.body)
    meetup = visible_meetup(request.member, meetup_id)
    saved = _comments(request.member, meetup).get(id=comment.id)
    return Status(201, MeetupCommentOut.of(saved, request.member, manager=can_manage(request.member, meetup)))


@router.delete("/meetups/comments/{comment_id}", response={204: None},
               summary="Delete your comment (a meetup's hosts may delete any under it)")
def delete_comment(request: HttpRequest, comment_id: ObjectId):
    actions.do_delete_meetup_comment(request.member, comment_id)
    return Status(204, None)


@router.post("/meetups/{meetup_id}/messages", response={201: HostMessageOut},
             summary="Message everyone going and waiting (the meetup's hosts)")
def send_message(request: HttpRequest, meetup_id: ObjectId, data: MessageIn):
    message = actions.do_message_attendees(request.member, meetup_id, body=data.body)
    return Status(201, HostMessageOut.of(HostMessage.objects.select_related("author__profile").get(id=message.id)))


@router.get("/meetups/{meetup_id}/messages", response=HostMessagePageOut,
            summary="The hosts' messages, newest first: for the hosts and the people going or waiting")
def list_messages(request: HttpRequest, meetup_id: ObjectId, page: Query[PageParams]):
    meetup = visible_meetup(request.member, meetup_id)
    if not can_manage(request.member, meetup):
        answer = rsvp_of(request.member, meetup)
        if answer is None or answer.status not in TOLD:
            raise PermissionDenied("The hosts' messages are for the people going and waiting.")
    messages = HostMessage.objects.filter(meetup=meetup).select_related("author__profile")
    found = keyset_page(messages, before=page.before, limit=page.limit)
    return HostMessagePageOut(items=[HostMessageOut.of(m) for m in found.items], next_before=found.next_before)
