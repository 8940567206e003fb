"""Meetup pages: near me (this week and later), mine, one meetup (with going, the waitlist,
questions and the host's messages), and the small forms on it. Each read starts from
Meetup.objects.visible_to: a meetup the viewer may not see is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from kettle.core.places import distance_band
from kettle.core.ratelimit import RateLimited
from kettle.meetups import actions, finding
from kettle.meetups.ages import AGE_BANDS
from kettle.meetups.finding import WEEKDAYS, FilterError, find_meetups, parse_filters
from kettle.meetups.models import Meetup
from kettle.meetups.page import meetup_context
from kettle.social.views.helpers import member_required

DAY_WORDS = dict(zip(WEEKDAYS, ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
                                "Sundays"), strict=True))


def home_place(member):
    return getattr(getattr(member, "profile", None), "place", None) if member is not None else None


@require_GET
def meetup_list(request: HttpRequest) -> HttpResponse:
    viewer = request.member
    raw = {key: request.GET.get(key, "")[:40] for key in ("when", "day", "age", "kind", "q")}
    try:
        filters = parse_filters(**raw)
        place = home_place(viewer) if request.GET.get("near", "me") != "anywhere" else None
        page = find_meetups(viewer, filters, near=place, after=request.GET.get("after") or None)
        problem = ""
    except FilterError as error:
        filters, place, page, problem = parse_filters(), None, None, str(error)
    query = {k: v for k, v in raw.items() if v}
    return render(request, "meetups/list.html", {
        "filters": filters, "page": page, "problem": problem, "place": place, "nav": "meetups",
        "age_bands": AGE_BANDS, "kinds": Meetup.Kind.choices, "weekdays": DAY_WORDS,
        "query": query, "more_url": (f"{reverse('meetups:list')}?{urlencode({**query, 'after': page.next_after})}"
                                     if page and page.next_after else ""),
        "when_url": lambda when: f"{reverse('meetups:list')}?{urlencode({**query, 'when': when})}",
    }, status=400 if problem else 200)


@member_required
@require_GET
def my_meetups(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("past") == "1"
    return render(request, "meetups/mine.html", {
        "cards": finding.my_meetups(request.member, past=past), "past": past, "nav": "meetups"})


def _visible(request: HttpRequest, meetup_id: int) -> Meetup:
    meetup = Meetup.objects.visible_to(request.member).for_display().filter(id=meetup_id).first()
    if meetup is None:
        raise Http404("No such meetup.")
    return meetup


@require_GET
def meetup_page(request: HttpRequest, meetup_id: int) -> HttpResponse:
    meetup = _visible(request, meetup_id)
    context = meetup_context(request.member, meetup)
    context["band"] = distance_band(home_place(request.member), meetup.venue.place)
    return render(request, "meetups/meetup.html", context)


def _act(request: HttpRequest, meetup_id: int, run, done: str, anchor: str = "") -> HttpResponse:
    """Run a small form's action; its refusal becomes a message on the meetup page."""
    try:
        run()
        if done:
            messages.success(request, done)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except (PermissionDenied, RateLimited) as error:
        messages.error(request, str(error))
    target = reverse("meetups:meetup", kwargs={"meetup_id": meetup_id})
    return redirect(f"{target}#{anchor}" if anchor else target)


RSVP_DONE = {"going": "You're going. See you there!", "waitlisted": "It's full, so you're on the waitlist. "
             "We'll tell you the moment a place comes up.", "requested": "You've asked the host. We'll tell you "
             "when they reply.", "maybe": "Saved as maybe.", "not_going": "Thanks for letting the host know."}


@member_required
@require_POST
def rsvp(request: HttpRequest, meetup_id: int) -> HttpResponse:
    _visible(request, meetup_id)
    answer = {}

    def run() -> None:
        answer["rsvp"] = actions.do_rsvp(
            request.member, meetup_id, request.POST.get("status", ""),
            first_timer=request.POST.get("first_timer") == "1", safety_read=request.POST.get("safety_read") == "1",
            whole_course=request.POST.get("whole_course") == "1")

    response = _act(request, meetup_id, run, "", anchor="going")
    if "rsvp" in answer:
        messages.success(request, RSVP_DONE[answer["rsvp"].status])
    return response


@member_required
@require_POST
def decide(request: HttpRequest, meetup_id: int, member_id: int) -> HttpResponse:
    decision = request.POST.get("decision", "")
    words = {"approve": "Approved.", "decline": "Declined: they've been told the host couldn't fit them in.",
             "remove": "Taken off the list."}
    return _act(request, meetup_id, lambda: actions.do_decide_rsvp(request.member, meetup_id, member_id, decision),
                words.get(decision, ""), anchor="people")


@member_required
@require_POST
def comment(request: HttpRequest, meetup_id: int) -> HttpResponse:
    _visible(request, meetup_id)
    return _act(request, meetup_id, lambda: actions.do_comment_on_meetup(
        request.member, meetup_id, body=request.POST.get("body", "")), "", anchor="questions")


@member_required
@require_POST
def delete_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    from kettle.meetups.models import MeetupComment

    row = MeetupComment.objects.filter(id=comment_id, meetup__in=Meetup.objects.visible_to(request.member)).first()
    if row is None:
        raise Http404("No such comment.")
    return _act(request, row.meetup_id, lambda: actions.do_delete_meetup_comment(request.member, comment_id),
                "Comment deleted.", anchor="questions")


@member_required
@require_POST
def message(request: HttpRequest, meetup_id: int) -> HttpResponse:
    _visible(request, meetup_id)
    return _act(request, meetup_id, lambda: actions.do_message_attendees(
        request.member, meetup_id, body=request.POST.get("body", "")),
        "Sent to everyone going and waiting.", anchor="messages")
