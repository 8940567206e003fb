"""Calendar files: one meetup's .ics (for whoever may see it), the member's secret feed of
everything they're going to, and the page that makes or revokes that feed's address."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from kettle.meetups import actions
from kettle.meetups.actions.calendar import live_feed
from kettle.meetups.calendar import calendar_bytes
from kettle.meetups.finding import going_to
from kettle.meetups.models import CalendarFeed, Meetup
from kettle.social.views.helpers import member_required

ICS = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def meetup_ics(request: HttpRequest, meetup_id: int) -> HttpResponse:
    meetup = Meetup.objects.visible_to(request.member).filter(id=meetup_id).select_related("venue__place").first()
    if meetup is None:
        raise Http404("No such meetup.")
    return _ics(calendar_bytes([meetup], name=meetup.title, base_url=request.build_absolute_uri("/")[:-1]),
                f"kettle-meetup-{meetup.id}.ics")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret feed: no login (calendar apps can't), so the token is the key. A revoked or
    unknown token is a 404, the same as a wrong one."""
    feed = CalendarFeed.objects.filter(token=token, revoked_at=None).select_related("member").first()
    if feed is None or not feed.member.is_active:
        raise Http404("No such calendar.")
    CalendarFeed.objects.filter(id=feed.id).update(last_fetched_at=timezone.now())
    body = calendar_bytes(going_to(feed.member), name="My Kettle meetups",
                          base_url=request.build_absolute_uri("/")[:-1])
    return _ics(body, "kettle-meetups.ics")


def feed_address(request: HttpRequest, feed: CalendarFeed | None) -> str:
    return request.build_absolute_uri(feed.url) if feed is not None else ""


@member_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    feed = live_feed(request.member)
    return render(request, "meetups/calendar.html", {
        "feed": feed, "feed_address": feed_address(request, feed), "nav": "meetups"})


@member_required
@require_POST
def calendar_change(request: HttpRequest) -> HttpResponse:
    if request.POST.get("do") == "revoke":
        actions.do_revoke_calendar_feed(request.member)
        messages.success(request, "Your calendar address is turned off. Calendars using it will stop updating.")
    else:
        actions.do_create_calendar_feed(request.member)
        messages.success(request, "Here's your new calendar address. Any older one has stopped working.")
    return redirect(reverse("meetups:calendar"))
