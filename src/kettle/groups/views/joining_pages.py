"""Joining a group (with the rules and, for a private group, its questions), leaving it
(also withdrawing a request or turning down an invitation), inviting someone, and the
landing page of an invite link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from kettle.groups import actions
from kettle.groups.actions.invites import usable_invite
from kettle.groups.clubs import matches_club
from kettle.groups.models import Membership
from kettle.groups.page_forms import InviteMemberForm, JoinForm
from kettle.groups.queries import membership_of
from kettle.groups.views.common import refusal, standing

JOINED = {
    Membership.State.ACTIVE: "You're in! Say hello whenever you're ready.",
    Membership.State.PENDING: "Thanks! Your request is with the moderators; we'll let you know when they've answered.",
}


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str) -> HttpResponse:
    found = standing(request, slug)
    group = found.group
    if found.active:
        return redirect(group.url)
    # A private group asks (with its questions); not when invited, moderating, or a parent due that month.
    asks = (not group.is_public and found.state != Membership.State.INVITED and not found.moderator
            and not (group.is_club and matches_club(request.member, group)))
    form = JoinForm(request.POST if request.method == "POST" else None, questions=group.questions if asks else [])
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            membership = actions.do_join_group(request.member, group.id, answers=form.answers())
        except ValidationError as failure:
            form.apply_errors(failure)
        except PermissionDenied as failure:
            error = refusal(failure)
        else:
            messages.success(request, JOINED.get(membership.state, "Done."))
            return redirect(group.url)
    return render(request, "groups/site/join.html", {
        "st": found, "group": group, "membership": found.membership, "moderator": found.moderator, "form": form,
        "asks": asks, "error": error, "nav": "groups"}, status=400 if form.errors or error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    found = standing(request, slug)
    if found.membership is None or found.state == Membership.State.BANNED:
        return redirect(found.group.url)
    error = ""
    if request.method == "POST":
        try:
            actions.do_leave_group(request.member, found.group.id)
        except (ValidationError, PermissionDenied) as failure:
            error = refusal(failure)
        else:
            words = {"pending": "Your request is withdrawn.", "invited": "No problem: the invitation is turned down."}
            messages.success(request, words.get(found.state, f"You've left {found.group.name}."))
            return redirect("groups:index")
    return render(request, "groups/site/leave.html", {
        "st": found, "group": found.group, "membership": found.membership, "moderator": found.moderator,
        "error": error, "nav": "groups"}, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def invite_member(request: HttpRequest, slug: str) -> HttpResponse:
    found = standing(request, slug)
    if not (found.active or found.moderator):
        messages.info(request, "Join the group to invite people to it.")
        return redirect(found.group.url)
    form = InviteMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invited = actions.do_invite_member(request.member, found.group.id, form.cleaned_data["handle"])
        except ValidationError as failure:
            form.apply_errors(failure)
        except PermissionDenied as failure:
            form.add_error(None, refusal(failure))
        else:
            done = "They're in." if invited.is_active else "Invitation sent: they'll see it in their notifications."
            messages.success(request, done)
            return redirect(found.group.url)
    return render(request, "groups/site/invite_member.html", {
        "st": found, "group": found.group, "membership": found.membership, "moderator": found.moderator,
        "form": form, "nav": "groups"}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def invite_landing(request: HttpRequest, code: str) -> HttpResponse:
    """An invite link: the group, its rules, and a way in. The link is the permission, so
    even a secret group shows here."""
    invite = usable_invite(code)
    if invite is None:  # unknown, expired, used up or turned off: all look the same
        return render(request, "groups/site/invite_gone.html", {"nav": "groups"}, status=404)
    group = invite.group
    if request.method == "POST":
        if request.member is None:
            return redirect_to_login(request.path)
        try:
            actions.do_join_by_invite(request.member, code)
        except PermissionDenied as failure:
            messages.error(request, refusal(failure))
            return HttpResponseRedirect(request.path)
        messages.success(request, JOINED[Membership.State.ACTIVE])
        return redirect(group.url)
    mine = membership_of(request.member, group)
    return render(request, "groups/site/invite_landing.html", {"group": group, "invite": invite,
                                                                 "membership": mine, "nav": "groups"})


urlpatterns = [
    path("groups/<slug:slug>/join", join, name="join"),
    path("groups/<slug:slug>/leave", leave, name="leave"),
    path("groups/<slug:slug>/invite", invite_member, name="invite_member"),
    path("invite/<str:code>", invite_landing, name="invite"),
]
