"""Settings pages: profile, children, privacy, account and API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kettle.accounts import actions
from kettle.accounts.forms import (
    AboutForm,
    AreaForm,
    AvatarForm,
    ChangeEmailForm,
    ChangePasswordForm,
    ChildForm,
    PrivacyForm,
    TokenForm,
)
from kettle.accounts.models import Child
from kettle.accounts.queries import children_with_stages
from kettle.core.places import place_choice_error, place_search_context
from kettle.core.ratelimit import RateLimited


def _profile_forms(request: HttpRequest, bound: str | None = None) -> dict:
    """The three forms of the profile page; only the one that was submitted is bound, so an
    error in one never blanks the others."""
    profile = request.member.profile

    def data(name: str):
        return request.POST if name == bound else None

    return {
        "about": AboutForm(data("about"), initial={"display_name": profile.display_name, "role": profile.role,
                                                   "pronouns": profile.pronouns, "bio": profile.bio},
                           prefix="about"),
        "area": AreaForm(data("area"), initial={"place_id": profile.place_id, "discoverable": profile.discoverable,
                                                "interests": ", ".join(i.name for i in profile.interests.all())},
                         prefix="area"),
        "avatar": AvatarForm(data("avatar"), request.FILES if bound == "avatar" else None, prefix="avatar"),
    }


def _save_profile_form(member, which: str, form) -> None:
    if which == "avatar":
        actions.do_set_avatar(member, form.cleaned_data["avatar"])
        return
    data = dict(form.cleaned_data)
    if which == "area":
        data.pop("discoverable", None)  # the privacy page owns this switch
    actions.do_update_profile(member, **data)


@login_required
def profile_settings(request: HttpRequest) -> HttpResponse:
    member = request.member
    context = {"place_results": None, "place_query": ""}
    which = request.POST.get("form") if request.method == "POST" else None
    if request.method == "POST" and request.POST.get("find_places"):
        # "Find places" without JavaScript: list the matches and save nothing yet.
        forms = _profile_forms(request)
        context.update(place_search_context(request.POST.get("place_q", ""), member))
        forms["area"].initial["interests"] = request.POST.get("area-interests", "")
    else:
        forms = _profile_forms(request, bound=which)
    form = forms.get(which) if which else None
    status, retry_after = 200, None
    if form is not None and form.is_bound and form.is_valid():
        if which == "area":
            problem = place_choice_error(request.POST.get("place_q", ""), form.cleaned_data.get("place_id"))
            if problem:
                form.add_error("place_id", problem)
        if form.is_valid():
            try:
                _save_profile_form(member, which, form)
            except ValidationError as error:
                form.apply_errors(error)
            except RateLimited as error:
                form.add_error("place_id", error.message)  # on the form, so other edits aren't lost
                status, retry_after = 429, error.retry_after
            else:
                messages.success(request, "Saved.")
                return redirect("accounts:settings_profile")
    response = render(request, "accounts/settings_profile.html", {"forms": forms, "profile": member.profile,
                                                                  "section": "profile", **context}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@login_required
@require_POST
def remove_avatar(request: HttpRequest) -> HttpResponse:
    actions.do_remove_avatar(request.member)
    messages.success(request, "Your photo is removed.")
    return redirect("accounts:settings_profile")


def add_child_from(request: HttpRequest) -> tuple[ChildForm, bool]:
    """The "add a child" form that settings and onboarding share: bound to a POST, and True once
    the child is added (otherwise the form carries the errors to show)."""
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_child(request.member, **form.action_data())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return form, True
    return form, False


@login_required
def children_settings(request: HttpRequest) -> HttpResponse:
    member = request.member
    form, added = add_child_from(request)
    if added:
        messages.success(request, "Added.")
        return redirect("accounts:settings_children")
    return render(request, "accounts/settings_children.html", {
        "form": form, "children": children_with_stages(list(member.children.all())), "section": "children"})


@login_required
def edit_child(request: HttpRequest, child_id: int) -> HttpResponse:
    member = request.member
    child = get_object_or_404(Child, id=child_id, parent=member)
    initial = ({"kind": ChildForm.EXPECTING, "due_date": child.due_date} if child.due_date else
               {"kind": ChildForm.BORN, "birth_month": child.birth_month, "birth_year": child.birth_year,
                "weeks_early": child.weeks_early})
    form = ChildForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_child(member, child.id, **form.action_data())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, "Updated.")
            return redirect("accounts:settings_children")
    return render(request, "accounts/edit_child.html", {"form": form, "child": child, "section": "children"})


@login_required
@require_POST
def child_action(request: HttpRequest, child_id: int, action: str) -> HttpResponse:
    member = request.member
    if action == "remove":
        actions.do_remove_child(member, child_id)
        messages.success(request, "Removed.")
    elif action == "loss":
        actions.do_record_loss(member, child_id)
        return redirect("accounts:loss_support")
    elif action == "undo-loss":
        actions.do_undo_loss(member, child_id)
        messages.success(request, "Updated.")
    else:
        return redirect("accounts:settings_children")
    return redirect("accounts:settings_children")


@login_required
def loss_support(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/loss_support.html", {"section": "children"})


@login_required
def privacy_settings(request: HttpRequest) -> HttpResponse:
    profile = request.member.profile
    form = PrivacyForm(request.POST or None, initial={
        "children_visibility": profile.children_visibility, "discoverable": profile.discoverable,
        "is_public": profile.is_public, "is_locked": profile.is_locked})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_profile(request.member, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, "Your privacy choices are saved.")
            return redirect("accounts:settings_privacy")
    return render(request, "accounts/settings_privacy.html", {"form": form, "section": "privacy"})


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    member = request.member
    which = request.POST.get("form") if request.method == "POST" else None
    password_form = ChangePasswordForm(request.POST if which == "password" else None, prefix="password")
    email_form = ChangeEmailForm(request.POST if which == "email" else None, prefix="email")
    if which == "password" and password_form.is_valid():
        try:
            actions.do_change_password(member, **password_form.cleaned_data)
        except ValidationError as error:
            password_form.apply_errors(error)
        else:
            update_session_auth_hash(request, member)
            messages.success(request, "Your password is changed.")
            return redirect("accounts:settings_account")
    if which == "email" and email_form.is_valid():
        try:
            actions.do_request_email_change(member, **email_form.cleaned_data)
        except ValidationError as error:
            email_form.apply_errors(error)
        else:
            messages.success(request, "We've sent a link to your new address. Open it to finish the change.")
            return redirect("accounts:settings_account")
    return render(request, "accounts/settings_account.html", {
        "password_form": password_form, "email_form": email_form, "section": "account"})


@login_required
@require_POST
def log_out_everywhere(request: HttpRequest) -> HttpResponse:
    actions.do_log_out_everywhere(request.member)
    logout(request)
    messages.info(request, "You're logged out on every device. Log in again here when you're ready.")
    return redirect("accounts:login")


@login_required
def token_settings(request: HttpRequest) -> HttpResponse:
    member = request.member
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, raw = actions.do_create_token(member, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            # Shown once, after a redirect, so reloading the page can't create a second token.
            request.session["new_token"] = raw
            return redirect("accounts:settings_tokens")
    return render(request, "accounts/settings_tokens.html", {
        "form": form, "new_token": request.session.pop("new_token", None),
        "tokens": list(member.access_tokens.all()), "section": "tokens"})


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = actions.do_revoke_token(request.member, token_id)
    messages.success(request, f"The token \"{token.name}\" is revoked and no longer works.")
    return redirect("accounts:settings_tokens")
