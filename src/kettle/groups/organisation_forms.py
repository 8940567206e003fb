"""HTML forms for organisations: their details, and adding someone to the team. The actions
check the rest (a real web address, a known place, a member with that handle)."""

from __future__ import annotations

from django import forms

from kettle.core.forms import KettleForm
from kettle.groups.models import OrganisationMember


class OrganisationForm(KettleForm):
    name = forms.CharField(max_length=120, label="Name", error_messages={"required": "Give the organisation's name."})
    description = forms.CharField(
        required=False, max_length=4000, label="About the organisation", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you do and who for: classes, groups, support. Markdown works.")
    area = forms.CharField(required=False, max_length=120, label="Area you serve (optional)",
                           help_text="In words, for example “Across Suffolk” or “Ipswich and Felixstowe”.")
    place_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    website = forms.CharField(required=False, max_length=300, label="Website (optional)",
                              widget=forms.URLInput(attrs={"placeholder": "https://"}))

    def clean(self) -> dict:
        data = super().clean()
        if "place_id" in self._errors:  # a hidden field: say it at the top, where it can be seen
            self.add_error(None, "We couldn't find that place. Pick a town or village from the list.")
            del self._errors["place_id"]
        return data

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "description": data["description"], "area": data["area"],
                "website": data["website"], "place_id": data.get("place_id")}


class TeamMemberForm(KettleForm):
    handle = forms.CharField(max_length=31, label="Their handle", help_text="For example @sam",
                             widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}))
    role = forms.ChoiceField(choices=OrganisationMember.Role.choices, initial=OrganisationMember.Role.TEAM,
                             widget=forms.RadioSelect, label="Role",
                             help_text="Admins can edit the organisation, run its groups and change the team.")
    title = forms.CharField(required=False, max_length=60, label="Title (optional)",
                            help_text="Shown beside their name, for example “Baby massage teacher”.")
