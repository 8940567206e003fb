"""Venue pages: the public places near me, one venue (its facilities and what's on there),
adding one (public places only, the form says so) and correcting one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from kettle.core.forms import place_picker_context, save_with_place
from kettle.meetups import actions
from kettle.meetups.actions.venues import can_edit_venue
from kettle.meetups.finding import with_my_status
from kettle.meetups.forms import VenueForm
from kettle.meetups.models import Meetup, Venue
from kettle.meetups.models.venues import FACILITIES
from kettle.meetups.views.meetup_forms import venues_for
from kettle.social.views.helpers import member_required, safe_next

LISTED = 200


@require_GET
def venue_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:80]
    if request.member is not None and not query:
        venues = venues_for(request.member)
    else:
        venues = Venue.objects.visible_to(request.member).select_related("place").order_by("place__name", "name")
        for word in query.split()[:4]:
            venues = venues.filter(name__icontains=word) | venues.filter(place__search_name__icontains=word.lower())
        venues = list(venues[:LISTED])
    return render(request, "meetups/venues.html", {"venues": venues, "query": query, "nav": "meetups"})


def _venue(request: HttpRequest, venue_id: int) -> Venue:
    venue = Venue.objects.visible_to(request.member).select_related("place").filter(id=venue_id).first()
    if venue is None:
        raise Http404("No such venue.")
    return venue


@require_GET
def venue_page(request: HttpRequest, venue_id: int) -> HttpResponse:
    venue = _venue(request, venue_id)
    upcoming = (Meetup.objects.visible_to(request.member).upcoming().filter(venue=venue).for_display()
                .order_by("starts_at", "id")[:30])
    from kettle.meetups.finding import MeetupCard

    return render(request, "meetups/venue.html", {
        "venue": venue, "cards": with_my_status([MeetupCard(m) for m in upcoming], request.member),
        "can_edit": request.member is not None and can_edit_venue(request.member, venue), "nav": "meetups"})


def _form_page(request: HttpRequest, form: VenueForm, venue: Venue | None, default_place=None) -> HttpResponse:
    return render(request, "meetups/venue_form.html", {
        "form": form, "venue": venue, "facilities": [form[field] for field, _ in FACILITIES], "nav": "meetups",
        "next": safe_next(request, ""), **place_picker_context(request, form, venue.place if venue else default_place)},
        status=400 if form.is_bound and form.errors else 200)


@member_required
@require_http_methods(["GET", "POST"])
def new_venue(request: HttpRequest) -> HttpResponse:
    form = VenueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        venue = save_with_place(request, form, lambda kwargs: actions.do_create_venue(request.member, **kwargs))
        if venue is not None:
            messages.success(request, f"{venue.name} is on Kettle now.")
            back = safe_next(request, "")
            if back.startswith("/meetups/"):
                return redirect(f"{back.split('?')[0]}?{urlencode({'venue': venue.id})}")
            return redirect("meetups:venue", venue_id=venue.id)
    return _form_page(request, form, None, default_place=getattr(request.member.profile, "place", None))


@member_required
@require_http_methods(["GET", "POST"])
def edit_venue(request: HttpRequest, venue_id: int) -> HttpResponse:
    venue = _venue(request, venue_id)
    if not can_edit_venue(request.member, venue):
        raise Http404("No such page.")
    if request.method == "POST":
        form = VenueForm(request.POST)
        saved = save_with_place(request, form,
                                lambda kwargs: actions.do_update_venue(request.member, venue.id, **kwargs))
        if saved is not None:
            messages.success(request, "Saved.")
            return redirect("meetups:venue", venue_id=saved.id)
    else:
        form = VenueForm(initial={"name": venue.name, "kind": venue.kind, "address": venue.address,
                                  "notes": venue.notes, "place_id": venue.place_id,
                                  **{field: getattr(venue, field) for field, _ in FACILITIES}})
    return _form_page(request, form, venue)
