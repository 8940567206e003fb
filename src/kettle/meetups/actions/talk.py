"""Talking about a meetup: questions and comments under it, and the host's messages to the
people going."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from kettle.accounts.models import Member
from kettle.core import ratelimit
from kettle.groups.access import require_participant
from kettle.groups.actions.common import clean_text
from kettle.meetups.actions.fields import raise_if
from kettle.meetups.models import HostMessage, Meetup, MeetupComment, Rsvp
from kettle.meetups.queries import can_manage
from kettle.notifications.models import Notification
from kettle.notifications.tasks import notify, notify_many
from kettle.social.text import render_with_links

COMMENT_MAX = 2_000
MESSAGE_MAX = 1_000


def _body(body: str, limit: int) -> str:
    errors: dict[str, list[str]] = {}
    body = clean_text(errors, "body", body, limit=limit, required="Write something first.")
    raise_if(errors)
    return body


@transaction.atomic
def do_comment_on_meetup(member: Member, meetup_id: int, *, body: str) -> MeetupComment:
    """Ask or say something under a meetup. The host hears of it; when the host answers, the
    people who asked do."""
    meetup = Meetup.objects.visible_to(member).filter(id=meetup_id).select_related("group").first()
    if meetup is None:
        raise Http404("No such meetup.")
    if meetup.group_id:
        require_participant(member, meetup.group)
    body = _body(body, COMMENT_MAX)
    ratelimit.hit("comment", str(member.id), settings.COMMENT_RATE,
                  message="You've commented a lot in a short time. Take a breather and try again soon.")
    comment = MeetupComment.objects.create(meetup=meetup, author=member, body=body,
                                           body_html=render_with_links(body).html)
    Meetup.objects.filter(id=meetup.id).update(comment_count=F("comment_count") + 1)
    preview = " ".join(body.split())[:140]
    if member.id == meetup.host_id:
        askers = MeetupComment.objects.filter(meetup=meetup, deleted_at=None).exclude(author=member).values_list(
            "author_id", flat=True)
        notify_many(list(askers), member.id, Notification.Kind.MEETUP_COMMENT, meetup_id=meetup.id,
                    detail=preview, renew=True)
    else:
        notify(meetup.host_id, member.id, Notification.Kind.MEETUP_COMMENT, meetup_id=meetup.id, detail=preview,
               renew=True)
    return comment


@transaction.atomic
def do_delete_meetup_comment(member: Member, comment_id: int) -> None:
    """Authors delete their own comments; hosts tidy their meetup's."""
    comment = MeetupComment.objects.filter(id=comment_id, deleted_at=None, meetup__in=Meetup.objects.visible_to(
        member)).select_related("meetup").first()
    if comment is None:
        raise Http404("No such comment.")
    if comment.author_id != member.id and not can_manage(member, comment.meetup):
        raise PermissionDenied("You can only delete your own comments.")
    MeetupComment.objects.filter(id=comment.id).update(deleted_at=timezone.now())
    Meetup.objects.filter(id=comment.meetup_id, comment_count__gt=0).update(comment_count=F("comment_count") - 1)


@transaction.atomic
def do_message_attendees(actor: Member, meetup_id: int, *, body: str) -> HostMessage:
    """The host writes to everyone going and waiting ("we're in the back room today")."""
    from kettle.meetups.actions.meetups import managed_meetup

    meetup = managed_meetup(actor, meetup_id)
    if meetup.is_cancelled:
        raise ValidationError({"body": ["This meetup was cancelled, so there's nobody to message."]})
    body = _body(body, MESSAGE_MAX)
    ratelimit.hit("meetup-message", str(actor.id), settings.MEETUP_MESSAGE_RATE,
                  message="You've sent a lot of messages in a short time. Please try again later.")
    message = HostMessage.objects.create(meetup=meetup, author=actor, body=body,
                                         body_html=render_with_links(body).html)
    told = Rsvp.objects.filter(meetup=meetup, status__in=(Rsvp.Status.GOING, Rsvp.Status.WAITLISTED)).values_list(
        "member_id", flat=True)
    notify_many(list(told), actor.id, Notification.Kind.MEETUP_MESSAGE, meetup_id=meetup.id,
                detail=" ".join(body.split())[:280], renew=True)
    return message
