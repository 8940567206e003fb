"""HTML forms: they parse what a browser sends; the actions decide what is allowed."""

from __future__ import annotations

from django import forms

from kettle.accounts.models import ChildrenVisibility, Role
from kettle.core.forms import KettleForm


class SignUpForm(KettleForm):
    email = forms.CharField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    handle = forms.CharField(max_length=30, help_text="Your @name: lower-case letters, numbers and underscores.",
                             widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}))
    display_name = forms.CharField(max_length=60, label="What should we call you?",
                                   widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    password = forms.CharField(strip=False, help_text="At least 10 characters. A short sentence works well.",
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class LoginForm(KettleForm):
    email = forms.CharField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class EmailForm(KettleForm):
    email = forms.CharField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class NewPasswordForm(KettleForm):
    new_password = forms.CharField(strip=False, label="New password",
                                   help_text="At least 10 characters. A short sentence works well.",
                                   widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class ChangePasswordForm(NewPasswordForm):
    current_password = forms.CharField(strip=False, label="Current password",
                                       widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    field_order = ["current_password", "new_password"]


class ChangeEmailForm(KettleForm):
    new_email = forms.CharField(max_length=254, label="New email address", widget=forms.EmailInput())
    password = forms.CharField(strip=False, label="Your password", widget=forms.PasswordInput())


ROLE_CHOICES = [("", "Rather not say")] + list(Role.choices)


class AboutForm(KettleForm):
    display_name = forms.CharField(max_length=60, label="Your name, as others will see it")
    role = forms.ChoiceField(choices=ROLE_CHOICES, required=False, label="I'm a",
                             widget=forms.RadioSelect)
    pronouns = forms.CharField(max_length=30, required=False, help_text="Optional, for example she/her.")
    bio = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                          label="A little about you",
                          help_text="Optional. A line or two: what you're into, what you'd love help with.")


class ChildForm(KettleForm):
    EXPECTING, BORN = "expecting", "born"
    kind = forms.ChoiceField(choices=[(EXPECTING, "Expecting"), (BORN, "Born")], widget=forms.RadioSelect,
                             label="This child is", initial=EXPECTING)
    due_date = forms.DateField(required=False, label="Due date", widget=forms.DateInput(attrs={"type": "date"}))
    birth_month = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Birth month",
        choices=[("", "Month")] + [(i, m) for i, m in enumerate(
            ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"], start=1)])
    birth_year = forms.IntegerField(required=False, label="Birth year", min_value=1900, max_value=2200)
    weeks_early = forms.IntegerField(required=False, min_value=0, max_value=20, initial=0,
                                     label="Born early? Weeks early",
                                     help_text="Optional. We use corrected age until two years.")

    def action_data(self) -> dict:
        data = self.cleaned_data
        if data["kind"] == self.EXPECTING:
            return {"due_date": data.get("due_date")}
        return {"birth_year": data.get("birth_year"), "birth_month": data.get("birth_month"),
                "weeks_early": data.get("weeks_early") or 0}

    def clean(self):
        data = super().clean()
        if data.get("kind") == self.EXPECTING and not data.get("due_date") and "due_date" not in self.errors:
            self.add_error("due_date", "Please add the due date.")
        if data.get("kind") == self.BORN:
            if not data.get("birth_month") and "birth_month" not in self.errors:
                self.add_error("birth_month", "Please choose the month your child was born.")
            if not data.get("birth_year") and "birth_year" not in self.errors:
                self.add_error("birth_year", "Please add the year your child was born.")
        return data


class AreaForm(KettleForm):
    place_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    interests = forms.CharField(required=False, max_length=1000,
                                help_text="Separate with commas, for example: baby massage, running, slings.")
    discoverable = forms.BooleanField(required=False, label="Show me in \"parents near you\"",
                                      help_text="Off unless you turn it on. Others only ever see your town "
                                                "and a rough distance, never where you live.")


class PrivacyForm(KettleForm):
    children_visibility = forms.ChoiceField(choices=ChildrenVisibility.choices, widget=forms.RadioSelect,
                                            label="Who can see my children's ages and stages")
    discoverable = forms.BooleanField(required=False, label="Show me in \"parents near you\"")
    is_public = forms.BooleanField(required=False, label="Let people who aren't logged in see my profile")
    is_locked = forms.BooleanField(required=False, label="Approve new followers",
                                   help_text="People ask to follow you, and only see your followers-only posts "
                                             "once you say yes.")


class AvatarForm(KettleForm):
    avatar = forms.FileField(required=True, label="Profile photo",
                             help_text="JPEG, PNG or WebP up to 10 MB. We remove location and camera details.")


class TokenForm(KettleForm):
    name = forms.CharField(max_length=60, label="Token name", help_text="For example: my phone's shortcut.")
