"""Forms for the group pages. They only shape input; the actions decide and check."""

from __future__ import annotations

from django import forms

from kettle.core.forms import KettleForm
from kettle.groups.models.groups import ANSWER_MAX


class JoinForm(KettleForm):
    """A private group's questions, one text box each."""

    def __init__(self, *args, questions: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for i, question in enumerate(questions or []):
            self.fields[f"answer_{i}"] = forms.CharField(label=question, max_length=ANSWER_MAX,
                                                         widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"answer_{i}"].error_messages["required"] = "Please answer this question."
            self.fields[f"answer_{i}"].error_messages["max_length"] = (
                f"Please keep your answer to {ANSWER_MAX} characters.")

    def answers(self) -> list[str]:
        return [self.cleaned_data[name] for name in self.fields if name.startswith("answer_")]


class InviteMemberForm(KettleForm):
    handle = forms.CharField(label="Their handle", max_length=31, help_text="For example @sam_k.")


CLUB_FIXED = ("name", "privacy", "place_id", "radius_km")


class GroupForm(KettleForm):
    """Starting a group, or changing one. `creating` adds the kind and the organisation."""

    name = forms.CharField(label="Group name", max_length=80, help_text="e.g. “Ipswich Parents” or “Dads Who Walk”.")
    privacy = forms.ChoiceField(label="Who can see it?", widget=forms.RadioSelect, choices=[
        ("public", "Public: anyone can read the posts; only members post"),
        ("private", "Private: anyone can find it; only members see posts and members; join by request"),
        ("secret", "Secret: only members can find it; join by invitation"),
    ], initial="private")
    description = forms.CharField(label="What is it for?", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    rules = forms.CharField(label="Rules", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
                            help_text="Shown when people join and beside the posts. Markdown works.")
    place_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    radius_km = forms.TypedChoiceField(label="How far does it reach?", required=False, coerce=int, empty_value=None,
                                       choices=[("", "Not a local group"), (5, "5 km"), (15, "15 km"),
                                                (30, "30 km")])
    topics = forms.CharField(label="Topics", required=False, max_length=400,
                             help_text="Comma separated, e.g. breastfeeding, twins, sleep.")
    post_approval = forms.ChoiceField(label="Which posts need a moderator's approval?", widget=forms.RadioSelect,
                                      choices=[("none", "None"), ("first", "Each new member's first post"),
                                               ("all", "Every post")], initial="none")
    allow_anonymous = forms.BooleanField(label="Members may post anonymously", required=False,
                                         help_text="Good for sensitive topics. Moderators still see who wrote it.")
    questions = forms.CharField(label="Questions for people asking to join", required=False, max_length=700,
                                widget=forms.Textarea(attrs={"rows": 3}),
                                help_text="One per line, up to three. Only moderators see the answers.")

    def __init__(self, *args, creating: bool = False, organisations=(), club: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if club:  # the site names and places its due-month clubs; their settings don't show these
            for name in CLUB_FIXED:
                del self.fields[name]
        if creating:
            self.fields["kind"] = forms.ChoiceField(label="What kind of group?", widget=forms.RadioSelect, choices=[
                ("local", "Local: parents around a town or village"),
                ("interest", "Interest: a topic, a situation, a kind of family")], initial="interest")
            self.order_fields(["kind", "name"])
            if organisations:
                self.fields["organisation_id"] = forms.TypedChoiceField(
                    label="Run by an organisation?", required=False, coerce=int, empty_value=None,
                    choices=[("", "No, just me")] + [(o.id, o.name) for o in organisations])

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["topics"] = list(dict.fromkeys(t.strip() for t in data.get("topics", "").split(",") if t.strip()))
        data["questions"] = [q for q in data.get("questions", "").splitlines() if q.strip()]
        return data


class InviteLinkForm(KettleForm):
    days = forms.TypedChoiceField(label="The link works for", coerce=int, initial=7,
                                  choices=[(1, "1 day"), (7, "a week"), (14, "two weeks"), (30, "30 days")])
    max_uses = forms.IntegerField(label="How many people can use it (optional)", required=False, min_value=1,
                                  max_value=1000)
