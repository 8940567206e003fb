"""The "Add a poll" part of the compose form.

The composer has ten option boxes (four shown, six more behind "More options", so it works
without JavaScript); empty ones are ignored, and a poll is only made when an option is
written. The rules (2 to 10 different options, a closing time between five minutes and 90
days away) live in the action: its errors come back beside the boxes they are about."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from kettle.groups.actions import PollSpec
from kettle.groups.models.polls import MAX_OPTIONS, OPTION_MAX

OPTION_SLOTS = range(1, MAX_OPTIONS + 1)
OPTIONS_SHOWN = 4
ENDS_AFTER = {"1d": timedelta(days=1), "3d": timedelta(days=3), "7d": timedelta(days=7)}
ENDS = [("never", "No end"), ("1d", "In 1 day"), ("3d", "In 3 days"), ("7d", "In a week"),
        ("at", "At a time I choose")]


def option_field(slot: int) -> str:
    return f"poll_option_{slot}"


class PollFieldsMixin:
    """Adds the poll's fields to a form (call add_poll_fields() in __init__), turns them into a
    PollSpec, and places the action's poll errors beside the right box."""

    def add_poll_fields(self) -> None:
        for slot in OPTION_SLOTS:
            self.fields[option_field(slot)] = forms.CharField(
                required=False, max_length=OPTION_MAX, label=f"Option {slot}",
                error_messages={"max_length": f"Please keep each option to {OPTION_MAX} characters."},
                widget=forms.TextInput(attrs={"maxlength": OPTION_MAX, "autocomplete": "off"}))
        self.fields["poll_multiple"] = forms.BooleanField(required=False, label="People can choose more than one")
        self.fields["poll_show_voters"] = forms.BooleanField(
            required=False, label="Show who voted",
            help_text="Off, votes are anonymous: everyone sees only counts and percentages. On, anyone who can "
                      "see the results also sees who chose what.")
        self.fields["poll_ends"] = forms.ChoiceField(
            choices=ENDS, initial="never", required=False, widget=forms.RadioSelect, label="When does the poll close?",
            error_messages={"invalid_choice": "Please choose one of the options."})
        self.fields["poll_closes_at"] = forms.DateTimeField(
            required=False, label="Closing time (your time zone)",
            error_messages={"invalid": "Please enter a date and time, like 14/03/2027 20:00."},
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    # --- what the template needs ------------------------------------------------------------
    def poll_options_shown(self) -> list:
        return [self[option_field(slot)] for slot in OPTION_SLOTS if slot <= OPTIONS_SHOWN]

    def poll_options_more(self) -> list:
        return [self[option_field(slot)] for slot in OPTION_SLOTS if slot > OPTIONS_SHOWN]

    def poll_started(self) -> bool:
        """Anything written in the poll section (so a re-shown form opens it)."""
        if not self.is_bound:
            return False
        names = [option_field(slot) for slot in OPTION_SLOTS] + ["poll_closes_at"]
        return any((self.data.get(name) or "").strip() for name in names) or any(
            self.has_error(name) for name in [*names, "poll_ends"])

    def poll_more_used(self) -> bool:
        return self.is_bound and any((self.data.get(option_field(slot)) or "").strip() or
                                     self.has_error(option_field(slot))
                                     for slot in OPTION_SLOTS if slot > OPTIONS_SHOWN)

    # --- to the action ----------------------------------------------------------------------
    def _written_slots(self) -> list[int]:
        return [slot for slot in OPTION_SLOTS if (self.cleaned_data.get(option_field(slot)) or "").strip()]

    def clean_poll_fields(self, data: dict) -> None:
        """Work out the closing time from the choice (or the time given); call from clean()."""
        ends = data.get("poll_ends") or "never"
        at = data.get("poll_closes_at")
        if ends in ENDS_AFTER:
            data["poll_closes"] = timezone.now() + ENDS_AFTER[ends]
        elif ends == "at" or at is not None:
            if at is None and not self.has_error("poll_closes_at") and self._written_slots():
                self.add_error("poll_closes_at", "Choose when the poll closes, or pick another option.")
            data["poll_closes"] = at
        else:
            data["poll_closes"] = None

    def poll_spec(self) -> PollSpec | None:
        """The poll to make with the post, or None when no option was written."""
        slots = self._written_slots()
        if not slots:
            return None
        data = self.cleaned_data
        return PollSpec(options=[data[option_field(slot)] for slot in slots], multiple=data.get("poll_multiple", False),
                        show_voters=data.get("poll_show_voters", False), closes_at=data.get("poll_closes"))

    def poll_error_field(self, key: str) -> str | None:
        """Where an action error keyed "poll.…" belongs: "poll.options.2" names the third
        option written, which may sit in a later box if some were left empty."""
        parts = key.split(".")
        if parts[:1] != ["poll"]:
            return None
        if parts[1:2] == ["closes_at"]:
            return "poll_closes_at"
        slots = self._written_slots() if hasattr(self, "cleaned_data") else []
        if len(parts) > 2 and parts[2].isdigit() and int(parts[2]) < len(slots):
            return option_field(slots[int(parts[2])])
        return option_field(2 if len(slots) < 2 else 1)
