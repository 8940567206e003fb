"""Starting a group, its settings, invite links, and closing it for good."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from kettle.core.models import Place
from kettle.core.places import place_choice_error, place_search_context
from kettle.core.ratelimit import RateLimited
from kettle.groups import actions
from kettle.groups.actions.groups import EDITABLE
from kettle.groups.models import Invite, Membership, Organisation
from kettle.groups.page_forms import GroupForm, InviteLinkForm
from kettle.groups.views.common import moderating, refusal, runs_group, try_action


def _form_page(request: HttpRequest, form: GroupForm, template: str, context: dict) -> HttpResponse | None:
    """Shared by "start" and "settings": the no-JS place search, the picker check. Returns a
    response to show the form again, or None when the form may go to the action."""
    if request.POST.get("find_places"):
        context.update(place_search_context(request.POST.get("place_q", ""), request.member))
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    problem = place_choice_error(request.POST.get("place_q", ""), form.cleaned_data.get("place_id"))
    if problem:
        form.add_error("place_id", problem)
        return render(request, template, context, status=400)
    return None


def _chosen_place(form: GroupForm, fallback=None):
    place_id = form.data.get("place_id") if form.is_bound else None
    if place_id and str(place_id).isdigit():
        return Place.objects.filter(id=int(place_id)).first()
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    organisations = list(Organisation.objects.filter(team__member=request.member, team__role="admin"))
    form = GroupForm(request.POST if request.method == "POST" else None, creating=True, organisations=organisations)
    context = {"form": form, "place": _chosen_place(form), "nav": "groups", "place_results": None}
    if request.method == "POST":
        shown = _form_page(request, form, "groups/site/new.html", context)
        if shown is not None:
            return shown
        try:
            group = actions.do_create_group(request.member, **form.action_fields())
        except ValidationError as error:
            form.apply_errors(error)
        except RateLimited as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Your group is ready. Invite a few people to get it going.")
            return redirect(group.url)
        return render(request, "groups/site/new.html", context, status=400)
    return render(request, "groups/site/new.html", context)


def _initial(group) -> dict:
    return {"name": group.name, "privacy": group.privacy, "description": group.description, "rules": group.rules,
            "place_id": group.place_id, "radius_km": group.radius_km,
            "topics": ", ".join(group.topics.values_list("name", flat=True)), "post_approval": group.post_approval,
            "allow_anonymous": group.allow_anonymous, "questions": "\n".join(group.questions)}


@login_required
@require_http_methods(["GET", "POST"])
def group_settings(request: HttpRequest, slug: str) -> HttpResponse:
    found = moderating(request, slug)
    group = found.group
    before = _initial(group)
    form = GroupForm(request.POST if request.method == "POST" else None, initial=before, club=group.is_club)
    # Privacy is the owner's (or the owning organisation's admins') call; closing is the owner's alone.
    owner = runs_group(request.member, group)
    closes = found.membership is not None and found.membership.role == Membership.Role.OWNER
    context = {"st": found, "group": group, "membership": found.membership, "moderator": True, "form": form,
               "owner": owner, "closes": closes, "place": _chosen_place(form, group.place), "nav": "groups",
               "place_results": None}
    if request.method == "POST":
        shown = _form_page(request, form, "groups/site/settings.html", context)
        if shown is not None:
            return shown
        changes = {name: value for name, value in form.action_fields().items()
                   if name in EDITABLE and value != before.get(name, value)}
        try:
            actions.do_update_group(request.member, group.id, **changes)
        except ValidationError as error:
            form.apply_errors(error)
        except PermissionDenied as error:
            form.add_error(None, refusal(error))
        else:
            messages.success(request, "Saved.")
            return redirect(reverse("groups:settings", kwargs={"slug": slug}))
        return render(request, "groups/site/settings.html", context, status=400)
    return render(request, "groups/site/settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def invite_links(request: HttpRequest, slug: str) -> HttpResponse:
    found = moderating(request, slug)
    form = InviteLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_create_invite(request.member, found.group.id, days=form.cleaned_data["days"],
                                     max_uses=form.cleaned_data["max_uses"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, "Here's your link. Share it with the people you'd like to join.")
            return redirect(reverse("groups:invites", kwargs={"slug": slug}))
    invites = list(Invite.objects.filter(group=found.group).select_related("created_by__profile")[:50])
    return render(request, "groups/site/invites.html", {
        "st": found, "group": found.group, "membership": found.membership, "moderator": True, "form": form,
        "invites": invites, "nav": "groups"}, status=400 if form.errors else 200)


@login_required
@require_POST
def revoke_invite(request: HttpRequest, slug: str, invite_id: int) -> HttpResponse:
    found = moderating(request, slug)
    return try_action(request, actions.do_revoke_invite, request.member, found.group.id, invite_id,
                      done="That link no longer works.", back=reverse("groups:invites", kwargs={"slug": slug}))


@login_required
@require_http_methods(["GET", "POST"])
def group_delete(request: HttpRequest, slug: str) -> HttpResponse:
    found = moderating(request, slug)
    if found.membership is None or found.membership.role != Membership.Role.OWNER:
        raise Http404("No such page.")
    if request.method == "POST":
        actions.do_delete_group(request.member, found.group.id)
        messages.success(request, f"{found.group.name} is closed, and its posts are gone.")
        return redirect("groups:index")
    return render(request, "groups/site/delete.html", {"group": found.group, "nav": "groups"})


urlpatterns = [
    path("groups/new", group_new, name="new"),
    path("groups/<slug:slug>/settings", group_settings, name="settings"),
    path("groups/<slug:slug>/invites", invite_links, name="invites"),
    path("groups/<slug:slug>/invites/<int:invite_id>/revoke", revoke_invite, name="revoke_invite"),
    path("groups/<slug:slug>/delete", group_delete, name="delete"),
]
