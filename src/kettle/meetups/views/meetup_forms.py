"""Starting, changing and cancelling a meetup or course: the forms. The actions decide; their
refusals land on the form's fields, and nothing is saved."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kettle.core.ratelimit import RateLimited
from kettle.groups.models import Group, Membership, Organisation
from kettle.meetups import actions
from kettle.meetups.actions.meetups import managed_meetup
from kettle.meetups.forms import CancelForm, MeetupForm
from kettle.meetups.models import Venue
from kettle.social.views.helpers import member_required

PICKER_LIMIT = 300


def venues_for(member, also=None):
    """The venue picker: public venues within about 30 km of the member's town (all of them if
    they have no town yet), plus the one already chosen."""
    qs = Venue.objects.visible_to(member).select_related("place")
    place = getattr(member.profile, "place", None)
    if place is not None:
        qs = qs.filter(place__latitude__range=(place.latitude - 0.3, place.latitude + 0.3),
                       place__longitude__range=(place.longitude - 0.5, place.longitude + 0.5))
    venues = list(qs.order_by("place__name", "name")[:PICKER_LIMIT])
    if also and also.isdigit() and all(str(v.id) != also for v in venues):
        venues += list(Venue.objects.visible_to(member).select_related("place").filter(id=int(also)))
    return venues


def _choices(member) -> dict:
    groups = Group.objects.filter(memberships__member=member, memberships__state=Membership.State.ACTIVE).order_by(
        "name")
    organisations = Organisation.objects.filter(team__member=member).order_by("name")
    return {"groups": list(groups), "organisations": list(organisations)}


def _save(form: MeetupForm, save):
    if not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as error:
        form.apply_errors(error)
    except (PermissionDenied, RateLimited) as error:
        form.add_error(None, str(error))
    return None


def _managed(request: HttpRequest, meetup_id: int):
    """The hosts' pages don't exist for anyone else: a 404, as for a meetup they can't see."""
    try:
        return managed_meetup(request.member, meetup_id)
    except PermissionDenied:
        raise Http404("No such page.") from None


def _page(request: HttpRequest, form: MeetupForm, meetup=None) -> HttpResponse:
    return render(request, "meetups/form.html", {"form": form, "meetup": meetup, "nav": "meetups"},
                  status=400 if form.is_bound and form.errors else 200)


@member_required
@require_http_methods(["GET", "POST"])
def new_meetup(request: HttpRequest) -> HttpResponse:
    member = request.member
    chosen = request.POST.get("venue_id") or request.GET.get("venue", "")
    options = {"venues": venues_for(member, chosen), **_choices(member)}
    if request.method == "POST":
        form = MeetupForm(request.POST, **options)
        meetup = _save(form, lambda: actions.do_create_meetup(member, **form.create_kwargs()))
        if meetup is not None:
            words = "Your course is up: every session has its own page." if meetup.series_id else "Your meetup is up."
            messages.success(request, f"{words} Share it with people you'd like to meet.")
            return redirect(meetup.url)
    else:
        initial = {"venue_id": chosen, "group_id": request.GET.get("group", ""),
                   "organisation_id": request.GET.get("organisation", "")}
        if initial["organisation_id"]:
            initial["kind"] = "class"
        form = MeetupForm(initial=initial, **options)
    return _page(request, form)


@member_required
@require_http_methods(["GET", "POST"])
def edit_meetup(request: HttpRequest, meetup_id: int) -> HttpResponse:
    meetup = _managed(request, meetup_id)
    options = {"venues": venues_for(request.member, str(meetup.venue_id)), "editing": True}
    if request.method == "POST":
        form = MeetupForm(request.POST, **options)
        whole = request.POST.get("whole_series") == "1"

        def save():
            changes = form.update_kwargs()
            if whole:  # the time only ever moves this session; the details go to the course
                actions.do_update_meetup(request.member, meetup_id, whole_series=True, **{
                    k: v for k, v in changes.items() if k not in ("starts_at", "ends_at")})
                return actions.do_update_meetup(request.member, meetup_id, starts_at=changes["starts_at"],
                                                ends_at=changes["ends_at"])
            return actions.do_update_meetup(request.member, meetup_id, **changes)

        saved = _save(form, save)
        if saved is not None:
            messages.success(request, "Saved. If the time or place changed, everyone going will hear once "
                                      "you've finished editing.")
            return redirect(saved.url)
    else:
        form = MeetupForm(initial=MeetupForm.initial_for(meetup), **options)
    return _page(request, form, meetup)


@member_required
@require_http_methods(["GET", "POST"])
def cancel_meetup(request: HttpRequest, meetup_id: int) -> HttpResponse:
    meetup = _managed(request, meetup_id)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_cancel_meetup(request.member, meetup_id, reason=form.cleaned_data["reason"],
                                     whole_series=form.cleaned_data["whole_series"])
            messages.success(request, "Cancelled. Everyone who was going has been told.")
            return redirect(meetup.url)
        except ValidationError as error:
            form.apply_errors(error)
    return render(request, "meetups/cancel.html", {"form": form, "meetup": meetup, "nav": "meetups"},
                  status=400 if form.is_bound and form.errors else 200)
