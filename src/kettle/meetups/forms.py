"""HTML forms for meetups and venues. Times are typed as the venue's local time; the actions
check everything that matters (a future time, places between 1 and 1,000, a public venue)."""

from __future__ import annotations

from datetime import datetime

from django import forms

from kettle.core.forms import KettleForm
from kettle.meetups.models import Meetup, Venue
from kettle.meetups.models.meetups import MAX_SESSIONS
from kettle.meetups.models.venues import FACILITIES

AGE_CHOICES = [("", "Any age")] + [(str(m), label) for m, label in (
    (0, "Newborn"), (3, "3 months"), (6, "6 months"), (9, "9 months"), (12, "1 year"), (18, "18 months"),
    (24, "2 years"), (36, "3 years"), (48, "4 years"), (60, "5 years"), (72, "6 years"))]
REPEAT_CHOICES = [("0", "Just once"), ("1", "Every week"), ("2", "Every fortnight")]


def _number(value: str):
    return int(value) if value not in (None, "") else None


class MeetupForm(KettleForm):
    title = forms.CharField(max_length=120, label="What's the plan?",
                            widget=forms.TextInput(attrs={"placeholder": "Coffee and a walk round Christchurch Park"}),
                            error_messages={"required": "Give your meetup a title."})
    kind = forms.ChoiceField(choices=Meetup.Kind.choices, initial=Meetup.Kind.PLAYDATE, widget=forms.RadioSelect,
                             label="Kind", help_text="Classes are run by an organisation.")
    description = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                                  label="Details (optional)",
                                  help_text="What to expect, what to bring, how to find you. Markdown works.")
    venue_id = forms.ChoiceField(label="Where", choices=(), help_text="Public places only: never a home.",
                                 error_messages={"required": "Choose a public venue, or add a new one."})
    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"required": "Say which day."})
    starts_at = forms.TimeField(label="Starts", widget=forms.TimeInput(attrs={"type": "time"}),
                                error_messages={"required": "Say when it starts.",
                                                "invalid": "Enter a time, like 10:30."})
    ends_at = forms.TimeField(label="Ends", widget=forms.TimeInput(attrs={"type": "time"}),
                              error_messages={"required": "Say when it ends.", "invalid": "Enter a time, like 11:30."})
    age_from_months = forms.ChoiceField(required=False, choices=AGE_CHOICES, label="Children from")
    age_to_months = forms.ChoiceField(required=False, choices=AGE_CHOICES, label="to")
    capacity = forms.CharField(required=False, label="Places (optional)",
                               widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                               help_text="Leave empty for no limit. Past this, people join a waitlist.")
    cost = forms.CharField(required=False, max_length=80, label="Cost (optional)",
                           widget=forms.TextInput(attrs={"placeholder": "Free, or £6 a session"}))
    accessibility = forms.CharField(required=False, max_length=500, label="Accessibility (optional)",
                                    widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text="Step-free access, pram parking, a quiet room...")
    requires_approval = forms.BooleanField(required=False, label="I'll approve each person going")
    audience = forms.ChoiceField(choices=[(v, label) for v, label in Meetup.Audience.choices if v != "group"],
                                 initial=Meetup.Audience.PUBLIC, widget=forms.RadioSelect, label="Who can see it",
                                 required=False)
    group_id = forms.ChoiceField(required=False, choices=(), label="Or inside one of your groups",
                                 help_text="Only people who can see the group will see it.")
    organisation_id = forms.ChoiceField(required=False, choices=(), label="Run by (optional)")
    repeat_every_weeks = forms.ChoiceField(choices=REPEAT_CHOICES, initial="0", label="Repeats", required=False)
    sessions = forms.IntegerField(required=False, min_value=2, max_value=MAX_SESSIONS, label="Number of sessions",
                                  help_text="For a course: people can book one session or the whole course.")

    def __init__(self, *args, venues=(), groups=(), organisations=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        by_town: dict[str, list] = {}
        for venue in venues:
            label = f"{venue.name} ({venue.get_kind_display()})"
            by_town.setdefault(venue.place.name, []).append((str(venue.id), label))
        self.fields["venue_id"].choices = [("", "Choose a venue")] + sorted(by_town.items())
        self.fields["group_id"].choices = [("", "Not in a group")] + [(str(g.id), g.name) for g in groups]
        self.fields["organisation_id"].choices = [("", "Just me")] + [(str(o.id), o.name) for o in organisations]
        if editing:
            for name in ("audience", "group_id", "organisation_id", "repeat_every_weeks", "sessions"):
                del self.fields[name]

    def _start_end(self) -> tuple[datetime | None, datetime | None]:
        data = self.cleaned_data
        day, start, end = data.get("day"), data.get("starts_at"), data.get("ends_at")
        if not (day and start and end):
            return None, None
        return datetime.combine(day, start), datetime.combine(day, end)

    def details(self) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "kind": data["kind"], "description": data["description"],
                "venue_id": _number(data["venue_id"]), "capacity": data["capacity"] or None, "cost": data["cost"],
                "accessibility": data["accessibility"], "requires_approval": data["requires_approval"],
                "age_from_months": _number(data["age_from_months"]), "age_to_months": _number(data["age_to_months"])}

    def create_kwargs(self) -> dict:
        data = self.cleaned_data
        start, end = self._start_end()
        every = int(data.get("repeat_every_weeks") or 0)
        return {**self.details(), "starts_at": start, "ends_at": end, "audience": data.get("audience") or "public",
                "group_id": _number(data.get("group_id")), "organisation_id": _number(data.get("organisation_id")),
                "repeat_every_weeks": every, "sessions": data.get("sessions") or (1 if not every else None)}

    def update_kwargs(self) -> dict:
        start, end = self._start_end()
        return {**self.details(), "starts_at": start, "ends_at": end}

    @staticmethod
    def initial_for(meetup: Meetup) -> dict:
        start, end = meetup.local_start, meetup.local_end
        return {"title": meetup.title, "kind": meetup.kind, "description": meetup.description,
                "venue_id": str(meetup.venue_id), "day": start.date(), "starts_at": start.strftime("%H:%M"),
                "ends_at": end.strftime("%H:%M"), "capacity": meetup.capacity or "", "cost": meetup.cost,
                "accessibility": meetup.accessibility, "requires_approval": meetup.requires_approval,
                "age_from_months": "" if meetup.age_from_months is None else str(meetup.age_from_months),
                "age_to_months": "" if meetup.age_to_months is None else str(meetup.age_to_months)}


class CancelForm(KettleForm):
    reason = forms.CharField(required=False, max_length=300, label="A word for the people going (optional)",
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="For example “Sorry, the library is closed for repairs”.")
    whole_series = forms.BooleanField(required=False, label="Cancel every upcoming session of this course")


class VenueForm(KettleForm):
    name = forms.CharField(max_length=120, label="Venue name",
                           widget=forms.TextInput(attrs={"placeholder": "Ipswich Library"}),
                           error_messages={"required": "Give the venue's name."})
    kind = forms.ChoiceField(choices=Venue.Kind.choices, initial=Venue.Kind.CAFE, label="Kind of place")
    address = forms.CharField(required=False, max_length=200, label="Street (optional)",
                              widget=forms.TextInput(attrs={"placeholder": "Northgate Street"}),
                              help_text="The venue's public street. Never a home address.")
    place_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    notes = forms.CharField(required=False, max_length=500, label="Good to know (optional)",
                            widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="Where to park the pram, which entrance, the room upstairs...")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, words in FACILITIES:
            self.fields[field] = forms.BooleanField(required=False, label=words)

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "kind": data["kind"], "address": data["address"], "notes": data["notes"],
                "place_id": data.get("place_id"), **{field: data[field] for field, _ in FACILITIES}}
